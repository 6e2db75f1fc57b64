package io.gristmill.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.gristmill.testing.LocalAws;

/**
 * Least privilege, as docs/security.md promises it, checked in template.yaml: each function may touch
 * only what it needs, no function can change the operator's app secrets, and the public webhook
 * function can neither delete nor scan anything.
 */
class TemplatePermissionsTest {
    private static final List<String> SECRET_WRITES = List.of("secretsmanager:CreateSecret", "secretsmanager:PutSecretValue",
            "secretsmanager:UpdateSecretVersionStage", "secretsmanager:DeleteSecret", "secretsmanager:TagResource");

    private record Statement(String effect, List<String> actions, List<String> resources) {
    }

    private static Map<String, List<Statement>> functions() throws IOException {
        // CloudFormation tags (!Sub, !GetAtt) are read as their plain values.
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(LocalAws.projectDir().resolve("template.yaml")));
        Map<String, List<Statement>> functions = new TreeMap<>();
        root.path("Resources").properties().forEach(resource -> {
            if (!"AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                return;
            }
            List<Statement> statements = new ArrayList<>();
            for (JsonNode item : resource.getValue().path("Properties").path("Policies")) {
                // !If [Condition, policy, !Ref AWS::NoValue] reads as a list: the policy is its second element.
                JsonNode policy = item.isArray() ? item.get(1) : item;
                assertThat(policy.has("DynamoDBCrudPolicy")).as(resource.getKey() + " has the whole-table CRUD policy").isFalse();
                for (JsonNode statement : policy.path("Statement")) {
                    statements.add(new Statement(statement.path("Effect").asText(), list(statement.path("Action")),
                            list(statement.path("Resource"))));
                }
            }
            functions.put(resource.getKey(), statements);
        });
        return functions;
    }

    private static List<String> list(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }

    private static List<String> allowed(List<Statement> statements, String prefix) {
        return statements.stream().filter(s -> s.effect().equals("Allow")).flatMap(s -> s.actions().stream())
                .filter(a -> a.startsWith(prefix)).toList();
    }

    @Test
    void no_function_scans_the_table_and_the_public_webhook_function_only_reads_and_appends() throws IOException {
        functions().forEach((function, statements) -> assertThat(allowed(statements, "dynamodb:")).as(function)
                .doesNotContain("dynamodb:Scan", "dynamodb:*"));

        assertThat(allowed(functions().get("FrontWebhookFunction"), "dynamodb:"))
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query");
    }

    @Test
    void secrets_are_reachable_only_by_the_functions_that_use_them_and_only_for_their_provider() throws IOException {
        Map<String, List<Statement>> functions = functions();
        assertThat(allowed(functions.get("ApiFunction"), "secretsmanager:")).isEmpty();
        assertThat(allowed(functions.get("RecapDraftsFunction"), "secretsmanager:")).isEmpty();
        assertThat(allowed(functions.get("FrontWebhookFunction"), "secretsmanager:")).containsExactly("secretsmanager:GetSecretValue");
        assertSecretsOnlyOf(functions.get("FrontWebhookFunction"), "front");
        assertSecretsOnlyOf(functions.get("FrontReconcileFunction"), "front");
        assertSecretsOnlyOf(functions.get("SalesforcePollFunction"), "salesforce");
        assertSecretsOnlyOf(functions.get("FrontReconcileWorkerFunction"), "front");
        assertSecretsOnlyOf(functions.get("SalesforcePollWorkerFunction"), "salesforce");
        assertThat(allowed(functions.get("RecapDraftsWorkerFunction"), "secretsmanager:")).isEmpty();
        assertThat(allowed(functions.get("WorkDispatchFunction"), "secretsmanager:")).isEmpty();
    }

    @Test
    void the_dispatcher_only_lists_connected_tenants_and_enqueues_and_a_worker_only_continues_its_own_queue() throws IOException {
        Map<String, List<Statement>> functions = functions();
        assertThat(functions.get("WorkDispatchFunction").stream().flatMap(s -> s.actions().stream()))
                .containsExactlyInAnyOrder("dynamodb:Query", "sqs:SendMessage");
        for (String job : List.of("SalesforcePoll", "FrontReconcile", "RecapDrafts")) {
            assertThat(functions.get(job + "WorkerFunction").stream().filter(s -> s.actions().contains("sqs:SendMessage")))
                    .singleElement().extracting(Statement::resources).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .containsExactly(job + "Work.Arn");
        }
    }

    @Test
    void no_function_can_change_the_operators_app_secrets() throws IOException {
        functions().forEach((function, statements) -> {
            List<String> writes = allowed(statements, "secretsmanager:").stream().filter(SECRET_WRITES::contains).toList();
            if (!writes.isEmpty()) {
                assertThat(statements).as(function + " denies writing _app/*").anySatisfy(statement -> {
                    assertThat(statement.effect()).isEqualTo("Deny");
                    assertThat(statement.actions()).containsAll(writes);
                    assertThat(statement.resources()).singleElement().asString().endsWith("/_app/*");
                });
            }
        });
    }

    @Test
    void the_webhook_routes_have_their_own_throttle_and_a_waf_rate_rule_per_source_address() throws IOException {
        JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(LocalAws.projectDir().resolve("template.yaml")))
                .path("Resources");
        JsonNode events = resources.path("FrontWebhookFunction").path("Properties").path("Events");
        events.forEach(event -> assertThat(event.path("Type").asText()).as("webhook routes are on the REST API WAF guards").isEqualTo("Api"));
        JsonNode throttle = resources.path("WebhookApi").path("Properties").path("MethodSettings").get(0);
        assertThat(throttle.path("ThrottlingRateLimit").asText()).isEqualTo("WebhookRateLimit");
        JsonNode rule = resources.path("WebhookFirewall").path("Properties").path("Rules").get(0);
        assertThat(rule.path("Statement").path("RateBasedStatement").path("AggregateKeyType").asText()).isEqualTo("IP");
        assertThat(rule.path("Action").has("Block")).isTrue();
        assertThat(resources.path("WebhookFirewallAssociation").path("Properties").path("ResourceArn").asText())
                .contains("/restapis/${WebhookApi}/stages/live");
        assertThat(resources.path("HttpApi").path("Properties").path("DefaultRouteSettings").path("ThrottlingRateLimit").asInt())
                .as("the JWT routes keep their own, smaller throttle").isEqualTo(25);
    }

    @Test
    void only_the_recap_and_summary_writing_functions_may_invoke_a_model_and_only_the_narrator_model() throws IOException {
        Map<String, List<Statement>> functions = functions();
        functions.forEach((function, statements) -> {
            List<String> bedrock = allowed(statements, "bedrock:");
            if (List.of("ApiFunction", "RecapDraftsFunction", "RecapDraftsWorkerFunction", "FrontReconcileFunction", "FrontReconcileWorkerFunction")
                    .contains(function)) {
                assertThat(bedrock).as(function).containsExactly("bedrock:InvokeModel");
                assertThat(statements).filteredOn(s -> s.actions().contains("bedrock:InvokeModel")).singleElement()
                        // !Sub [arn, {ModelRegion: ...}]: the ARN names the one model, no wildcard.
                        .satisfies(s -> assertThat(s.resources().get(0)).as(function).isEqualTo(
                                "arn:${AWS::Partition}:bedrock:${ModelRegion}::foundation-model/${NarratorModelId}"));
            } else {
                assertThat(bedrock).as(function).isEmpty();
            }
        });
    }

    private static void assertSecretsOnlyOf(List<Statement> statements, String provider) {
        statements.stream().filter(s -> s.effect().equals("Allow") && s.actions().stream().anyMatch(a -> a.startsWith("secretsmanager:")))
                .flatMap(s -> s.resources().stream())
                .forEach(resource -> assertThat(resource).endsWith("/*/" + provider + "-*"));
    }
}
