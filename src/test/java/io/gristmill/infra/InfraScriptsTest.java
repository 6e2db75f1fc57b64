package io.gristmill.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.testing.Ids;
import io.gristmill.testing.LocalAws;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The operator's scripts run as an operator runs them — bash, the AWS CLI, moto standing in for the
 * account: {@code infra/aws/bootstrap-secrets.sh} and {@code infra/salesforce/deploy-app.sh} (with a
 * recording {@code sf} in place of the Salesforce CLI). {@code infra/aws/smoke.sh} runs at the end
 * of the sandbox, against the functions themselves.
 */
class InfraScriptsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalAws aws;

    @BeforeAll
    static void awsCli() {
        boolean present = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "aws")));
        if (!present) {
            assertThat("true".equals(System.getenv("CI"))).as("CI needs the AWS CLI (aws) for the infra scripts' tests").isFalse();
            System.out.println("[WARNING] Skipped the infra scripts' tests: the AWS CLI (aws) is not on PATH");
        }
        Assumptions.assumeTrue(present, "the AWS CLI is not installed");
        aws = LocalAws.get();
    }

    @Test
    void bootstrap_stores_both_app_secrets_under_the_stacks_key_and_never_prints_a_value() throws Exception {
        String stack = "gm-" + Ids.tenant().substring(2, 10);
        String keyId = stackWithDataKey(stack, "");
        String secrets = "sf-key\nsf-se\"cr\\et\nfront-id\nfront-secret\nfront-app-secret\n";

        Run first = run(secrets, Map.of(), "bash", "infra/aws/bootstrap-secrets.sh", stack);

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("Created gristmill-" + stack + "/_app/salesforce").doesNotContain("sf-key", "cr\\et", "front-");
        try (SecretsManagerClient client = aws.secrets()) {
            var salesforce = client.getSecretValue(b -> b.secretId("gristmill-" + stack + "/_app/salesforce"));
            assertThat(JSON.readTree(salesforce.secretString())).isEqualTo(JSON.readTree("{\"client_id\":\"sf-key\",\"client_secret\":\"sf-se\\\"cr\\\\et\"}"));
            assertThat(JSON.readTree(client.getSecretValue(b -> b.secretId("gristmill-" + stack + "/_app/front")).secretString()))
                    .isEqualTo(JSON.readTree("{\"client_id\":\"front-id\",\"client_secret\":\"front-secret\",\"app_secret\":\"front-app-secret\"}"));
            assertThat(client.describeSecret(b -> b.secretId("gristmill-" + stack + "/_app/front")).kmsKeyId()).isEqualTo(keyId);
        }

        Run again = run("a\nb\nc\nd\ne\n", Map.of(), "bash", "infra/aws/bootstrap-secrets.sh", stack);
        Run missing = run("only-one\n", Map.of(), "bash", "infra/aws/bootstrap-secrets.sh", stack);

        assertThat(again.output()).contains("Updated gristmill-" + stack + "/_app/front");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.output()).contains("nothing was stored").doesNotContain("only-one");
        try (SecretsManagerClient client = aws.secrets()) {
            assertThat(JSON.readTree(client.getSecretValue(b -> b.secretId("gristmill-" + stack + "/_app/front")).secretString())
                    .path("app_secret").asText()).as("the refused run changed nothing").isEqualTo("e");
        }
    }

    @Test
    void deploy_app_fills_in_the_stacks_callback_url_and_deploys_only_the_app() throws Exception {
        String stack = "gm-" + Ids.tenant().substring(2, 10);
        stackWithDataKey(stack, ",\"Outputs\":{\"SalesforceCallbackUrl\":{\"Value\":\"https://d1.cloudfront.net/connect.html\"}}");
        Path bin = Files.createTempDirectory("fake-sf");
        Path deployed = Files.createTempDirectory("deployed");
        // The Salesforce CLI's stand-in: records its arguments and the metadata it was given.
        Files.writeString(bin.resolve("sf"), "#!/usr/bin/env bash\necho \"$*\" > \"$DEPLOYED/args\"\ncp -R app \"$DEPLOYED/\"\n");
        bin.resolve("sf").toFile().setExecutable(true);
        Map<String, String> env = Map.of("PATH", bin + File.pathSeparator + System.getenv("PATH"), "DEPLOYED", deployed.toString());

        Run deploy = run("", env, "bash", "infra/salesforce/deploy-app.sh", "customer-org", stack, "ops@example.com", "--dry-run");
        Run noOutput = run("", env, "bash", "infra/salesforce/deploy-app.sh", "customer-org", "gm-without-outputs", "ops@example.com");

        assertThat(deploy.exit()).as(deploy.output()).isZero();
        assertThat(Files.readString(deployed.resolve("args")).trim())
                .isEqualTo("project deploy start --source-dir app --target-org customer-org --dry-run");
        Path app = deployed.resolve("app/main/default");
        assertThat(Files.readString(app.resolve("extlClntAppGlobalOauthSets/Gristmill_glbloauth.ecaGlblOauth-meta.xml")))
                .contains("<callbackUrl>https://d1.cloudfront.net/connect.html</callbackUrl>");
        assertThat(Files.readString(app.resolve("externalClientApps/Gristmill.eca-meta.xml"))).contains("<contactEmail>ops@example.com</contactEmail>");
        assertThat(Files.readString(app.resolve("extlClntAppOauthSettings/Gristmill_oauth.ecaOauth-meta.xml")))
                .contains("<commaSeparatedOauthScopes>Api,RefreshToken</commaSeparatedOauthScopes>");
        assertThat(noOutput.exit()).isNotZero();
        assertThat(Files.readString(Path.of("infra/salesforce/app/main/default/extlClntAppGlobalOauthSets/Gristmill_glbloauth.ecaGlblOauth-meta.xml")))
                .as("the committed metadata keeps its placeholder").contains("${SALESFORCE_CALLBACK_URL}");
    }

    @Test
    void deploy_web_uploads_the_app_and_writes_its_config_from_the_stacks_outputs(@org.junit.jupiter.api.io.TempDir Path web) throws Exception {
        String stack = "gm-" + Ids.tenant().substring(2, 10);
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>Gristmill</title>");
        Files.writeString(web.resolve("connect.html"), "<!doctype html><title>Gristmill</title>");
        Files.writeString(web.resolve("app.js"), "console.log('app')");
        Files.writeString(web.resolve("app.css"), "body{}");
        Run distribution = run("", Map.of(), "aws", "cloudfront", "create-distribution", "--origin-domain-name", stack + ".s3.amazonaws.com",
                "--query", "Distribution.Id", "--output", "text");
        String outputs = ",\"Resources\":{\"WebBucket\":{\"Type\":\"AWS::S3::Bucket\"}},\"Outputs\":{\"WebBucketName\":{\"Value\":{\"Ref\":\"WebBucket\"}},"
                + "\"WebDistributionId\":{\"Value\":\"" + distribution.output().trim() + "\"},\"WebIssuer\":{\"Value\":\"https://login.example.com/\"},"
                + "\"WebClientId\":{\"Value\":\"web-client\"},\"WebTokenUse\":{\"Value\":\"access\"},\"ApiUrl\":{\"Value\":\"https://api.example.com\"},"
                + "\"WebUrl\":{\"Value\":\"https://d1.cloudfront.net\"}}";
        Run created = run("", Map.of(), "aws", "cloudformation", "create-stack", "--stack-name", stack, "--template-body", "{" + outputs.substring(1) + "}");
        assertThat(created.exit()).as(created.output()).isZero();

        Run deploy = run("", Map.of(), "bash", "infra/aws/deploy-web.sh", stack, web.toString());
        Run missing = run("", Map.of(), "bash", "infra/aws/deploy-web.sh", stack, web.resolve("nothing-built").toString());

        assertThat(deploy.exit()).as(deploy.output()).isZero();
        String bucket = run("", Map.of(), "aws", "cloudformation", "describe-stacks", "--stack-name", stack, "--query",
                "Stacks[0].Outputs[?OutputKey=='WebBucketName'].OutputValue", "--output", "text").output().trim();
        JsonNode config = JSON.readTree(run("", Map.of(), "aws", "s3", "cp", "s3://" + bucket + "/config.json", "-").output());
        assertThat(config.path("issuer").asText()).isEqualTo("https://login.example.com/");
        assertThat(config.path("clientId").asText()).isEqualTo("web-client");
        assertThat(config.path("tokenUse").asText()).isEqualTo("access");
        assertThat(config.path("apiUrl").asText()).isEqualTo("https://api.example.com");
        for (String page : new String[] {"index.html", "connect.html"}) {
            assertThat(run("", Map.of(), "aws", "s3api", "head-object", "--bucket", bucket, "--key", page, "--query", "CacheControl",
                    "--output", "text").output().trim()).as("%s is revalidated on every visit", page).isEqualTo("no-cache");
        }
        assertThat(run("", Map.of(), "aws", "s3", "ls", "s3://" + bucket + "/").output()).contains("app.js", "app.css", "index.html", "connect.html");
        String invalidations = run("", Map.of(), "aws", "cloudfront", "list-invalidations", "--distribution-id", distribution.output().trim(),
                "--query", "InvalidationList.Items[].Id", "--output", "text").output().trim();
        assertThat(invalidations).as("one invalidation, the one the script reported").isNotBlank().doesNotContain("\t");
        assertThat(deploy.output()).contains("CloudFront invalidation " + invalidations + " started");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.output()).contains("has no built app");
    }

    /** A stack in moto with the template's DataKey (and {@code extra} top-level JSON); returns the key's id. */
    private static String stackWithDataKey(String stack, String extra) throws IOException, InterruptedException {
        String template = "{\"Resources\":{\"DataKey\":{\"Type\":\"AWS::KMS::Key\",\"Properties\":{\"KeyPolicy\":{\"Version\":\"2012-10-17\","
                + "\"Statement\":[]}}}}" + extra + "}";
        Run created = run("", Map.of(), "aws", "cloudformation", "create-stack", "--stack-name", stack, "--template-body", template);
        assertThat(created.exit()).as(created.output()).isZero();
        Run key = run("", Map.of(), "aws", "cloudformation", "describe-stack-resource", "--stack-name", stack, "--logical-resource-id", "DataKey",
                "--query", "StackResourceDetail.PhysicalResourceId", "--output", "text");
        return key.output().trim();
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String stdin, Map<String, String> extraEnv, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ENDPOINT_URL", aws.secretsEndpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", LocalAws.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalAws.SECRET_KEY);
        env.put("AWS_DEFAULT_REGION", LocalAws.REGION);
        env.putAll(extraEnv);
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(String.join(" ", command) + " finished").isTrue();
        return new Run(process.exitValue(), output);
    }
}
