package io.gristmill.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One Lambda function on this machine, run the way AWS runs the JVM build ({@code java21} runtime,
 * handler {@link #HANDLER}): the packaged artifact is started as its own process with
 * {@code QUARKUS_FUNQY_EXPORT}, {@code _HANDLER} and {@code AWS_LAMBDA_RUNTIME_API}, and
 * {@link JavaRuntimeClient} fetches its invocations from the
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Lambda Runtime API</a>,
 * which this class serves. Invocations are handed out one at a time, as to one Lambda instance.
 */
final class LocalLambda implements AutoCloseable {
    /** The handler of the JVM build, as docs/deploy.md's JVM variant and Quarkus' generated sam.jvm.yaml name it. */
    static final String HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";
    private static final String API = "/2018-06-01/runtime";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String export;
    private final Path log;
    private final HttpServer server;
    private final List<String> command;
    private final Map<String, String> environment;
    private volatile Process process;
    private final java.util.concurrent.BlockingDeque<Invocation> queue = new java.util.concurrent.LinkedBlockingDeque<>();
    /** Which process is current: a request from a killed one must not take an event. */
    private final java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private volatile CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile String initError;
    /**
     * Processes ended on purpose (killed by a drill, or closed). Kept per process, not as a flag:
     * {@code onExit} callbacks run on another thread, possibly after a replacement has started, and
     * a slow machine must not read a deliberate kill as a crash of the new instance.
     */
    private final java.util.Set<Process> endedOnPurpose = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.Executor exitWatcher;

    private record Invocation(String id, String event, Duration timeout, CompletableFuture<String> result) {
    }

    /** The function returned an error (or could not start); the message is what the runtime reported. */
    static final class FunctionError extends RuntimeException {
        FunctionError(String message) {
            super(message);
        }
    }

    /**
     * Starts the function's process; {@link #awaitReady()} waits until it asks for its first event.
     *
     * @param environment the function's environment, as template.yaml and the Lambda service set it
     */
    LocalLambda(String export, Path runnerJar, Path runtimeClient, Map<String, String> environment, Path logDir) throws IOException {
        this(export, HANDLER, runnerJar, runtimeClient, environment, logDir, Runnable::run);
    }

    /**
     * As above, with another handler class, and with the thread that learns of a process's exit
     * (tests delay it, as a loaded machine does).
     */
    LocalLambda(String export, String handler, Path runnerJar, Path runtimeClient, Map<String, String> environment, Path logDir,
            java.util.concurrent.Executor exitWatcher) throws IOException {
        this.export = export;
        this.exitWatcher = exitWatcher;
        this.log = logDir.resolve(export + ".log");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(daemon("lambda-api-" + export)));
        server.createContext(API + "/", this::runtimeApi);
        server.start();

        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        // Small heap and quick JIT: six of these share a laptop; Lambda gives each its own. On JDK 24+
        // JBoss Threads needs java.lang opened (Lambda's java21 runtime does not).
        command = new ArrayList<>(List.of(javaCommand, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", runtimeClient + java.io.File.pathSeparator + runnerJar, JavaRuntimeClient.class.getName()));
        this.environment = new java.util.LinkedHashMap<>(environment);
        this.environment.put("QUARKUS_FUNQY_EXPORT", export);
        this.environment.put("_HANDLER", handler);
        this.environment.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
        this.environment.put("AWS_LAMBDA_FUNCTION_NAME", "gristmill-sandbox-" + export);
        this.environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        this.environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        this.environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/gristmill-sandbox-" + export);
        this.environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "sandbox");
        start();
    }

    private void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        generation.incrementAndGet();
        Process started = builder.start();
        process = started;
        started.onExit().thenRunAsync(() -> {
            if (!endedOnPurpose.contains(started)) {
                failEverything("the " + export + " process exited with " + started.exitValue());
            }
        }, exitWatcher);
    }

    /**
     * Kills the function's process at once (SIGKILL), as Lambda ends an instance that runs out of
     * time or memory: what it was doing stops wherever it was, and its invocation fails. A new
     * instance is then started cold, as Lambda would for the next event.
     */
    void killAndStartAgain() {
        Process killed = process;
        endedOnPurpose.add(killed);
        try {
            killed.destroyForcibly();
            if (!killed.waitFor(30, TimeUnit.SECONDS)) {
                throw new FunctionError(export + " (pid " + killed.pid() + ") did not end within 30 s of SIGKILL");
            }
            FunctionError failure = new FunctionError(export + " was killed");
            running.values().forEach(i -> i.result().completeExceptionally(failure));
            running.clear();
            ready = new CompletableFuture<>();
            start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionError("interrupted while killing " + export);
        }
        awaitReady();
    }

    /**
     * A class path entry holding only {@link JavaRuntimeClient}, so that nothing else of the
     * sandbox (or the tests) reaches the function's process.
     */
    static Path runtimeClientClasses(Path into) throws IOException {
        Path source;
        try {
            source = Path.of(JavaRuntimeClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        String packagePath = JavaRuntimeClient.class.getPackageName().replace('.', '/');
        Path target = Files.createDirectories(into.resolve(packagePath));
        try (var classes = Files.list(source.resolve(packagePath))) {
            for (Path file : classes.filter(f -> f.getFileName().toString().startsWith(JavaRuntimeClient.class.getSimpleName())).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return into;
    }

    String export() {
        return export;
    }

    Path log() {
        return log;
    }

    /** Invocations handed to the current process and not yet answered. */
    int runningCount() {
        return running.size();
    }

    long pid() {
        return process.pid();
    }

    void awaitReady() {
        try {
            ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new FunctionError(export + " did not ask for an event within " + START_TIMEOUT.toSeconds() + " s; log tail:\n" + tail());
        } catch (ExecutionException e) {
            throw new FunctionError(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionError("interrupted while " + export + " started");
        }
    }

    /** Invokes the function with this event and returns its JSON result. */
    String invoke(String event, Duration timeout) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, timeout, new CompletableFuture<>());
        Process current = process;
        if (initError != null || !current.isAlive()) {
            String why = initError != null ? initError : "the " + export + " process exited with " + current.exitValue();
            throw new FunctionError(export + " is not running: " + why + "\n" + tail());
        }
        queue.add(invocation);
        try {
            return invocation.result().get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new FunctionError(export + " did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new FunctionError(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionError("interrupted while waiting for " + export);
        }
    }

    private void runtimeApi(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(API.length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals("/invocation/next") && exchange.getRequestMethod().equals("GET")) {
            int askedBy = generation.get();
            ready.complete(null);
            Invocation next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
            if (askedBy != generation.get()) {
                queue.offerFirst(next); // asked for by a process that was killed since: the event waits for the new one
                exchange.close();
                return;
            }
            running.put(next.id(), next);
            exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.id());
            exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                    Long.toString(System.currentTimeMillis() + next.timeout().toMillis()));
            exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:us-east-1:000000000000:function:gristmill-sandbox-" + export);
            exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                    + "-" + next.id().replace("-", "").substring(0, 24));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            send(exchange, 200, next.event());
        } else if (path.startsWith("/invocation/") && path.endsWith("/response")) {
            Invocation done = running.remove(path.substring("/invocation/".length(), path.length() - "/response".length()));
            if (done != null) {
                done.result().complete(body);
            }
            send(exchange, 202, "{\"status\":\"OK\"}");
        } else if (path.startsWith("/invocation/") && path.endsWith("/error")) {
            Invocation failed = running.remove(path.substring("/invocation/".length(), path.length() - "/error".length()));
            if (failed != null) {
                failed.result().completeExceptionally(new FunctionError(export + " failed: " + body));
            }
            send(exchange, 202, "{\"status\":\"OK\"}");
        } else if (path.equals("/init/error")) {
            failEverything(export + " failed to start: " + body);
            send(exchange, 202, "{\"status\":\"OK\"}");
        } else {
            send(exchange, 404, "{\"errorMessage\":\"unknown runtime API path " + path + "\"}");
        }
    }

    private void failEverything(String reason) {
        if (initError == null) {
            initError = reason;
        }
        FunctionError error = new FunctionError(reason + "\nlog tail:\n" + tail());
        ready.completeExceptionally(error);
        running.values().forEach(i -> i.result().completeExceptionally(error));
        queue.forEach(i -> i.result().completeExceptionally(error));
    }

    /** The last lines of the function's output, for error messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** What the Lambda service and template.yaml's Globals set in AWS, pointed at local AWS. */
    static Map<String, String> awsEnvironment(io.gristmill.testing.LocalAws aws) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("AWS_REGION", io.gristmill.testing.LocalAws.REGION);
        env.put("AWS_DEFAULT_REGION", io.gristmill.testing.LocalAws.REGION);
        env.put("AWS_ACCESS_KEY_ID", io.gristmill.testing.LocalAws.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", io.gristmill.testing.LocalAws.SECRET_KEY);
        env.put("DISABLE_SIGNAL_HANDLERS", "true");
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", aws.dynamoEndpoint.toString());
        env.put("QUARKUS_SECRETSMANAGER_ENDPOINT_OVERRIDE", aws.secretsEndpoint.toString());
        env.put("QUARKUS_SQS_ENDPOINT_OVERRIDE", aws.secretsEndpoint.toString());
        env.put("GRISTMILL_TABLE", io.gristmill.testing.LocalAws.TABLE);
        env.put("GRISTMILL_SECRETS_PREFIX", "gristmill");
        return env;
    }

    /** The function process's resident set size (Linux {@code VmRSS}). */
    long residentKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("No VmRSS for process " + process.pid());
    }

    @Override
    public void close() {
        endedOnPurpose.add(process);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        server.stop(0);
    }
}
