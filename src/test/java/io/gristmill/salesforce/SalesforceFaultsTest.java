package io.gristmill.salesforce;

import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.connect.ConnectTestSupport;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.testing.ConnectProfile;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * 10,000 records polled once without faults and once with at least 10 % of REST calls failing in
 * Salesforce's real ways: the stored activity must be the same — nothing lost, nothing doubled.
 */
@QuarkusTest
@TestProfile(ConnectProfile.class)
class SalesforceFaultsTest {
    private static final Logger LOG = Logger.getLogger(SalesforceFaultsTest.class);
    private static final Instant FROM = Instant.now().minus(Duration.ofDays(100));
    private static final Instant TO = Instant.now().plus(Duration.ofDays(1));

    @Inject
    SalesforcePoller poller;

    @Inject
    ActivityStore activities;

    @Inject
    EmployeeDirectory directory;

    /** What must be equal between tenants: everything but the tenant. */
    private List<String> facts(String tenant) {
        List<Activity> all = new ArrayList<>(activities.unattributed(tenant, FROM, TO));
        directory.list(tenant, 1000, java.util.Optional.empty()).employees()
                .forEach(e -> all.addAll(activities.forEmployee(tenant, e.employeeId(), FROM, TO)));
        return all.stream().map(a -> a.kind() + "|" + a.sourceFactId() + "|" + a.employeeId().orElse("-") + "|" + a.occurredAt()
                + "|" + a.measures() + "|" + a.metadata() + "|" + a.references()).sorted().toList();
    }

    @Test
    void a_poll_with_injected_faults_over_10000_records_stores_exactly_what_a_fault_free_poll_stores() {
        SimulatedSalesforce org = SimulatedSalesforceResource.salesforce();
        org.reset();
        String orgId = org.orgId();
        String adminUser = org.userId();
        OrgFixture fixture = new OrgFixture(org, Instant.now());
        fixture.week();
        for (int i = 0; i < 10_000; i++) {
            org.put("Task", fixture.row(String.format("00T%015d", i), Duration.ofMinutes(5L * i + 7), "OwnerId",
                    i % 3 == 0 ? OrgFixture.MANAGER : OrgFixture.REP, "TaskSubtype", i % 2 == 0 ? "Call" : "Task",
                    "CallDurationInSeconds", i % 600, "CallType", "Outbound", "IsClosed", true));
        }

        String clean = Ids.tenant();
        ConnectTestSupport.connect(clean);
        PollReport cleanReport = poller.poll(clean);
        assertThat(cleanReport.skipped()).isEmpty();
        List<String> expected = facts(clean);
        assertThat(expected).hasSizeGreaterThan(10_000);
        assertThat(new HashSet<>(expected)).hasSameSizeAs(expected);

        // The same org, now for another tenant, with faults.
        request("DELETE", "/connections/salesforce").claims(admin(clean)).send();
        org.signInAs(orgId, adminUser);
        String faulty = Ids.tenant();
        ConnectTestSupport.connect(faulty);
        org.faults(0.12);
        int callsBefore = org.apiCalls();
        int polls = 0;
        boolean done = false;
        while (!done && polls < 60) {
            polls++;
            try {
                PollReport report = poller.poll(faulty);
                done = report.skipped().isEmpty() && !report.stoppedForBudget()
                        && ConnectTestSupport.connectionField(faulty, "syncStatus").startsWith("ok; API usage ");
            } catch (RuntimeException failedCycle) {
                LOG.infof("cycle %d failed: %s", polls, failedCycle.toString());
            }
        }
        int calls = org.apiCalls() - callsBefore;
        int faults = org.faultsInjected();
        org.faults(0);
        LOG.infof("faulty org: %d polls, %d REST calls, %d faults injected", polls, calls, faults);

        assertThat(done).as("a cycle finished cleanly within 60 polls").isTrue();
        assertThat((double) faults / calls).as("share of calls that failed").isGreaterThanOrEqualTo(0.08);
        assertThat(faults).isGreaterThanOrEqualTo(5);
        List<String> actual = facts(faulty);
        Set<String> missing = new HashSet<>(expected);
        actual.forEach(missing::remove);
        assertThat(missing).as("lost").isEmpty();
        assertThat(actual).as("nothing doubled, nothing extra").hasSameSizeAs(expected).containsExactlyElementsOf(expected);
    }
}
