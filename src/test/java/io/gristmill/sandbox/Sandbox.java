package io.gristmill.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.recap.IsoWeek;
import io.gristmill.sandbox.SandboxCompany.Person;
import io.gristmill.testing.LocalAws;
import io.gristmill.testing.LocalEventSource;
import io.gristmill.testing.SimulatedBedrock;
import io.gristmill.testing.SimulatedFront;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.WorkQueues;

/**
 * Gristmill on a laptop, with no cloud account: local DynamoDB and Secrets Manager, a simulated
 * Salesforce org and Front workspace seeded with {@link SandboxCompany}, and every function of
 * template.yaml started from the packaged artifact behind a local API Gateway ({@link FrontDoor}).
 * The admin connects both tools through the real OAuth flows, the schedules run the polls and
 * recap drafts, Front delivers signed webhooks, the employees read and confirm their recaps, and
 * the manager reads the team view. Then it serves the pages until stopped, with new work arriving
 * every minute — or, with {@code --once}, checks what happened and exits.
 *
 * <p>Run it with {@code ./mvnw -B -Psandbox verify} (add {@code -Dsandbox.once} for the
 * non-interactive run CI does). Exit code 0 means every step worked and every check held.
 */
public final class Sandbox {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SCHEDULED_TIMEOUT = Duration.ofMinutes(5);
    private Map<String, String> workQueues = Map.of();

    private final boolean once;
    private final int port;
    private final Path projectDir;
    private final Path runnerJar;
    private final Path workDir;
    private final Map<String, LocalLambda> functions = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    // Added to by the front door's and the ticker's threads too.
    private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final int kills;
    private final Map<String, String> recapLinks = new LinkedHashMap<>();
    private SimulatedSalesforce salesforce;
    private SimulatedFront front;
    private SimulatedBedrock bedrock;
    private SandboxCompany company;
    private FrontDoor door;
    private IsoWeek week;

    private Sandbox(boolean once, int port, Path projectDir, Path runnerJar, int kills) {
        this.once = once;
        this.kills = kills;
        this.port = port;
        this.projectDir = projectDir;
        this.runnerJar = runnerJar;
        this.workDir = projectDir.resolve("target/sandbox");
    }

    public static void main(String[] args) {
        boolean once = Arrays.asList(args).contains("--once") || Boolean.parseBoolean(System.getProperty("sandbox.once", "false"))
                || "".equals(System.getProperty("sandbox.once"));
        int port = Integer.getInteger("sandbox.port", 8088);
        Path projectDir = LocalAws.projectDir();
        Path jar = Path.of(System.getProperty("sandbox.runner-jar", projectDir.resolve("target/gristmill-0.1.0-SNAPSHOT-runner.jar").toString()));
        // -Dsandbox.kills=N: kill the scheduled functions mid-run N times in all and prove the next runs finish the work.
        Sandbox sandbox = new Sandbox(once, port, projectDir, jar, Integer.getInteger("sandbox.kills", 0));
        int code;
        try {
            code = sandbox.run();
        } catch (Exception e) {
            System.err.println("[sandbox] FAILED: " + e.getMessage());
            e.printStackTrace();
            code = 1;
        } finally {
            sandbox.close();
        }
        System.exit(code);
    }

