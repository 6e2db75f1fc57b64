package io.gristmill.erasure;

import static io.gristmill.http.ApiRouterTestSupport.assertError;
import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.caller;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.EmployeeInput;
import io.gristmill.directory.IdentityKind;
import io.gristmill.directory.Identities;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;
import io.gristmill.testing.HttpApiEvent;
import io.gristmill.testing.Ids;
import io.gristmill.testing.LocalAws;
import io.gristmill.testing.TableScan;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Erasure on request and retention, through the api function; proven by scanning the whole table. */
@QuarkusTest
class EmployeeErasureTest {
    private static final String ADA_SF = "005A00000000ADAAAA";
    private static final String ADA_TEAMMATE = "tea_ada";

    @Inject
    EmployeeDirectory directory;
    @Inject
    ActivityStore activities;
    @Inject
    TenantSettingsStore settings;
    @Inject
    DynamoDbClient dynamo;

    /** A company where Ada worked, had recaps, templates, a delegation, and work done after she was blocked. */
    private String company() {
        String tenant = Ids.tenant();
        settings.put(tenant, new TenantSettings("UTC", DayOfWeek.MONDAY, null, null, List.of()), "test");
        directory.put(tenant, "emp-mia", new EmployeeInput("Mia Lead", "mia@acme.test", null, null, List.of(), Identities.NONE, true, null), 0);
        directory.put(tenant, "emp-ada", new EmployeeInput("Ada Lovelace", "ada@acme.test", "emp-mia", "Sales Rep", List.of("sales"),
                new Identities(ADA_SF, ADA_TEAMMATE), true, null), 0);
        for (int day = 0; day < 30; day++) {
            Instant at = Instant.parse("2026-10-01T09:00:00Z").plusSeconds(86_400L * day);
            activities.record(new Activity(tenant, Optional.of("emp-ada"), at, Source.SALESFORCE, "task.call_logged", "00T" + day,
                    "00T" + day, Map.of("opportunityName", "Ada's Initech deal"), Map.of("durationSeconds", BigDecimal.TEN),
                    Map.of("salesforceUserId", ADA_SF)));
        }
        activities.record(new Activity(tenant, Optional.empty(), Instant.parse("2026-11-02T09:00:00Z"), Source.FRONT, "front.message.sent",
                "cnv_1", "evt_after_block", Map.of("conversationId", "cnv_1"), Map.of(), Map.of("frontTeammateId", ADA_TEAMMATE)));
        activities.record(new Activity(tenant, Optional.of("emp-mia"), Instant.parse("2026-10-05T09:00:00Z"), Source.SALESFORCE,
                "task.call_logged", "00TMIA", "00TMIA", Map.of(), Map.of(), Map.of("salesforceUserId", "005A00000000MIAAAA")));
        Map<String, String> ada = caller(tenant, "employee", "emp-ada");
        assertThat(request("GET", "/recaps/emp-ada/2026-W41").claims(ada).send().status()).isEqualTo(200);
        request("POST", "/recaps/emp-ada/2026-W41/confirm").claims(ada).send();
        request("GET", "/recaps/emp-ada/2026-W42").claims(ada).send();
        request("POST", "/prompt-templates").claims(ada).jsonBody(Map.of("name", "Ada's calls", "instructions", "Ada likes brevity")).send();
        request("PUT", "/employees/emp-ada/delegates/emp-mia").claims(admin(tenant)).send();
        return tenant;
    }

    private List<Map<String, AttributeValue>> itemsOf(String tenant) {
        return TableScan.itemsMentioning(dynamo, tenant);
    }

