package io.gristmill.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.gristmill.testing.FrontWebhookSigner;
import io.gristmill.testing.Latencies;
import io.gristmill.testing.LocalAws;
import io.gristmill.testing.SimulatedFront;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cold start and memory of the packaged JVM build, each function in its own process as Lambda's
 * {@code java21} runtime runs it ({@link LocalLambda}), printed as {@code BENCH <name> <value>}:
 * process start → first handled event of the {@code front-webhook} function (a signed app webhook:
 * secret read, signature, look-ups, conditional put), next to a bare Funqy function built from
 * {@code src/bench/bare-funqy} with the same Quarkus (the median of alternating rounds, one run);
 * then, in one warm instance, webhook latency next to a bare PutItem (the p99 ratio as Lambda would
 * run it, without the mock event server of {@code FrontWebhookBench}) and the function's resident
 * memory after those 2,400 more events (the template gives it 256 MB).
 */
@Tag("bench")
class ColdStartBenchIT {
    private static final int ROUNDS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int WARMUP = 200;
    private static final int MEASURED = 1000;

    @Test
    void cold_start_next_to_a_bare_funqy_function_then_warm_latency_and_memory_of_one_instance() throws Exception {
        Path project = LocalAws.projectDir();
        Path runner = Path.of(System.getProperty("runner-jar"));
        Path bare = buildBareFunqy(project);
        Path work = Files.createTempDirectory("coldstart");
        Path runtimeClient = LocalLambda.runtimeClientClasses(work.resolve("runtime-client"));
        LocalAws aws = LocalAws.get();
        aws.putSecret("gristmill/_app/front", "{\"client_id\":\"" + SimulatedFront.CLIENT_ID + "\",\"client_secret\":\""
                + SimulatedFront.CLIENT_SECRET + "\",\"app_secret\":\"" + SimulatedFront.APP_SECRET + "\"}");
        String company = "cmp_" + UUID.randomUUID().toString().substring(0, 8);
        connect("t-" + UUID.randomUUID().toString().substring(0, 12), company, aws);
        Map<String, String> env = LocalLambda.awsEnvironment(aws);
        String template = event(company);

        List<ColdStart> function = new ArrayList<>();
        List<ColdStart> yardstick = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            function.add(firstEvent("front-webhook", runner, runtimeClient, env, work,
                    FrontWebhookSigner.appWebhook(template.replace("EVENT_ID", "evt_cold" + round), true).json(),
                    answer -> assertThat(answer).contains("stored")));
            yardstick.add(firstEvent("echo", bare, runtimeClient, Map.of("AWS_REGION", LocalAws.REGION, "DISABLE_SIGNAL_HANDLERS", "true"),
                    work, "\"hello\"", answer -> assertThat(answer).isEqualTo("\"hello\"")));
        }
        long functionMs = median(function.stream().map(ColdStart::firstEventMs).toList());
        long bareMs = median(yardstick.stream().map(ColdStart::firstEventMs).toList());
        System.out.println("BENCH coldstart.first_event_ms " + functionMs);
        System.out.println("BENCH coldstart.bare_funqy_ms " + bareMs);
        System.out.printf("BENCH coldstart.ratio %.2f%n", functionMs / (double) bareMs);
        // Where the difference lies: Quarkus's own boot (its "started in"), before any event.
        System.out.println("BENCH coldstart.boot_ms " + median(function.stream().map(ColdStart::bootMs).toList()));
        System.out.println("BENCH coldstart.bare_boot_ms " + median(yardstick.stream().map(ColdStart::bootMs).toList()));

