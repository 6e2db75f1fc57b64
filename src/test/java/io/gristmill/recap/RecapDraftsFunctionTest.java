package io.gristmill.recap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.EmployeeInput;
import io.gristmill.directory.Identities;
import io.gristmill.front.FrontSecret;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;
import io.gristmill.testing.Ids;
import io.gristmill.testing.RecapDraftsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The daily {@code recap-drafts} function through the Lambda mock event server, with an EventBridge event. */
@QuarkusTest
@TestProfile(RecapDraftsProfile.class)
class RecapDraftsFunctionTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Inject
    EmployeeDirectory directory;
    @Inject
    ActivityStore activities;
    @Inject
    TenantSettingsStore settings;
    @Inject
    ConnectionStore connections;
    @Inject
    RecapStore recaps;

    private JsonNode runSchedule(String tenant) throws IOException {
        String event;
        try (InputStream in = getClass().getResourceAsStream("/events/eventbridge-scheduled.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String body = given().contentType("application/json").body(event).post("/").then().statusCode(200).extract().asString();
        for (JsonNode report : new ObjectMapper().readTree(body)) {
            if (report.get("tenantId").asText().equals(tenant)) {
                return report;
            }
        }
        throw new AssertionError("No report for " + tenant + " in " + body);
    }

    private void person(String tenant, String id, String group, boolean active, Instant deactivatedAt) {
        directory.put(tenant, id, new EmployeeInput(id, id + "@acme.test", null, null, List.of(group), Identities.NONE, active, deactivatedAt), 0);
    }

    @Test
    void drafts_the_week_that_last_ended_in_the_tenant_zone_for_recap_group_members_once() throws IOException {
        String tenant = Ids.tenant();
        settings.put(tenant, new TenantSettings("Asia/Tokyo", DayOfWeek.MONDAY, null, null, List.of("sales")), "test");
        connections.connected(tenant, FrontSecret.PROVIDER, "cmp_" + tenant, null, null, null, "emp-admin");
        IsoWeek lastWeek = IsoWeek.containing(Instant.now(), TOKYO, DayOfWeek.MONDAY).previous();
        Instant inLastWeek = lastWeek.start(TOKYO, DayOfWeek.MONDAY).plusSeconds(36 * 3600);
        person(tenant, "emp-ada", "sales", true, null);
        person(tenant, "emp-bob", "sales", true, null);
        person(tenant, "emp-ops", "ops", true, null);
        person(tenant, "emp-gone", "sales", false, lastWeek.start(TOKYO, DayOfWeek.MONDAY).minusSeconds(86400));
        activities.record(new Activity(tenant, Optional.of("emp-ada"), inLastWeek, Source.SALESFORCE, "opportunity.won", "006A0000000001AAA",
                "006A0000000001AAA:closed", Map.of("opportunityName", "Acme"), Map.of("amount", new java.math.BigDecimal("5000")), Map.of()));

        JsonNode first = runSchedule(tenant);

        assertThat(first.get("week").asText()).isEqualTo(lastWeek.toString());
        assertThat(first.get("drafted").asInt()).isEqualTo(2);
        Recap ada = recaps.versions(tenant, "emp-ada", lastWeek).get(0);
        assertThat(ada.status()).isEqualTo(RecapStatus.DRAFT);
        assertThat(ada.content().metric("dealsWon").orElseThrow().value()).isEqualByComparingTo("1");
        assertThat(recaps.versions(tenant, "emp-ops", lastWeek)).as("not in a recap group").isEmpty();
        assertThat(recaps.versions(tenant, "emp-gone", lastWeek)).as("left before the week").isEmpty();

        JsonNode second = runSchedule(tenant);

        assertThat(second.get("drafted").asInt()).isZero();
        assertThat(second.get("existing").asInt()).isEqualTo(2);
        assertThat(recaps.versions(tenant, "emp-ada", lastWeek)).hasSize(1);
    }
}