    private int run() throws IOException, InterruptedException {
        if (!Files.isRegularFile(runnerJar)) {
            throw new IllegalStateException(runnerJar + " is missing: build it first (./mvnw -B -Psandbox verify does)");
        }
        Instant started = Instant.now();
        say("Starting local AWS (DynamoDB Local in-process, moto_server for Secrets Manager and SQS)");
        LocalAws aws = LocalAws.get();
        // Stored where an operator stores them before deploying (docs/deploy.md, "Deploy to AWS").
        aws.putSecret("gristmill/_app/salesforce", "{\"client_id\":\"" + SimulatedSalesforce.CLIENT_ID + "\",\"client_secret\":\""
                + SimulatedSalesforce.CLIENT_SECRET + "\"}");
        aws.putSecret("gristmill/_app/front", "{\"client_id\":\"" + SimulatedFront.CLIENT_ID + "\",\"client_secret\":\""
                + SimulatedFront.CLIENT_SECRET + "\",\"app_secret\":\"" + SimulatedFront.APP_SECRET + "\"}");

        salesforce = closing(new SimulatedSalesforce());
        front = closing(new SimulatedFront());
        bedrock = closing(new SimulatedBedrock());
        company = new SandboxCompany(salesforce, front);
        company.seed(started);
        week = IsoWeek.containing(started, SandboxCompany.ZONE, DayOfWeek.MONDAY).previous();
        say("Seeded Northwind Trading: Salesforce org at " + salesforce.baseUri() + ", Front workspace at " + front.baseUri());
        say("Recap narrator: a SIMULATED Bedrock runtime at " + bedrock.baseUri() + " — no language model runs here; it composes "
                + "paragraphs from the facts it is sent, and makes the mistakes it is told to");

        SamTemplate template = SamTemplate.read(projectDir.resolve("template.yaml"));
        door = closing(new FrontDoor(port, template, functions, this::indexPage, projectDir.resolve("target/web")));
        startFunctions(template, aws);

        Browser admin = new Browser(door.baseUri()).signIn(SandboxCompany.SAM.id());
        setUpTenant(admin);
        connectSalesforce(admin);
        connectFront(admin);
        String connections = connectionSummary(admin);
        say("Connections: " + connections);
        if (!connections.equals("salesforce connected, front connected")) {
            failures.add("both tools should be connected: " + connections);
        }

        KillDrill drill = new KillDrill(functions, projectDir, SandboxCompany.TENANT);
        if (kills > 0) {
            drill(drill, new KillDrill.Job("salesforce-poll", item -> KillDrill.activityOf(item, "salesforce"), List.of("CURSOR#salesforce#"),
                    report -> !report.path("alreadyRunning").asBoolean() && report.path("skipped").isEmpty()
                            && !report.path("stoppedForBudget").asBoolean(), () -> drill.syncStatusOk("salesforce")), share(kills, 0));
            drill(drill, new KillDrill.Job("front-reconcile", item -> KillDrill.activityOf(item, "front"), List.of("CURSOR#front#"),
                    report -> report.path("caughtUp").asBoolean(), () -> true), share(kills, 1));
        }
        runSchedule("salesforce-poll");
        runSchedule("front-reconcile");
        deliverLiveWork();
        runSchedule("front-reconcile");
        showSummaries(aws);
        company.redateWonDeal(Instant.now(), SandboxCompany.weekStart(started, 1));
        say("Ironleaf Tea's Close Date was corrected after signing; Salesforce is polled again");
        runSchedule("salesforce-poll");
        if (kills > 0) {
            String weekKey = week.toString();
            drill(drill, new KillDrill.Job("recap-drafts", item -> item.get("PK").s().startsWith("T#" + SandboxCompany.TENANT + "#RECAP#")
                    && item.get("SK").s().startsWith(weekKey), List.of(),
                    report -> report.path("error").isNull() && report.path("failed").asInt() == 0, () -> true), share(kills, 2));
        }
        runSchedule("recap-drafts");
        readAndConfirmRecaps();
        if (once) {
            failures.addAll(WebAppTests.run(projectDir, door.baseUri(), week, Sandbox::say));
            WebAppTests.checkRavisWeek(new Browser(door.baseUri()).signIn(SandboxCompany.RAVI.id()), week, failures);
            WebAppTests.checkSamsWork(new Browser(door.baseUri()).signIn(SandboxCompany.SAM.id()), failures);
        }
        showTeam();
        checkNothingPrivateWasKept(aws);
        say("Running infra/aws/smoke.sh against the sandbox, described as the stack '" + SandboxSmoke.STACK + "' in moto");
        failures.addAll(SandboxSmoke.run(projectDir, aws, door.baseUri(), Sandbox::say));

        Duration took = Duration.between(started, Instant.now());
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.err.println("[sandbox] CHECK FAILED: " + f));
            return 1;
        }
        say("Everything worked in " + took.toSeconds() + " s. Function logs: " + workDir.resolve("logs"));
        if (once) {
            return 0;
        }
        serveUntilStopped();
        return 0;
    }

    private void startFunctions(SamTemplate template, LocalAws aws) {
        Map<String, String> env = LocalLambda.awsEnvironment(aws);
        // The jobs' FIFO queues, as template.yaml declares them (runs here take up to minutes: a longer visibility timeout).
        workQueues = WorkQueues.create(300);
        // The sandbox compresses time: schedules seconds apart stand for separate firings, so each gets its own slot
        // (in AWS a slot is 5 minutes; SQS would drop a second firing's messages within it — moto only while the first waits).
        env.put("GRISTMILL_WORK_SLOT", "PT1S");
        workQueues.forEach((key, url) -> {
            if (key.startsWith("gristmill.work.")) {
                env.put(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), url);
            }
        });
        // As deployed: the providers send the admin's browser back to the web app's connect page.
        env.put("GRISTMILL_SALESFORCE_REDIRECT_URI", door.baseUri() + "/connect.html");
        env.put("GRISTMILL_SALESFORCE_LOGIN_BASE_URL_OVERRIDE", salesforce.baseUri().toString());
        env.put("GRISTMILL_FRONT_REDIRECT_URI", door.baseUri() + "/connect.html");
        env.put("GRISTMILL_FRONT_API_BASE_URL", front.baseUri().toString());
        env.put("GRISTMILL_FRONT_AUTH_BASE_URL", front.baseUri().toString());
        env.put("GRISTMILL_NARRATOR_MODEL_ID", SimulatedBedrock.MODEL_ID);
        env.put("GRISTMILL_BEDROCK_ENDPOINT_OVERRIDE", bedrock.baseUri().toString());
        // The seeded company has four weeks of conversations; Front's default first read is two.
        env.put("GRISTMILL_FRONT_BACKFILL", "P35D");
        // Short leases (renewed while a run works), so that after a killed run the next starts within seconds.
        env.put("GRISTMILL_SALESFORCE_POLL_LEASE", "PT2S");
        env.put("GRISTMILL_FRONT_RECONCILE_LEASE", "PT2S");
        Path logs = workDir.resolve("logs");
        Path runtimeClient;
        try {
            Files.createDirectories(logs);
            runtimeClient = LocalLambda.runtimeClientClasses(workDir.resolve("runtime-client"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        say("Starting " + template.exports().size() + " functions from " + projectDir.relativize(runnerJar) + ": "
                + String.join(", ", template.exports()));
        for (String export : template.exports()) {
            try {
                functions.put(export, closing(new LocalLambda(export, runnerJar, runtimeClient, env, logs)));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start " + export, e);
            }
        }
        functions.values().forEach(LocalLambda::awaitReady);
        say("All functions are waiting for events (logs in " + projectDir.relativize(logs) + ")");
    }

    private void setUpTenant(Browser admin) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("timeZone", SandboxCompany.ZONE.getId());
        settings.put("weekStart", "MONDAY");
        // Summaries of resolved conversations approved for the support inbox (from now on).
        settings.put("front", Map.of("inboxes", List.of(SandboxCompany.INBOX), "summaries", Map.of("inboxes", List.of(SandboxCompany.INBOX))));
        settings.put("employeeGroups", SandboxCompany.RECAP_GROUPS);
        settings.put("recaps", Map.of("narrator", "model"));
        expect(admin.send("PUT", "/tenants/" + SandboxCompany.TENANT + "/settings", json(settings)), 200, "saving the tenant settings");
        for (Person person : SandboxCompany.PEOPLE) {
            expect(admin.send("PUT", "/tenants/" + SandboxCompany.TENANT + "/employees/" + person.id(), json(person.directoryEntry())),
                    200, 201, "adding " + person.name() + " to the directory");
        }
        say("Admin " + SandboxCompany.SAM.name() + " chose settings and added " + SandboxCompany.PEOPLE.size() + " people");
    }

    /** The admin's browser: start in Gristmill, the Salesforce consent screen, back to the app, which finishes as the admin. */
    private void connectSalesforce(Browser admin) {
        oauth(admin, "/connect/salesforce", "{\"loginHost\":\"login.salesforce.com\"}", "Salesforce");
    }

    private void connectFront(Browser admin) {
        oauth(admin, "/connect/front", null, "Front");
    }

    private void oauth(Browser admin, String startPath, String body, String provider) {
        Browser.Page started = expect(admin.send("POST", startPath, body), 200, "starting to connect " + provider);
        String authorizeUrl = started.json().path("authorizeUrl").asText();
        Browser.Page consent = admin.get(authorizeUrl);
        if (consent.status() != 302 || consent.location() == null) {
            throw new IllegalStateException(provider + "'s consent screen answered " + consent.status() + ": " + consent.body());
        }
        URI back = URI.create(consent.location());
        Map<String, String> answer = new LinkedHashMap<>();
        for (String pair : back.getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            answer.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8), URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        Browser.Page done = expect(admin.send("POST", "/connect/complete", json(Map.of("state", answer.get("state"), "code", answer.get("code")))),
                200, "finishing " + provider + "'s OAuth flow in the app");
        if (!done.json().path("connection").path("state").asText().equals("connected")) {
            throw new IllegalStateException(provider + " did not connect: " + done.body());
        }
        say("Connected " + provider + " through OAuth (" + URI.create(authorizeUrl).getPath() + " → " + URI.create(consent.location()).getPath() + ")");
    }

    private String connectionSummary(Browser admin) {
        JsonNode all = expect(admin.get("/connections"), 200, "reading the connections").json();
        List<String> states = new ArrayList<>();
        for (JsonNode connection : all.path("connections")) {
            states.add(connection.path("provider").asText() + " " + connection.path("state").asText());
        }
        return String.join(", ", states);
    }

    /** Kills the job's function mid-run {@code times} times; the work must end exactly as a clean run's. */
    private void drill(KillDrill drill, KillDrill.Job job, int times) {
        KillDrill.Result result = drill.run(job, times);
        say("Kill drill " + result.export() + ": killed mid-run " + result.kills() + " times (" + result.attempts() + " runs started, "
                + result.seconds() + " s), then " + result.runsAfterKills()
                + " run(s) finished the work: " + result.items() + " items, "
                + (result.differences().isEmpty() ? "identical to a clean run" : "DIFFERENT from a clean run"));
        result.differences().forEach(difference -> failures.add("kill drill " + result.export() + ": " + difference));
    }

    /** The kills of the three drilled jobs (poll, reconciliation, drafts): {@code total} spread as evenly as it goes, 20 → 7, 7, 6. */
    static int share(int total, int job) {
        return total / 3 + (job < total % 3 ? 1 : 0);
    }

    /**
     * What AWS does on each schedule: EventBridge invokes {@code work-dispatch} with the job's name,
     * which enqueues a run per tenant on the job's queue; the queue's event source hands each run to
     * the job's worker ({@link LocalEventSource}, one message a batch as template.yaml sets it) until
     * the queue is empty. A run the worker reports failed comes back; one that lands in the
     * dead-letter queue is a failure of the sandbox.
     */
    private void runSchedule(String job) {
        JsonNode dispatched;
        try {
            dispatched = JSON.readTree(functions.get("work-dispatch").invoke("{\"job\": \"" + job + "\"}", SCHEDULED_TIMEOUT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        say("work-dispatch: " + job + " for " + dispatched.path("tenants").asInt() + " tenant(s)");
        if (dispatched.hasNonNull("error") || dispatched.path("tenants").asInt() == 0) {
            failures.add("work-dispatch of " + job + " enqueued nothing: " + dispatched);
        }
        try (LocalEventSource source = new LocalEventSource(workQueues.get("gristmill.work." + job + "-queue"))) {
            for (LocalEventSource.Batch batch : source.drain(1, event -> functions.get(job + "-worker").invoke(event, SCHEDULED_TIMEOUT),
                    SCHEDULED_TIMEOUT.multipliedBy(2))) {
                batch.messages().forEach(m -> say(job + "-worker: " + m.body()
                        + (batch.failed().contains(m.messageId()) ? " failed; SQS brings it back" : " done")));
            }
            int dead = source.depth(workQueues.get("test.work." + job + "-dead-letters"));
            if (dead > 0) {
                failures.add(job + ": " + dead + " run(s) failed on every try and wait in the dead-letter queue");
            }
        }
    }

    /** New work while Gristmill watches: Front delivers it by webhook at once; Salesforce's waits for the next poll. */
    private void deliverLiveWork() {
        List<String> events = company.liveWork(Instant.now(), SandboxCompany.TOM, SandboxCompany.RAVI);
        URI webhook = door.baseUri().resolve("/webhooks/front");
        for (String event : events) {
            int status = front.deliverAppWebhook(webhook, event);
            if (status != 200) {
                failures.add("the Front webhook for " + event + " was answered " + status);
            }
        }
        say("Front delivered " + events.size() + " signed webhooks to " + webhook);
    }

    /** The approved inbox's conversation resolved in the live work: its stored summary, and nothing else of it. */
    private void showSummaries(LocalAws aws) {
        List<String> summaries = new ArrayList<>();
        try (var dynamo = aws.dynamo()) {
            for (var page : dynamo.scanPaginator(b -> b.tableName(LocalAws.TABLE))) {
                page.items().stream().filter(item -> item.get("PK").s().startsWith("T#" + SandboxCompany.TENANT + "#ACT#"))
                        .filter(item -> item.containsKey("meta") && item.get("meta").m().containsKey("summary"))
                        .forEach(item -> summaries.add(item.get("meta").m().get("summary").s()));
            }
        }
        if (summaries.isEmpty()) {
            failures.add("the conversation resolved in the approved support inbox got no summary");
        }
        summaries.forEach(s -> say("Approved Front summary stored for a resolved conversation: \"" + s + "\""));
    }

    private void readAndConfirmRecaps() {
        for (Person person : SandboxCompany.PEOPLE) {
            if (person.groups().stream().noneMatch(SandboxCompany.RECAP_GROUPS::contains)) {
                continue;
            }
            Browser browser = new Browser(door.baseUri()).signIn(person.id());
            String path = "/recaps/" + person.id() + "/" + week;
            JsonNode recap = expect(browser.get(path + "?format=json"), 200, "reading " + person.name() + "'s recap").json();
            if (person == SandboxCompany.OMAR) {
                // A one-off request: this recap only, not the next one.
                recap = expect(browser.send("POST", path + "/generate", "{\"include\":[\"front.calls\"]}"), 200,
                        person.name() + " asking for call metrics").json();
            }
            if (person == SandboxCompany.TOM) {
                // Tom asks for a fresh text; its first version states a wrong figure, the grounding check throws it away, the retry passes.
                bedrock.planFor(person.name().split(" ")[0], SimulatedBedrock.Behaviour.WRONG_NUMBER, SimulatedBedrock.Behaviour.GROUNDED);
                recap = expect(browser.send("POST", path + "/generate", "{}"), 200, person.name() + " regenerating the recap").json();
            }
            if (person == SandboxCompany.NOOR || person == SandboxCompany.OMAR) {
                ScriptedRecaps.check(person, recap, failures);
            }
            List<String> sections = new ArrayList<>();
            recap.findValues("sections").forEach(list -> list.forEach(s -> sections.add(s.path("id").asText())));
            List<String> expected = new ArrayList<>(List.of(person.sells() ? "sales" : "customers"));
            if (person == SandboxCompany.OMAR) {
                expected.add("calls");
            }
            if (!sections.containsAll(expected)) {
                failures.add(person.name() + "'s recap for " + week + " lacks one of " + expected + " (sections: " + sections + ")");
            }
            checkNarrator(person, recap);
            String markdown = expect(browser.get(path + "?format=markdown"), 200, "reading " + person.name() + "'s recap as Markdown").body();
            System.out.println();
            System.out.println("──────── " + person.name() + " · " + week + " ────────");
            System.out.println(markdown.strip());
            recapLinks.put(person.id(), path + "?format=html");
            // Ines has not confirmed yet: the manager's view shows her as pending. Ravi's week is done in
            // the web app, in a browser (WebAppTests), or by whoever runs the sandbox.
            if (person != SandboxCompany.INES && person != SandboxCompany.RAVI) {
                expect(browser.send("POST", path + "/confirm", "{}"), 200, person.name() + " confirming the recap");
            }
        }
        System.out.println();
    }

    /** The admin chose the model narrator: every recap says who wrote it, and Tom's shows a rejected text recovered. */
    private void checkNarrator(Person person, JsonNode recap) {
        JsonNode narrator = recap.path("narrator");
        if (!"model".equals(narrator.path("kind").asText())) {
            failures.add(person.name() + "'s narrative should be the (simulated) model's: " + narrator);
        }
        if (person == SandboxCompany.TOM) {
            say("Windy: Tom's first narrative stated a wrong figure and was thrown away; the retry passed the grounding check ("
                    + narrator.path("attempts").asInt() + " attempts, " + narrator.path("inputTokens").asInt() + " + "
                    + narrator.path("outputTokens").asInt() + " tokens, prompt " + narrator.path("promptVersion").asText() + ")");
            if (narrator.path("attempts").asInt() != 2) {
                failures.add("Tom's narrative should have been rejected once and recovered: " + narrator);
            }
        }
    }

    private void showTeam() {
        Browser manager = new Browser(door.baseUri()).signIn(SandboxCompany.MIA.id());
        JsonNode team = expect(manager.get("/teams/" + SandboxCompany.MIA.id() + "/recaps/" + week), 200, "the manager's team view").json();
        JsonNode summary = team.path("summary");
        say(SandboxCompany.MIA.name() + "'s team for " + week + ": " + summary.path("confirmed").asInt() + " confirmed, "
                + summary.path("pending").asInt() + " pending " + team.path("pending").findValuesAsText("name"));
        for (JsonNode total : summary.path("totals")) {
            say("  " + total.path("label").asText() + ": " + (total.hasNonNull("currency") ? total.path("currency").asText() + " " : "")
                    + total.path("value").decimalValue().stripTrailingZeros().toPlainString()
                    + " " + total.path("unit").asText("") + " (" + total.path("people").asInt()
                    + (total.path("people").asInt() == 1 ? " person)" : " people)"));
        }
        int confirmed = once ? 5 : 4;
        if (summary.path("confirmed").asInt() != confirmed || summary.path("pending").asInt() != 6 - confirmed) {
            failures.add("the team view should show " + confirmed + " confirmed recaps and " + (once ? "Ines" : "Ravi and Ines") + " pending: " + summary);
        }
        ScriptedRecaps.checkDirectory(expect(new Browser(door.baseUri()).signIn(SandboxCompany.SAM.id())
                .get("/tenants/" + SandboxCompany.TENANT + "/employees"), 200, "the directory").json(),
                expect(new Browser(door.baseUri()).signIn(SandboxCompany.SAM.id())
                        .get("/tenants/" + SandboxCompany.TENANT + "/identity-links"), 200, "the proposed links").json(), failures);
        Browser.Page draft = manager.get("/recaps/" + SandboxCompany.INES.id() + "/" + week);
        if (draft.status() < 400) {
            failures.add("the manager could read Ines's unconfirmed draft: " + draft.body());
        } else {
            say("  Ines's unconfirmed draft stays hers: the manager gets " + draft.status() + " " + draft.json().path("error").asText());
        }
    }

    /**
     * The promises a customer can check in the sandbox: no message or record text in storage or in
     * any function's log, and no access or refresh token in any log.
     */
    private void checkNothingPrivateWasKept(LocalAws aws) {
        List<String> forbidden = new ArrayList<>(List.of(SandboxCompany.PRIVATE_TEXT, SimulatedFront.CONTENT, "front-access-", "front-refresh-"));
        forbidden.addAll(salesforce.issuedSecrets());
        int items = 0;
        try (var dynamo = aws.dynamo()) {
            for (var page : dynamo.scanPaginator(b -> b.tableName(LocalAws.TABLE))) {
                for (var item : page.items()) {
                    items++;
                    String text = item.toString();
                    forbidden.stream().filter(text::contains)
                            .forEach(f -> failures.add("a stored item contains '" + abbreviate(f) + "': " + item.get("PK") + " " + item.get("SK")));
                }
            }
        }
        for (LocalLambda function : functions.values()) {
            try {
                String log = Files.readString(function.log());
                forbidden.stream().filter(log::contains).forEach(f -> failures.add(function.log() + " contains '" + abbreviate(f) + "'"));
            } catch (IOException e) {
                failures.add("cannot read " + function.log() + ": " + e.getMessage());
            }
        }
        say("Checked " + items + " stored items and " + functions.size() + " function logs: no message text, record text or token in them"
                + (failures.isEmpty() ? "" : " — except the failures below"));
    }

    private static String abbreviate(String secret) {
        return secret.length() > 16 ? secret.substring(0, 8) + "…" : secret;
    }

    /** Serves the pages; every minute new work arrives (webhooks at once, Salesforce through the poll). */
    private void serveUntilStopped() throws InterruptedException {
        System.out.println();
        System.out.println("  Gristmill sandbox is running at " + door.baseUri() + "/  (Ctrl-C stops it)");
        System.out.println("  The web app is at " + door.baseUri() + "/ (sign in as anyone; Ravi's week waits for him to confirm it);");
        System.out.println("  the sandbox's own index at " + door.baseUri() + "/sandbox; a script's bearer token: curl "
                + door.baseUri() + "/sandbox/token?as=emp-ravi");
        System.out.println("  Each recap as HTML, signed in with a cookie:");
        recapLinks.forEach((id, path) -> System.out.println("    " + door.baseUri() + "/sandbox/sign-in?as=" + id + "&next=" + enc(path)));
        System.out.println();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(LocalLambda.daemon("sandbox-ticker"));
        long every = Long.getLong("sandbox.tick-seconds", 60);
        int[] ticks = { 0 };
        ticker.scheduleWithFixedDelay(() -> {
            try {
                deliverLiveWork();
                runSchedule("salesforce-poll");
                if (++ticks[0] % 5 == 0) {
                    runSchedule("front-reconcile");
                }
            } catch (RuntimeException e) {
                System.err.println("[sandbox] this minute's work failed: " + e.getMessage());
            }
        }, every, every, TimeUnit.SECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ticker.shutdownNow();
            close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private String indexPage() {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
                <title>Gristmill sandbox</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}
                td,th{padding:.3rem .6rem;text-align:left}table{border-collapse:collapse}tr:nth-child(even){background:#f4f4f4}</style></head><body>
                <h1>Gristmill sandbox — Northwind Trading</h1>
                """);
        html.append("<p>Recap week: <b>").append(week).append("</b>. Sign in as someone to see what they see.</p>");
        html.append("<h2>Connections</h2><p>");
        try {
            html.append(escape(connectionSummary(new Browser(door.baseUri()).signIn(SandboxCompany.SAM.id()))));
        } catch (RuntimeException e) {
            html.append("unavailable: ").append(escape(e.getMessage()));
        }
        html.append(" — <a href=\"/sandbox/sign-in?as=").append(SandboxCompany.SAM.id()).append("&next=/connections\">as JSON</a></p>");
        html.append("<h2>People</h2><table><tr><th>Who</th><th>Role</th><th>Pages</th></tr>");
        for (Person person : SandboxCompany.PEOPLE) {
            String signIn = "/sandbox/sign-in?as=" + person.id() + "&next=";
            html.append("<tr><td>").append(escape(person.name())).append("</td><td>").append(escape(person.title())).append("</td><td>");
            if (recapLinks.containsKey(person.id())) {
                html.append("<a href=\"").append(signIn).append(enc(recapLinks.get(person.id()))).append("\">weekly recap</a> · ")
                        .append("<a href=\"").append(signIn).append(enc("/employees/" + person.id() + "/review-context?from="
                                + week.start(SandboxCompany.ZONE, DayOfWeek.MONDAY).atZone(SandboxCompany.ZONE).toLocalDate().minusWeeks(3)
                                + "&to=" + week.end(SandboxCompany.ZONE, DayOfWeek.MONDAY).atZone(SandboxCompany.ZONE).toLocalDate().minusDays(1)))
                        .append("\">review context</a>");
            }
            if (person == SandboxCompany.MIA) {
                html.append("<a href=\"").append(signIn).append(enc("/teams/" + person.id() + "/recaps/" + week)).append("\">team recaps</a>");
            }
            if (person.admin()) {
                html.append("<a href=\"").append(signIn).append(enc("/tenants/" + SandboxCompany.TENANT + "/settings")).append("\">settings</a> · ")
                        .append("<a href=\"").append(signIn).append(enc("/tenants/" + SandboxCompany.TENANT + "/employees")).append("\">directory</a>");
            }
            html.append("</td></tr>");
        }
        html.append("</table><p>New work arrives every minute: a Front conversation (webhooks) and a Salesforce call (next poll).</p>");
        html.append("</body></html>");
        return html.toString();
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Browser.Page expect(Browser.Page page, int status, String what) {
        return expect(page, status, status, what);
    }

    private static Browser.Page expect(Browser.Page page, int status, int orStatus, String what) {
        if (page.status() != status && page.status() != orStatus) {
            throw new IllegalStateException(what + " answered " + page.status() + ": " + page.body());
        }
        return page;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void say(String line) {
        System.out.println("[sandbox] " + line);
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        synchronized (closeables) {
            closeables.add(closeable);
        }
        return closeable;
    }

    private void close() {
        List<AutoCloseable> all;
        synchronized (closeables) {
            all = new ArrayList<>(closeables);
            closeables.clear();
        }
        // Stop the functions together: each takes a moment to shut down.
        ExecutorService stopping = Executors.newFixedThreadPool(Math.max(1, all.size()), LocalLambda.daemon("sandbox-stop"));
        List<Future<?>> stops = new ArrayList<>();
        for (AutoCloseable closeable : all) {
            stops.add(stopping.submit(() -> {
                closeable.close();
                return null;
            }));
        }
        for (Future<?> stop : stops) {
            try {
                stop.get(20, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
        stopping.shutdownNow();
    }
}
