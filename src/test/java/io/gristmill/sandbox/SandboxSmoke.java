package io.gristmill.sandbox;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.gristmill.testing.LocalAws;

/**
 * {@code infra/aws/smoke.sh}, run against the sandbox as if it were a deployed stack: the script's
 * HTTP checks reach the real functions through the local API Gateway, and what it asks AWS — the
 * stack's outputs and EventBridge rules, the Front app secret — it asks moto, where a stack named
 * {@code sandbox} describes the sandbox: its URLs as outputs, and one enabled rule per schedule of
 * template.yaml (expression, input) as resources.
 */
final class SandboxSmoke {
    static final String STACK = "sandbox";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxSmoke() {
    }

    /** Runs the script; returns what failed (nothing when every check passed). */
    static List<String> run(Path projectDir, LocalAws aws, URI door, Consumer<String> say) throws IOException, InterruptedException {
        if (!onPath("aws")) {
            if ("true".equals(System.getenv("CI"))) {
                return List.of("CI runs infra/aws/smoke.sh against the sandbox, which needs the AWS CLI (aws) on PATH");
            }
            say.accept("[WARNING] Skipped infra/aws/smoke.sh against the sandbox: the AWS CLI (aws) is not on PATH");
            return List.of();
        }
        Path stackTemplate = Files.createTempFile("sandbox-stack", ".json");
        Files.writeString(stackTemplate, JSON.writeValueAsString(stackOf(projectDir.resolve("template.yaml"), door)));
        List<String> failures = new ArrayList<>();
        Result created = aws(projectDir, aws, "aws", "cloudformation", "create-stack", "--stack-name", STACK, "--template-body",
                "file://" + stackTemplate);
        if (created.exit() != 0) {
            return List.of("describing the sandbox as a stack in moto failed: " + created.output());
        }
        Result smoke = aws(projectDir, aws, "bash", projectDir.resolve("infra/aws/smoke.sh").toString(), STACK);
        smoke.output().lines().forEach(line -> say.accept("smoke: " + line));
        if (smoke.exit() != 0) {
            failures.add("infra/aws/smoke.sh failed against the sandbox (exit " + smoke.exit() + ")");
        }
        return failures;
    }

    /** The sandbox as a CloudFormation stack: its URLs as outputs, template.yaml's schedules as EventBridge rules. */
    static ObjectNode stackOf(Path samTemplate, URI door) throws IOException {
        // CloudFormation tags (!Ref) are read as plain values: a schedule's !Ref names its parameter.
        JsonNode sam = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(samTemplate));
        ObjectNode stack = JSON.createObjectNode();
        ObjectNode resources = stack.putObject("Resources");
        sam.path("Resources").properties().forEach(resource -> resource.getValue().path("Properties").path("Events").properties()
                .forEach(event -> {
                    JsonNode properties = event.getValue().path("Properties");
                    if (!"Schedule".equals(event.getValue().path("Type").asText())) {
                        return;
                    }
                    String expression = sam.path("Parameters").path(properties.path("Schedule").asText()).path("Default").asText();
                    ObjectNode rule = resources.putObject(resource.getKey() + event.getKey()).put("Type", "AWS::Events::Rule")
                            .putObject("Properties").put("ScheduleExpression", expression).put("State", "ENABLED");
                    rule.putArray("Targets").addObject().put("Id", resource.getKey())
                            .put("Arn", "arn:aws:lambda:us-east-1:000000000000:function:gristmill-sandbox-" + resource.getKey())
                            .put("Input", properties.path("Input").asText());
                }));
        String base = door.toString().replaceAll("/$", "");
        ObjectNode outputs = stack.putObject("Outputs");
        Map.of("ApiUrl", base, "FrontAppWebhookUrl", base + "/webhooks/front", "FrontRuleWebhookUrl", base + "/webhooks/front/{tenantId}")
                .forEach((key, value) -> outputs.putObject(key).put("Value", value));
        return stack;
    }

    private record Result(int exit, String output) {
    }

    private static Result aws(Path projectDir, LocalAws aws, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(projectDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ENDPOINT_URL", aws.secretsEndpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", LocalAws.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalAws.SECRET_KEY);
        env.put("AWS_DEFAULT_REGION", LocalAws.REGION);
        // Where the sandbox's functions read their secrets (LocalLambda: GRISTMILL_SECRETS_PREFIX=gristmill).
        env.put("GRISTMILL_SECRETS_PREFIX", "gristmill");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return java.util.Arrays.stream(path.split(java.io.File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