    @Test
    void erasing_an_employee_leaves_nothing_of_theirs_but_a_tombstone_and_touches_no_one_else() {
        String tenant = company();
        String neighbour = company();
        int neighbourItems = itemsOf(neighbour).size();
        int miasActivities = activities.forEmployee(tenant, "emp-mia", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")).size();

        HttpApiEvent.Response response = request("DELETE", "/tenants/" + tenant + "/employees/emp-ada/data").claims(admin(tenant)).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("finished").asBoolean()).isTrue();
        assertThat(response.body().get("activities").asInt()).isEqualTo(31);
        assertThat(response.body().get("recapVersions").asInt()).isEqualTo(2);
        assertThat(response.body().get("templates").asInt()).isEqualTo(1);
        for (Map<String, AttributeValue> item : itemsOf(tenant)) {
            String text = item.toString();
            assertThat(text).as("no trace of Ada's data: " + text).doesNotContain("Ada Lovelace", "ada@acme.test", "Ada's", "Sales Rep");
            if (text.contains("emp-ada")) {
                String sortKey = item.get("SK").s();
                assertThat(sortKey).as("only the tombstone and the accounts pointing to it name emp-ada").matches("EMP#emp-ada|IDENT#.*");
            }
            assertThat(text).doesNotContain("evt_after_block");
        }
        Employee tombstone = directory.find(tenant, "emp-ada").orElseThrow();
        assertThat(tombstone.erased()).isTrue();
        assertThat(tombstone.name()).isEqualTo("Erased employee");
        assertThat(tombstone.managerId()).isEmpty();
        assertThat(directory.creditFor(tenant, IdentityKind.SALESFORCE, ADA_SF, Instant.now())).as("later work stays unattributed").isEmpty();
        assertThat(directory.creditFor(tenant, IdentityKind.SALESFORCE, ADA_SF, Instant.parse("2026-10-01T09:00:00Z")))
                .as("and so does earlier work read again").isEmpty();
        assertThat(activities.forEmployee(tenant, "emp-mia", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))).hasSize(miasActivities);
        assertThat(itemsOf(neighbour)).as("another tenant is untouched").hasSize(neighbourItems);
        assertThat(request("DELETE", "/tenants/" + tenant + "/employees/emp-ada/data").claims(admin(tenant)).send().status())
                .as("erasing again is harmless").isEqualTo(200);
    }

    @Test
    void only_an_admin_of_the_tenant_erases_and_an_unknown_employee_is_a_404() {
        String tenant = company();
        assertError(request("DELETE", "/tenants/" + tenant + "/employees/emp-ada/data").claims(caller(tenant, "manager", "emp-mia")).send(),
                403, "forbidden");
        assertError(request("DELETE", "/tenants/" + tenant + "/employees/emp-ada/data").claims(admin(Ids.tenant())).send(), 404, "not_found");
        assertError(request("DELETE", "/tenants/" + tenant + "/employees/emp-nobody/data").claims(admin(tenant)).send(), 404, "not_found");
        assertThat(directory.find(tenant, "emp-ada").orElseThrow().erased()).isFalse();
    }

    @Test
    void activity_and_recaps_expire_after_the_tenants_retention_and_a_changed_retention_can_be_applied_to_what_is_stored() {
        String tenant = company();
        Map<String, AttributeValue> call = activityItem(tenant, "00T0");
        Instant happened = Instant.parse("2026-10-01T09:00:00Z");
        assertThat(Long.parseLong(call.get("expiresAt").n())).as("24 months by default")
                .isEqualTo(happened.atZone(ZoneOffset.UTC).plusMonths(24).toEpochSecond());

        settings.put(tenant, new TenantSettings("UTC", DayOfWeek.MONDAY, null, null, List.of(), null, 6), "test");
        HttpApiEvent.Response applied = request("POST", "/tenants/" + tenant + "/retention/apply").claims(admin(tenant)).send();

        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.body().get("itemsUpdated").asInt()).isEqualTo(34); // 32 activities and 2 recap versions
        assertThat(Long.parseLong(activityItem(tenant, "00T0").get("expiresAt").n()))
                .isEqualTo(happened.atZone(ZoneOffset.UTC).plusMonths(6).toEpochSecond());
        assertThat(request("POST", "/tenants/" + tenant + "/retention/apply").claims(admin(tenant)).send().body().get("itemsUpdated").asInt())
                .as("nothing left to update").isZero();
    }

    private Map<String, AttributeValue> activityItem(String tenant, String recordId) {
        String id = activities.forSourceRecord(tenant, Source.SALESFORCE, recordId).get(0).id();
        return dynamo.getItem(b -> b.tableName(LocalAws.TABLE).key(Map.of("PK", AttributeValue.fromS("T#" + tenant + "#ACT#" + id),
                "SK", AttributeValue.fromS("ACT")))).item();
    }
}