        try (LocalLambda webhook = new LocalLambda("front-webhook", runner, runtimeClient, env, work); DynamoDbClient dynamo = aws.dynamo()) {
            webhook.awaitReady();
            latencyNextToABarePut(webhook, template, dynamo);
            System.out.printf("BENCH front.webhook.rss_mb %.1f%n", webhook.residentKilobytes() / 1024.0);
        }
    }

    /**
     * Warm webhook latency of the packaged function in its own process, behind the Lambda Runtime
     * API as Lambda runs it, next to a bare conditional PutItem from this process into the same
     * DynamoDB Local, interleaved; and an unsigned webhook (refused before any storage): the Runtime
     * API's trip and the router's, which every event pays.
     */
    private static void latencyNextToABarePut(LocalLambda webhook, String template, DynamoDbClient dynamo) {
        for (int i = 0; i < WARMUP; i++) {
            assertThat(webhook.invoke(FrontWebhookSigner.appWebhook(template.replace("EVENT_ID", "evt_w" + i), true).json(), TIMEOUT))
                    .contains("stored");
            barePut(dynamo, "w" + i);
        }
        long[] handled = new long[MEASURED];
        long[] put = new long[MEASURED];
        long[] refused = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            String signed = FrontWebhookSigner.appWebhook(template.replace("EVENT_ID", "evt_m" + i), true).json();
            String unsigned = FrontWebhookSigner.appWebhook(template.replace("EVENT_ID", "evt_r" + i), false).json();
            long start = System.nanoTime();
            String answer = webhook.invoke(signed, TIMEOUT);
            handled[i] = System.nanoTime() - start;
            assertThat(answer).contains("stored");
            start = System.nanoTime();
            barePut(dynamo, "m" + i);
            put[i] = System.nanoTime() - start;
            start = System.nanoTime();
            answer = webhook.invoke(unsigned, TIMEOUT);
            refused[i] = System.nanoTime() - start;
            assertThat(answer).contains("401");
        }
        System.out.printf("BENCH front.webhook.packaged.p50_ms %.2f%n", Latencies.millis(handled, 0.50));
        System.out.printf("BENCH front.webhook.packaged.p99_ms %.2f%n", Latencies.millis(handled, 0.99));
        System.out.printf("BENCH front.webhook.packaged.bare_put_p50_ms %.2f%n", Latencies.millis(put, 0.50));
        System.out.printf("BENCH front.webhook.packaged.bare_put_p99_ms %.2f%n", Latencies.millis(put, 0.99));
        System.out.printf("BENCH front.webhook.packaged.p99_ratio %.2f%n", Latencies.millis(handled, 0.99) / Latencies.millis(put, 0.99));
        System.out.printf("BENCH front.webhook.packaged.refused_p50_ms %.2f%n", Latencies.millis(refused, 0.50));
        System.out.printf("BENCH front.webhook.packaged.refused_p99_ms %.2f%n", Latencies.millis(refused, 0.99));
    }

    /** The one write a webhook makes, bare: a conditional PutItem of a 300-byte item. */
    private static void barePut(DynamoDbClient dynamo, String id) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of("PK", s("BENCH#" + UUID.randomUUID() + "#" + id), "SK", s("ACT"),
                "payload", s("x".repeat(300))));
        dynamo.putItem(b -> b.tableName(LocalAws.TABLE).item(item).conditionExpression("attribute_not_exists(PK)"));
    }

    /** Milliseconds from starting a function's process to its answer to the first event, and of Quarkus's boot within them. */
    private record ColdStart(long firstEventMs, long bootMs) {
    }

    /** Starts the function's process, sends it its first event and times both. */
    private static ColdStart firstEvent(String export, Path jar, Path runtimeClient, Map<String, String> env, Path work, String event,
            java.util.function.Consumer<String> check) throws IOException {
        long start = System.nanoTime();
        try (LocalLambda function = new LocalLambda(export, jar, runtimeClient, env, work)) {
            String answer = function.invoke(event, TIMEOUT);
            long millis = (System.nanoTime() - start) / 1_000_000;
            check.accept(answer);
            return new ColdStart(millis, lastBootMillis(function.log()));
        }
    }

    /** Quarkus's own boot time, from the last "started in 1.234s" of the function's log. */
    private static long lastBootMillis(Path log) throws IOException {
        java.util.regex.Matcher started = java.util.regex.Pattern.compile("started in (\\d+\\.\\d+)s").matcher(Files.readString(log));
        long millis = -1;
        while (started.find()) {
            millis = Math.round(Double.parseDouble(started.group(1)) * 1000);
        }
        assertThat(millis).as("a \"started in\" line in " + log).isNotNegative();
        return millis;
    }

    /** The yardstick: a Funqy function and nothing else, packaged the way ours is. */
    private static Path buildBareFunqy(Path project) throws IOException, InterruptedException {
        Path pom = project.resolve("src/bench/bare-funqy/pom.xml");
        List<String> command = new ArrayList<>(List.of(project.resolve("mvnw").toString(), "-B", "-q", "-f", pom.toString(), "package"));
        if ("offline:true".equals(System.getProperty("bench.maven-mode"))) { // as this build runs: -o or not
            command.add(1, "-o");
        }
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        // The JDK the toolchain gave this test, not whatever JAVA_HOME or PATH the shell had.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process build = builder.start();
        assertThat(build.waitFor()).as("building src/bench/bare-funqy").isZero();
        return project.resolve("src/bench/bare-funqy/target/bare-funqy-1.0-runner.jar");
    }

    /** A tenant with Front connected to {@code company}, as the connect flow stores it. */
    private static void connect(String tenant, String company, LocalAws aws) {
        try (DynamoDbClient dynamo = aws.dynamo()) {
            dynamo.putItem(b -> b.tableName(LocalAws.TABLE).item(Map.of("PK", s("ORG#front#" + company), "SK", s("OWNER"),
                    "type", s("account-owner"), "tenantId", s(tenant))));
            dynamo.putItem(b -> b.tableName(LocalAws.TABLE).item(Map.of("PK", s("T#" + tenant), "SK", s("CONN#front"),
                    "type", s("connection"), "state", s("CONNECTED"), "account", s(company), "connectedBy", s("auth0|admin"),
                    "connectedAt", s(java.time.Instant.now().toString()), "changedAt", s(java.time.Instant.now().toString()))));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** A full app webhook (the event with its message body, as Front sends it) of {@code company}, emitted now. */
    private static String event(String company) throws IOException {
        try (InputStream in = ColdStartBenchIT.class.getResourceAsStream("/front/outbound-full.json")) {
            java.time.Instant now = java.time.Instant.now();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("EMITTED_AT", String.format("%d.%03d", now.getEpochSecond(), now.getNano() / 1_000_000))
                    .replace("COMPANY_ID", company);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
