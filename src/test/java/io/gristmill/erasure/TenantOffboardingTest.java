package io.gristmill.erasure;

import static io.gristmill.http.ApiRouterTestSupport.assertError;
import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.caller;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.aws.OnceLedger;
import io.gristmill.aws.TokenVault;
import io.gristmill.connect.ConnectTestSupport;
import io.gristmill.salesforce.SalesforcePoller;
import io.gristmill.salesforce.objects.SalesforceTime;
import io.gristmill.testing.ConnectProfile;
import io.gristmill.testing.HttpApiEvent;
import io.gristmill.testing.Ids;
import io.gristmill.testing.TableScan;
import io.gristmill.testing.SimulatedFrontResource;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code DELETE /tenants/{tenantId}} through the connect function; proven by scanning the whole table. */
@QuarkusTest
@TestProfile(ConnectProfile.class)
class TenantOffboardingTest {
    @Inject
    SalesforcePoller poller;
    @Inject
    TokenVault vault;
    @Inject
    OnceLedger ledger;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    ActivityStore activities;

    private Map<String, Object> row(String id, Duration age, Object... pairs) {
        Map<String, Object> row = new HashMap<>();
        String stamp = SalesforceTime.record(Instant.now().minus(age));
        row.putAll(Map.of("Id", id, "IsDeleted", false, "CreatedDate", stamp, "CreatedById", "005000000000001AAA", "LastModifiedDate", stamp,
                "SystemModstamp", stamp));
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    /** A tenant with both tools connected, a polled org, a Front conversation, settings and an ignored webhook remembered. */
    private String connectedCompany(SimulatedSalesforce org, boolean front) {
        String tenant = Ids.tenant();
        org.signInAs(org.newOrg(), org.userId());
        ConnectTestSupport.connect(tenant);
        if (front) { // the simulated Front has one company, which one tenant at a time may connect
            assertThat(request("PUT", "/connections/front").claims(admin(tenant))
                    .jsonBody(Map.of("apiToken", SimulatedFrontResource.front().issueApiToken(), "apiSecret", "rule-secret")).send().status())
                    .isEqualTo(200);
        }
        org.put("User", row("005000000000001AAA", Duration.ofDays(10), "Email", "rex@acme.test", "Name", "Rex Rep", "IsActive", true));
        org.put("Task", row("00T000000000OFFAAA", Duration.ofDays(2), "OwnerId", "005000000000001AAA", "TaskSubtype", "Call",
                "CallDurationInSeconds", 60, "IsClosed", true));
        poller.poll(tenant);
        // A customer's message nobody answered yet: stored with its conversation's digest.
        activities.record(new Activity(tenant, java.util.Optional.empty(), Instant.now().minus(Duration.ofHours(3)), Source.FRONT,
                "front.message.received", "cnv_offboard", "msg_offboard", Map.of("conversationId", "cnv_offboard"), Map.of(), Map.of()));
        ledger.firstTime(tenant, "front-ignored", "evt_1", Duration.ofDays(3), "ignored: test");
        return tenant;
    }

    private List<Map<String, AttributeValue>> itemsOf(String tenant) {
        return TableScan.itemsMentioning(dynamo, tenant);
    }

    @Test
    void offboarding_revokes_and_deletes_the_tokens_then_erases_every_item_of_the_tenant_and_no_other() {
        SimulatedSalesforce org = SimulatedSalesforceResource.salesforce();
        org.reset();
        String tenant = connectedCompany(org, true);
        String orgId = org.orgId();
        String refresh = vault.read(tenant, "salesforce").orElseThrow().field("refresh_token");
        String neighbour = connectedCompany(org, false);
        int neighbourItems = itemsOf(neighbour).size();
        assertThat(itemsOf(tenant)).hasSizeGreaterThan(10);

        HttpApiEvent.Response response = request("DELETE", "/tenants/" + tenant).claims(admin(tenant)).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("finished").asBoolean()).isTrue();
        assertThat(response.body().get("revokedAtSalesforce").asBoolean()).isTrue();
        assertThat(org.revokedTokens()).contains(refresh);
        assertThat(vault.read(tenant, "salesforce")).isEmpty();
        assertThat(vault.read(tenant, "front")).isEmpty();
        assertThat(itemsOf(tenant)).as("nothing of the tenant is left in the table").isEmpty();
        assertThat(itemsOf(neighbour)).as("another tenant is untouched").hasSize(neighbourItems);
        org.signInAs(orgId, org.userId());
        ConnectTestSupport.connect(Ids.tenant()); // its org is free again
    }

    @Test
    void only_an_admin_of_the_tenant_offboards_it() {
        String tenant = Ids.tenant();
        assertError(request("DELETE", "/tenants/" + tenant).claims(caller(tenant, "manager", "emp-1")).send(), 403, "forbidden");
        assertError(request("DELETE", "/tenants/" + tenant).claims(admin(Ids.tenant())).send(), 404, "not_found");
    }
}
