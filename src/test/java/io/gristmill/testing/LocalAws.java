package io.gristmill.testing;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

import io.gristmill.aws.TableSchema;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * The AWS services tests talk to, started once per test JVM on free ports and stopped when it
 * exits: by default DynamoDB Local in-process (in memory) and {@code moto_server} for Secrets
 * Manager; with {@code -Dlocal-aws=localstack} (or {@code LOCAL_AWS=localstack}), one LocalStack container through
 * Testcontainers (needs a Docker engine). The table is created from template.yaml.
 */
public final class LocalAws {
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";
    public static final String TABLE = "gristmill-test";

    private static LocalAws started;
    /** moto_server's output, when moto was started here. */
    private static Path motoLog;

    public final URI dynamoEndpoint;
    public final URI secretsEndpoint;

    private LocalAws(URI dynamoEndpoint, URI secretsEndpoint) {
        this.dynamoEndpoint = dynamoEndpoint;
        this.secretsEndpoint = secretsEndpoint;
    }

    public static synchronized LocalAws get() {
        if (started == null) {
            String mode = firstNonBlank(System.getProperty("local-aws"), System.getenv("LOCAL_AWS"), "moto").toLowerCase(Locale.ROOT);
            started = switch (mode) {
                case "moto" -> startMotoAndDynamoDbLocal();
                case "localstack" -> startLocalStack();
                default -> throw new IllegalStateException("local-aws must be 'moto' or 'localstack', not '" + mode + "'");
            };
            try (DynamoDbClient dynamo = started.dynamo()) {
                TableSchema.fromTemplate(projectDir().resolve("template.yaml")).createIfMissing(dynamo, TABLE);
            }
        }
        return started;
    }

    private static String firstNonBlank(String... values) {
        return Arrays.stream(values).filter(v -> v != null && !v.isBlank()).findFirst().orElseThrow();
    }

    public DynamoDbClient dynamo() {
        return DynamoDbClient.builder()
                .endpointOverride(dynamoEndpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public SecretsManagerClient secrets() {
        return SecretsManagerClient.builder()
                .endpointOverride(secretsEndpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public software.amazon.awssdk.services.sqs.SqsClient sqs() {
        return software.amazon.awssdk.services.sqs.SqsClient.builder()
                .endpointOverride(secretsEndpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates or replaces a secret, as an operator stores the Gristmill apps' credentials before deploying. */
    public void putSecret(String name, String value) {
        try (SecretsManagerClient secrets = secrets()) {
            try {
                secrets.createSecret(b -> b.name(name).secretString(value));
            } catch (ResourceExistsException alreadyStored) {
                secrets.putSecretValue(b -> b.secretId(name).secretString(value));
            }
        }
    }

    /** moto_server's output (empty when LocalStack runs instead). */
    static java.util.Optional<Path> motoLog() {
        get();
        return java.util.Optional.ofNullable(motoLog);
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("project-dir", ".")).toAbsolutePath();
    }

    private static LocalAws startMotoAndDynamoDbLocal() {
        String moto = findMoto(System.getenv());
        int dynamoPort = freePort();
        try {
            DynamoDBProxyServer dynamo = ServerRunner.createServerFromCommandLineArgs(
                    new String[] { "-inMemory", "-port", Integer.toString(dynamoPort), "-disableTelemetry" });
            dynamo.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    dynamo.stop();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start (sqlite4java.library.path="
                    + System.getProperty("sqlite4java.library.path") + ")", e);
        }
        int motoPort = freePort();
        try {
            Path log = Files.createTempFile("moto-server", ".log");
            ProcessBuilder builder = new ProcessBuilder(moto, "-H", "127.0.0.1", "-p", Integer.toString(motoPort))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            if (Boolean.parseBoolean(System.getProperty("local-aws.moto-sqs-fix", "true"))) {
                withSqsFix(builder);
            }
            motoLog = log;
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            waitUntilAnswers(URI.create("http://127.0.0.1:" + motoPort + "/moto-api/"), process, log);
        } catch (IOException e) {
            throw new IllegalStateException("moto_server did not start: " + e.getMessage(), e);
        }
        return new LocalAws(URI.create("http://127.0.0.1:" + dynamoPort), URI.create("http://127.0.0.1:" + motoPort));
    }

    /**
     * Puts {@code local-aws/sitecustomize.py} on moto's PYTHONPATH: moto's SQS then sends and receives
     * without rescanning the whole queue through datetime arithmetic per message, with the same
     * results (see that file). Off with
     * {@code -Dlocal-aws.moto-sqs-fix=false}, to compare.
     */
    private static void withSqsFix(ProcessBuilder moto) throws IOException {
        Path dir = Files.createTempDirectory("moto-site");
        try (var in = LocalAws.class.getResourceAsStream("/local-aws/sitecustomize.py")) {
            Files.copy(java.util.Objects.requireNonNull(in, "local-aws/sitecustomize.py is missing"), dir.resolve("sitecustomize.py"));
        }
        String existing = moto.environment().get("PYTHONPATH");
        moto.environment().put("PYTHONPATH", existing == null || existing.isBlank() ? dir.toString() : dir + File.pathSeparator + existing);
    }

    private static LocalAws startLocalStack() {
        var localstack = new org.testcontainers.localstack.LocalStackContainer(
                System.getProperty("localstack-image", "localstack/localstack:4"))
                .withServices("dynamodb", "secretsmanager", "sqs");
        localstack.start();
        Runtime.getRuntime().addShutdownHook(new Thread(localstack::stop));
        return new LocalAws(localstack.getEndpoint(), localstack.getEndpoint());
    }

    /** moto_server from PATH (or MOTO_SERVER); without it, say exactly what to install. */
    static String findMoto(java.util.Map<String, String> env) {
        String configured = env.get("MOTO_SERVER");
        if (configured != null && new File(configured).canExecute()) {
            return configured;
        }
        String path = env.getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> new File(dir, "moto_server"))
                .filter(File::canExecute)
                .map(File::getAbsolutePath)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("""
                        The tests need a local AWS and found none.
                          moto_server is not on PATH (nor in $MOTO_SERVER). Install it with one of:
                            pip install 'moto[server]'
                            pipx install 'moto[server]'
                          or, with a Docker engine running, use LocalStack instead:
                            ./mvnw verify -Dlocal-aws=localstack"""));
    }

    private static void waitUntilAnswers(URI uri, Process process, Path log) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(1000);
                if (connection.getResponseCode() > 0) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting");
            }
        }
        throw new IOException("did not answer on " + uri + " within 30 s: " + Files.readString(log));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
