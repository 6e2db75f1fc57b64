package io.gristmill.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gristmill.testing.LocalAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Kills a scheduled function's JVM at random points of its run, as Lambda ends an instance that
 * runs out of time or memory, and proves that the next runs finish the work with nothing lost or
 * doubled. Per job: a clean run from scratch gives the reference; then, from scratch again, the
 * function is killed {@code kills} times at a random moment within the reference run's duration
 * (a run that finished first is undone and tried again, so every kill lands mid-run, on whatever
 * the earlier kills left), and is then run until it reports its work done. What is stored must
 * equal the reference exactly.
 */
final class KillDrill {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    private final Map<String, LocalLambda> functions;
    private final Path projectDir;
    private final String tenant;
    private final DynamoDbClient dynamo = LocalAws.get().dynamo();
    private final Random random = new Random();
    /** The longest single invocation of the last {@link #runUntilDone}: a run's own time, without the waits between runs. */
    private long longestRunMillis;

    KillDrill(Map<String, LocalLambda> functions, Path projectDir, String tenant) {
        this.functions = functions;
        this.projectDir = projectDir;
        this.tenant = tenant;
    }

    /** One scheduled job: what it stores, how to undo it, and how a run says its work is done. */
    record Job(String export, Predicate<Map<String, AttributeValue>> stores, List<String> stateSortKeyPrefixes, Predicate<JsonNode> done,
            java.util.function.BooleanSupplier settled) {
    }

    /** What the drill found: kills made, and differences from the reference (empty when none). */
    record Result(String export, int kills, int attempts, long seconds, int runsAfterKills, int items, List<String> differences) {
    }

    Result run(Job job, int kills) {
        undo(job);
        runUntilDone(job);
        // Kills land within one run's own time (not the whole reference, which includes the pauses between runs):
        // the faster a poll gets, the more of a window measured with pauses would fall after the run has finished.
        long referenceMillis = Math.max(200, longestRunMillis);
        Set<String> reference = stored(job);
        undo(job);

        int killed = 0;
        int attempt = 0;
        Instant drillStarted = Instant.now();
        for (; killed < kills && attempt < kills * 10; attempt++) {
            CompletableFuture<String> run = CompletableFuture.supplyAsync(() -> functions.get(job.export()).invoke(schedule(job), RUN_TIMEOUT));
            sleep(20 + random.nextLong(referenceMillis));
            if (run.isDone()) {
                undo(job); // finished before the kill: from scratch again, so that the next kill lands mid-run
                continue;
            }
            functions.get(job.export()).killAndStartAgain();
            run.handle((answer, error) -> null).join();
            killed++;
        }
        int runs = runUntilDone(job);
        Set<String> after = stored(job);
        List<String> differences = new ArrayList<>();
        Set<String> lost = new HashSet<>(reference);
        lost.removeAll(after);
        Set<String> extra = new HashSet<>(after);
        extra.removeAll(reference);
        lost.stream().limit(5).forEach(item -> differences.add("lost: " + item));
        extra.stream().limit(5).forEach(item -> differences.add("extra or doubled: " + item));
        if (killed < kills) {
            differences.add("only " + killed + " of " + kills + " kills landed mid-run");
        }
        return new Result(job.export(), killed, attempt, Duration.between(drillStarted, Instant.now()).toSeconds(), runs, after.size(),
                differences);
    }

    /** Runs the job until a run reports its work done (a killed run's lease expires within seconds). */
    private int runUntilDone(Job job) {
        longestRunMillis = 0;
        for (int run = 1; run <= 30; run++) {
            String answer;
            long start = System.nanoTime();
            try {
                answer = functions.get(job.export()).invoke(schedule(job), RUN_TIMEOUT);
                longestRunMillis = Math.max(longestRunMillis, (System.nanoTime() - start) / 1_000_000);
            } catch (LocalLambda.FunctionError failed) {
                sleep(1000);
                continue;
            }
            try {
                for (JsonNode report : JSON.readTree(answer)) {
                    if (tenant.equals(report.path("tenantId").asText()) && job.done().test(report) && job.settled().getAsBoolean()) {
                        return run;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sleep(1000);
        }
        throw new IllegalStateException(job.export() + " did not report its work done within 30 runs");
    }

    private String schedule(Job job) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(projectDir.resolve("events/" + job.export() + "-schedule.json")));
            event.put("time", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            event.put("id", java.util.UUID.randomUUID().toString());
            return event.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything of the tenant the job stores, written out whole and sorted (only the tenant's own items). */
    private Set<String> stored(Job job) {
        Set<String> items = new HashSet<>();
        for (Map<String, AttributeValue> item : tenantItems()) {
            if (job.stores().test(item)) {
                Map<String, AttributeValue> shown = new java.util.TreeMap<>(item);
                shown.remove("generatedAt"); // when a draft was written, not what it says
                shown.remove("body");
                items.add(shown.toString());
            }
        }
        return items;
    }

    /** Deletes what the job stores and its sync state (cursors), so that it starts from scratch. */
    private void undo(Job job) {
        for (Map<String, AttributeValue> item : tenantItems()) {
            String sortKey = item.get("SK").s();
            boolean state = item.get("PK").s().equals("T#" + tenant) && job.stateSortKeyPrefixes().stream().anyMatch(sortKey::startsWith);
            if (job.stores().test(item) || state) {
                dynamo.deleteItem(b -> b.tableName(LocalAws.TABLE).key(Map.of("PK", item.get("PK"), "SK", item.get("SK"))));
            }
        }
    }

    /**
     * The tenant's items the jobs write: its own partition (cursors, directory), every activity
     * (through the employees' and the unattributed timelines) and every recap partition. Queries,
     * not a scan of the table: the drill reads them after every kill.
     */
    private List<Map<String, AttributeValue>> tenantItems() {
        List<Map<String, AttributeValue>> items = new ArrayList<>(query(null, "PK", "T#" + tenant));
        List<String> timelines = new ArrayList<>(List.of("~unattributed"));
        items.stream().filter(item -> item.get("SK").s().startsWith("EMP#")).forEach(item -> timelines.add(item.get("SK").s().substring(4)));
        for (String timeline : timelines) {
            items.addAll(query("GSI1", "GSI1PK", "T#" + tenant + "#EMP#" + timeline));
            items.addAll(query(null, "PK", "T#" + tenant + "#RECAP#" + timeline));
        }
        return items;
    }

    private List<Map<String, AttributeValue>> query(String index, String key, String value) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(LocalAws.TABLE).indexName(index).keyConditionExpression("#k = :v")
                .expressionAttributeNames(Map.of("#k", key)).expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))))
                .items().forEach(items::add);
        return items;
    }

    /** The tenant's connection to a provider says its last sync was complete. */
    boolean syncStatusOk(String provider) {
        Map<String, AttributeValue> connection = dynamo.getItem(b -> b.tableName(LocalAws.TABLE)
                .key(Map.of("PK", AttributeValue.fromS("T#" + tenant), "SK", AttributeValue.fromS("CONN#" + provider))).consistentRead(true)).item();
        return connection != null && connection.containsKey("syncStatus") && connection.get("syncStatus").s().matches("ok(; .*)?");
    }

    static boolean activityOf(Map<String, AttributeValue> item, String source) {
        return item.containsKey("type") && "activity".equals(item.get("type").s()) && source.equals(item.get("source").s());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
