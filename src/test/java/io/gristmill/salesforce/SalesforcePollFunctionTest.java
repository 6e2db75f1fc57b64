package io.gristmill.salesforce;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.connect.ConnectFlowSupport;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SalesforcePollProfile;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The scheduled function through the Lambda mock event server, with an EventBridge event. */
@QuarkusTest
@TestProfile(SalesforcePollProfile.class)
class SalesforcePollFunctionTest {
    @Inject
    ActivityStore activities;

    @Inject
    ConnectionStore connections;

    @Inject
    ConnectFlowSupport connect;

    @Test
    void a_scheduled_event_polls_every_connected_tenant_and_skips_the_rest() throws IOException {
        SimulatedSalesforce org = SimulatedSalesforceResource.salesforce();
        org.reset();
        String first = Ids.tenant();
        connect.connectDirectly(first, org);
        new OrgFixture(org, Instant.now()).week();
        String reconnect = Ids.tenant();
        org.newOrg();
        connect.connectDirectly(reconnect, org);
        connections.markReconnectRequired(reconnect, "salesforce", "test");

        String event;
        try (InputStream in = getClass().getResourceAsStream("/events/eventbridge-scheduled.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String body = given().contentType("application/json").body(event).post("/").then().statusCode(200).extract().asString();
        JsonNode reports = new ObjectMapper().readTree(body);

        assertThat(reports.findValuesAsText("tenantId")).contains(first).doesNotContain(reconnect);
        assertThat(activities.forSourceRecord(first, Source.SALESFORCE, OrgFixture.OPP)).isNotEmpty();
        assertThat(connections.get(first, "salesforce").lastSuccessfulSyncAt()).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
    }
}
