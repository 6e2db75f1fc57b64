package io.gristmill.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.gristmill.config.FunctionName;
import io.gristmill.testing.LocalAws;

/** The sandbox routes requests the way API Gateway would with the routes of template.yaml. */
class SamTemplateTest {
    private final SamTemplate template = SamTemplate.read(LocalAws.projectDir().resolve("template.yaml"));

    @Test
    void every_function_of_the_template_is_started_by_its_export_name() {
        assertThat(template.exports()).containsExactlyInAnyOrder(
                java.util.Arrays.stream(FunctionName.values()).map(FunctionName::exportName).toArray(String[]::new));
    }

    @Test
    void requests_go_to_the_function_that_owns_the_route() {
        assertThat(template.route("POST", "/recaps/emp-ada/2026-W47/confirm")).get().extracting(SamTemplate.Route::export).isEqualTo("api");
        assertThat(template.route("GET", "/teams/emp-mia/recaps/2026-W47")).get().extracting(SamTemplate.Route::export).isEqualTo("api");
        assertThat(template.route("POST", "/connect/salesforce")).get().extracting(SamTemplate.Route::export).isEqualTo("connect");
        assertThat(template.route("POST", "/webhooks/front/t-1")).get().extracting(SamTemplate.Route::export).isEqualTo("front-webhook");
    }

    @Test
    void only_the_webhooks_skip_the_authorizer() {
        assertThat(template.routes().stream().filter(SamTemplate.Route::isPublic).map(SamTemplate.Route::path))
                .containsExactlyInAnyOrder("/webhooks/front", "/webhooks/front/{tenantId}");
        assertThat(template.routes().stream().filter(SamTemplate.Route::restApi).map(SamTemplate.Route::path))
                .as("the webhooks come through the firewalled REST API").containsExactlyInAnyOrder("/webhooks/front", "/webhooks/front/{tenantId}");
    }

    @Test
    void a_method_or_path_without_a_route_is_not_found() {
        assertThat(template.route("DELETE", "/teams/emp-mia/recaps/2026-W47")).isEmpty();
        assertThat(template.route("GET", "/webhooks/front")).isEmpty();
        assertThat(template.route("GET", "/recaps")).isEmpty();
        assertThat(template.route("GET", "/")).isEmpty();
    }
}
