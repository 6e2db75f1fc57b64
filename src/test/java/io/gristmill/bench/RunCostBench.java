package io.gristmill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.gristmill.connect.FrontConnect;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.EmployeeInput;
import io.gristmill.directory.Identities;
import io.gristmill.front.FrontReconcileWorker;
import io.gristmill.recap.RecapDraftsWorker;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedFront;
import io.gristmill.testing.SimulatedFrontResource;
import io.gristmill.work.WorkOrder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * What one run of the other two jobs costs, for the capacity model in docs/scale.md ({@code
 * ScaleBench} has the Salesforce poll's): an idle Front reconciliation (the steady state every 10
 * minutes: nothing new since the stored cursor) with Front answering every call after 150 ms, and
 * a tenant's weekly drafts run and its hourly repeats (which find the drafts there). Each: its
 * time, its API calls, and its DynamoDB calls and capacity units, read and write apart.
 */
@QuarkusTest
@TestProfile(RunCostBenchProfile.class)
@Tag("bench")
class RunCostBench {
    private static final int RUNS = 30;
    /** The people of the drafts run's tenant. */
    private static final int PEOPLE = 20;

    @Inject
    FrontConnect connect;
    @Inject
    FrontReconcileWorker worker;
    @Inject
    RecapDraftsWorker drafts;
    @Inject
    EmployeeDirectory directory;

    @Test
    void an_idle_reconciliation_run() {
        SimulatedFront front = SimulatedFrontResource.front();
        front.reset();
        String tenant = Ids.tenant();
        connect.connectWithApiToken(tenant, "auth0|bench", new FrontConnect.ApiTokenRequest(front.issueApiToken(), null));
        worker.frontReconcileWorker(new WorkOrder("front-reconcile", tenant, 1, 0)); // the first run reads what is there
        worker.frontReconcileWorker(new WorkOrder("front-reconcile", tenant, 2, 0)); // and warms this JVM's code paths

        front.latencyMillis(150);
        CountingInterceptor.reset();
        int frontBefore = front.apiCalls();
        long started = System.nanoTime();
        for (int run = 0; run < RUNS; run++) {
            worker.frontReconcileWorker(new WorkOrder("front-reconcile", tenant, 3 + run, 0));
        }
        double seconds = (System.nanoTime() - started) / 1e9 / RUNS;
        front.latencyMillis(0);

        double frontCalls = (front.apiCalls() - frontBefore) / (double) RUNS;
        System.out.println("DynamoDB calls of " + RUNS + " idle Front runs, by operation: " + new java.util.TreeMap<>(CountingInterceptor.BY_OPERATION));
        System.out.printf("BENCH scale.front_idle_run.run_s %.2f%n", seconds);
        System.out.printf("BENCH scale.front_idle_run.front_calls %.2f%n", frontCalls);
        System.out.printf("BENCH scale.front_idle_run.dynamodb_calls %.2f%n", CountingInterceptor.CALLS.get() / (double) RUNS);
        System.out.printf("BENCH scale.front_idle_run.dynamodb_read_units %.2f%n", CountingInterceptor.READ_UNITS.sum() / RUNS);
        System.out.printf("BENCH scale.front_idle_run.dynamodb_write_units %.2f%n", CountingInterceptor.WRITE_UNITS.sum() / RUNS);
        assertThat(frontCalls).as("an idle run still asks Front what changed").isGreaterThanOrEqualTo(1);
        assertThat(seconds).as("each run waited for its Front calls").isGreaterThanOrEqualTo(0.15 * frontCalls);
    }

    @Test
    void a_weekly_drafts_run_and_its_hourly_repeat() {
        String tenant = Ids.tenant();
        for (int i = 0; i < PEOPLE; i++) {
            directory.put(tenant, "emp-" + i, new EmployeeInput("Person " + i, "person" + i + "@example.com", null, null, List.of(),
                    Identities.NONE, true, null), 0);
        }
        CountingInterceptor.reset();
        long started = System.nanoTime();
        drafts.recapDraftsWorker(new WorkOrder("recap-drafts", tenant, 1, 0));
        double weekly = (System.nanoTime() - started) / 1e9;
        System.out.println("DynamoDB calls of a weekly drafts run of " + PEOPLE + " people, by operation: "
                + new java.util.TreeMap<>(CountingInterceptor.BY_OPERATION));
        System.out.printf("BENCH scale.weekly_drafts.s_per_person %.3f%n", weekly / PEOPLE);
        System.out.printf("BENCH scale.weekly_drafts.dynamodb_calls_per_person %.2f%n", CountingInterceptor.CALLS.get() / (double) PEOPLE);
        System.out.printf("BENCH scale.weekly_drafts.dynamodb_read_units_per_person %.2f%n", CountingInterceptor.READ_UNITS.sum() / PEOPLE);
        System.out.printf("BENCH scale.weekly_drafts.dynamodb_write_units_per_person %.2f%n", CountingInterceptor.WRITE_UNITS.sum() / PEOPLE);

        CountingInterceptor.reset();
        started = System.nanoTime();
        drafts.recapDraftsWorker(new WorkOrder("recap-drafts", tenant, 2, 0));
        double hourly = (System.nanoTime() - started) / 1e9;
        System.out.println("DynamoDB calls of an hourly repeat over " + PEOPLE + " people, by operation: "
                + new java.util.TreeMap<>(CountingInterceptor.BY_OPERATION));
        System.out.printf("BENCH scale.hourly_drafts_repeat.run_s %.3f%n", hourly);
        System.out.printf("BENCH scale.hourly_drafts_repeat.dynamodb_calls %.2f%n", (double) CountingInterceptor.CALLS.get());
        System.out.printf("BENCH scale.hourly_drafts_repeat.dynamodb_read_units %.2f%n", CountingInterceptor.READ_UNITS.sum());
        System.out.printf("BENCH scale.hourly_drafts_repeat.dynamodb_write_units %.2f%n", CountingInterceptor.WRITE_UNITS.sum());
        assertThat(CountingInterceptor.BY_OPERATION).as("the repeat writes no recap").doesNotContainKeys("PutItem", "TransactWriteItems");
    }
}
