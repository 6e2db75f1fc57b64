package io.gristmill.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.connect.ConnectTestSupport;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.IdentityKind;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.gristmill.testing.SlowOrgProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A large org whose queries take longer than the client waits for an answer (here 0.5 s; in
 * production above Salesforce's own query limit). Salesforce would answer QUERY_TIMEOUT only after
 * minutes, so the client's own timeout is what the poller sees.
 */
@QuarkusTest
@TestProfile(SlowOrgProfile.class)
class SalesforceSlowOrgTest {
    @Inject
    SalesforcePoller poller;
    @Inject
    ActivityStore activities;
    @Inject
    EmployeeDirectory directory;
    @Inject
    ConnectionStore connections;
    @Inject
    TenantSettingsStore settings;

    SimulatedSalesforce org;
    String tenant;
    OrgFixture fixture;

    @BeforeEach
    void connectedTenant() {
        org = SimulatedSalesforceResource.salesforce();
        org.reset();
        tenant = Ids.tenant();
        ConnectTestSupport.connect(tenant);
        fixture = new OrgFixture(org, Instant.now());
        fixture.week();
    }

    @Test
    void a_query_slower_than_the_read_timeout_narrows_its_window_and_the_rest_of_the_poll_goes_on() {
        poller.poll(tenant);
        org.put("Task", fixture.row("00T0000000000NEWAA", Duration.ofMinutes(4), "OwnerId", OrgFixture.REP, "TaskSubtype", "Call",
                "CallDurationInSeconds", 60, "IsClosed", true));
        org.put("Event", fixture.row("00U0000000000NEWAA", Duration.ofMinutes(3), "OwnerId", OrgFixture.REP, "DurationInMinutes", 30,
                "IsAllDayEvent", false, "StartDateTime", fixture.ago(Duration.ofMinutes(3)), "EndDateTime", fixture.ago(Duration.ofMinutes(1))));
        // The meeting ended a minute ago: a poll counts a meeting once it has ended, and a poll's "now" is cut to the
        // second (a meeting ending in the poll's own second waited for the next poll: this test's one-in-four flake).
        // Task queries over more than 6 minutes take 1.5 s: three times the client's read timeout.
        org.slowQueriesWiderThan("Task", Duration.ofMinutes(6), 1500);

        PollReport report = poller.poll(tenant);

        assertThat(report.skipped()).isEmpty();
        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "00T0000000000NEWAA")).hasSize(1);
        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "00U0000000000NEWAA")).hasSize(1);
        assertThat(connections.get(tenant, SalesforceSecret.PROVIDER).syncStatus()).startsWith("ok; API usage ");
    }

    @Test
    void salesforce_not_answering_skips_the_object_for_the_cycle_and_says_so() {
        poller.poll(tenant);
        org.put("Task", fixture.row("00T0000000000LATAA", Duration.ofMinutes(4), "OwnerId", OrgFixture.REP, "TaskSubtype", "Call",
                "CallDurationInSeconds", 60, "IsClosed", true));
        // Slower than the read timeout at every width the poller may narrow to.
        org.slowQueriesWiderThan("Task", Duration.ZERO, 1500);

        PollReport slow = poller.poll(tenant);

        assertThat(slow.skipped()).containsOnlyKeys("Task");
        assertThat(connections.get(tenant, SalesforceSecret.PROVIDER).syncStatus()).contains("Task");
        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "00T0000000000LATAA")).as("not read yet").isEmpty();

        org.slowQueriesWiderThan(null, null, 0);
        PollReport recovered = poller.poll(tenant);

        assertThat(recovered.skipped()).isEmpty();
        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "00T0000000000LATAA")).as("the cursor had stayed").hasSize(1);
    }

    @Test
    void a_snapshot_too_slow_to_read_whole_is_skipped_never_walked_from_1970_or_applied_in_part() {
        settings.put(tenant, new TenantSettings("UTC", java.time.DayOfWeek.MONDAY, null, null, List.of("sf:EMEA_Sales")), "test");
        poller.poll(tenant);
        String rex = directory.findByIdentity(tenant, IdentityKind.SALESFORCE, OrgFixture.REP).orElseThrow().employeeId();
        assertThat(directory.find(tenant, rex).orElseThrow().groups()).containsExactly("sf:EMEA_Sales");
        org.put("Task", fixture.row("00T0000000000SNPAA", Duration.ofMinutes(4), "OwnerId", OrgFixture.REP, "TaskSubtype", "Call",
                "CallDurationInSeconds", 60, "IsClosed", true));
        // The membership snapshot reads all of GroupMember (a window since 1970): too slow today.
        org.slowQueriesWiderThan("GroupMember", Duration.ofDays(1), 1500);
        int callsBefore = org.apiCalls();

        PollReport slow = poller.poll(tenant);

        assertThat(slow.skipped()).containsKey("GroupMember");
        assertThat(org.apiCalls() - callsBefore).as("no window walk").isLessThan(20);
        assertThat(directory.find(tenant, rex).orElseThrow().groups()).as("no partial snapshot applied").containsExactly("sf:EMEA_Sales");
        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "00T0000000000SNPAA"))
                .as("work waits for the groups that decide whether it is synced").isEmpty();

        org.slowQueriesWiderThan(null, null, 0);
        poller.poll(tenant);

        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "00T0000000000SNPAA")).as("nothing was lost").hasSize(1);
        assertThat(directory.find(tenant, rex).orElseThrow().groups()).containsExactly("sf:EMEA_Sales");
    }
}
