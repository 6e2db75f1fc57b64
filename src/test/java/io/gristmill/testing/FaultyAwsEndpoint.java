package io.gristmill.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fault proxy in front of a local AWS service (DynamoDB Local, moto): every request is passed
 * on unchanged, except that a configured share of them fails the way AWS fails:
 * <ul>
 * <li>400 {@code ProvisionedThroughputExceededException} and 400 {@code ThrottlingException}
 * (DynamoDB throttling), 500 {@code InternalServerError} — nothing was applied;</li>
 * <li>the request is applied, then the answer is lost (a 500 after forwarding): the client cannot
 * tell this from the first kind, so its writes must be idempotent;</li>
 * <li>no answer within the client's attempt timeout (the request is held, then dropped).</li>
 * </ul>
 * About one fault in {@code burstEvery} is followed by {@code burstLength - 1} more in a row, so
 * that some calls fail even after the SDK's own retries and the application's handling is exercised.
 * Which operations may fail is a filter on the {@code X-Amz-Target} header.
 */
public final class FaultyAwsEndpoint implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding", "expect", "upgrade");

    private final HttpServer server;
    private final URI target;
    private volatile double share;
    private volatile int burstEvery;
    private volatile int burstLength = 1;
    private volatile int holdMillis = 1500;
    private volatile Predicate<String> operations = op -> true;
    private final AtomicLong candidates = new AtomicLong();
    private final AtomicInteger burstLeft = new AtomicInteger();
    private final AtomicInteger faults = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger kind = new AtomicInteger();

    public FaultyAwsEndpoint(URI target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Fails exactly this share of matching requests from now on (0: none). */
    public FaultyAwsEndpoint faults(double share) {
        this.share = share;
        candidates.set(0);
        burstLeft.set(0);
        return this;
    }

    /** About one fault in {@code every} comes with {@code length - 1} more right after it. */
    public FaultyAwsEndpoint bursts(int every, int length) {
        this.burstEvery = every;
        this.burstLength = length;
        return this;
    }

    /** Only operations ({@code X-Amz-Target}, e.g. {@code DynamoDB_20120810.PutItem}) matching this may fail. */
    public FaultyAwsEndpoint only(Predicate<String> operations) {
        this.operations = operations;
        return this;
    }

    /** How long a "no answer" fault holds the request: longer than the client's attempt timeout. */
    public FaultyAwsEndpoint hold(Duration hold) {
        this.holdMillis = (int) hold.toMillis();
        return this;
    }

    public int faultsInjected() {
        return faults.get();
    }

    public int requests() {
        return requests.get();
    }

    public void reset() {
        faults(0);
        bursts(0, 1);
        only(op -> true);
        faults.set(0);
        requests.set(0);
    }

    /**
     * Seeded pseudo-random, not periodic: a fixed pattern would hit the same call of a run that
     * repeats the same calls every time, which real faults do not do.
     */
    private synchronized boolean nextFails(String operation) {
        if (share <= 0 || !operations.test(operation)) {
            return false;
        }
        candidates.incrementAndGet();
        if (burstLeft.get() > 0) {
            burstLeft.decrementAndGet();
            return true;
        }
        boolean fails = share >= 1 || random.nextDouble() < share;
        if (fails && burstEvery > 0 && random.nextInt(burstEvery) == 0) {
            burstLeft.set(burstLength - 1);
        }
        return fails;
    }

    private final java.util.Random random = new java.util.Random(20261130);

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String operation = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            if (nextFails(operation)) {
                faults.incrementAndGet();
                // Of every ten faults: two of each throttling kind, three 500s, two lost answers, one held request.
                switch (kind.getAndIncrement() % 10) {
                    case 0, 5 -> error(exchange, 400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                            "The level of configured provisioned throughput for the table was exceeded.");
                    case 1, 6 -> error(exchange, 400, "ThrottlingException", "Rate of requests exceeds the allowed throughput.");
                    case 2, 7, 8 -> error(exchange, 500, "InternalServerError", "Internal server error");
                    case 3, 4 -> {
                        forward(exchange, body); // applied; the answer never arrives
                        error(exchange, 500, "InternalServerError", "Internal server error");
                    }
                    default -> {
                        sleep(holdMillis);
                        error(exchange, 500, "InternalServerError", "Internal server error (too late)");
                    }
                }
                return;
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
            send(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(30));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type.substring(type.indexOf('#') + 1));
        send(exchange, status, ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The names of operations in {@code X-Amz-Target} ("DynamoDB_20120810.PutItem" → "PutItem"). */
    public static Predicate<String> operationsNamed(List<String> names) {
        return target -> names.stream().anyMatch(name -> target.endsWith("." + name));
    }
}
