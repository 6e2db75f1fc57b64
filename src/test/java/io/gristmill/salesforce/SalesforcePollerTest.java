package io.gristmill.salesforce;

import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gristmill.salesforce.objects.SalesforceTime;
import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.connect.ConnectTestSupport;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.IdentityKind;
import io.gristmill.sync.SyncCursorStore;
import io.gristmill.testing.ConnectProfile;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Incremental polling against the simulated org over HTTP, into DynamoDB Local. */
@QuarkusTest
@TestProfile(ConnectProfile.class)
class SalesforcePollerTest {
    private static final Instant FROM = Instant.now().minus(Duration.ofDays(100));
    private static final Instant TO = Instant.now().plus(Duration.ofDays(1));

    @Inject
    SalesforcePoller poller;

    @Inject
    ActivityStore activities;

    @Inject
    EmployeeDirectory directory;

    @Inject
    SyncCursorStore cursors;

    @Inject
    software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo;

    @Inject
    io.gristmill.config.GristmillConfig config;

    SimulatedSalesforce org;
    String tenant;

    @BeforeEach
    void connectedTenant() {
        org = SimulatedSalesforceResource.salesforce();
        org.reset();
        tenant = Ids.tenant();
        ConnectTestSupport.connect(tenant);
    }

    private String rep() {
        return directory.findByIdentity(tenant, IdentityKind.SALESFORCE, OrgFixture.REP).orElseThrow().employeeId();
    }

    private List<Activity> all() {
        List<Activity> all = new ArrayList<>(activities.unattributed(tenant, FROM, TO));
        directory.list(tenant, 1000, java.util.Optional.empty()).employees()
                .forEach(e -> all.addAll(activities.forEmployee(tenant, e.employeeId(), FROM, TO)));
        return all;
    }

    @Test
    void a_full_poll_maps_every_object_kind_to_the_employee_who_did_the_work() {
        new OrgFixture(org, Instant.now()).week();

        PollReport report = poller.poll(tenant);

        List<Activity> rex = activities.forEmployee(tenant, rep(), FROM, TO);
        assertThat(rex).extracting(Activity::kind).containsExactlyInAnyOrder(
                "account.created", "opportunity.created", "opportunity.won", "opportunity.stage_set",
                "opportunity.stage_changed", "opportunity.stage_changed", "opportunity.amount_changed",
                "opportunity.contact_role_added", "lead.created", "lead.converted", "task.call_logged", "task.email_logged",
                "task.completed", "event.meeting_held", "note.added");
        Activity call = rex.stream().filter(a -> a.kind().equals("task.call_logged")).findFirst().orElseThrow();
        assertThat(call.measures().get("durationSeconds")).isEqualByComparingTo("420");
        assertThat(call.metadata()).containsEntry("direction", "Outbound").containsEntry("disposition", "Connected");
        Activity won = rex.stream().filter(a -> a.kind().equals("opportunity.won")).findFirst().orElseThrow();
        assertThat(won.measures().get("amount")).isEqualByComparingTo("48000");
        assertThat(won.references()).containsEntry("opportunityName", "Acme renewal").containsEntry("accountId", OrgFixture.ACCOUNT);
        assertThat(rex).filteredOn(a -> a.kind().equals("opportunity.stage_changed"))
                .extracting(a -> a.metadata().get("fromStage") + "->" + a.metadata().get("toStage"))
                .containsExactlyInAnyOrder("Prospecting->Negotiation", "Negotiation->Closed Won");
        assertThat(report.skipped()).isEmpty();
        assertThat(directory.find(tenant, rep()).orElseThrow().managerId())
                .contains(directory.findByIdentity(tenant, IdentityKind.SALESFORCE, OrgFixture.MANAGER).orElseThrow().employeeId());
    }

    @Test
    void no_subject_description_body_or_title_is_ever_read_or_stored() {
        new OrgFixture(org, Instant.now()).week();
        poller.poll(tenant);

        assertThat(all().toString()).doesNotContain(OrgFixture.CONTENT);
        List<String> queries = org.requestLog().stream().filter(line -> line.contains("?q="))
                .map(line -> java.net.URLDecoder.decode(line.substring(line.indexOf("?q=") + 3), java.nio.charset.StandardCharsets.UTF_8))
                .toList();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        for (String soql : queries) {
            String selected = soql.substring("SELECT ".length(), soql.indexOf(" FROM "));
            assertThat(List.of(selected.split(","))).as(soql).doesNotContain("Subject", "Description", "Body");
            if (soql.contains(" FROM Note ")) {
                assertThat(List.of(selected.split(","))).doesNotContain("Title");
            }
            if (soql.contains(" FROM User ")) {
                assertThat(List.of(selected.split(","))).as("a user's job title and department are not needed").doesNotContain("Title",
                        "Department");
            }
        }
    }

    @Test
    void polling_again_stores_nothing_new_and_an_idle_poll_of_twelve_objects_costs_at_most_three_calls() {
        new OrgFixture(org, Instant.now()).week();
        settings(Map.of("objects", List.of("User", "Opportunity", "OpportunityHistory", "OpportunityFieldHistory",
                "OpportunityContactRole", "Account", "Contact", "Lead", "LeadHistory", "Task", "Event", "Note")));
        poller.poll(tenant);
        int stored = all().size();

        PollReport again = poller.poll(tenant);

        assertThat(again.activitiesCreated()).isZero();
        assertThat(all()).hasSize(stored);
        assertThat(again.apiCalls()).as("12 objects, describe cached: three composite calls").isEqualTo(3);
    }

    @Test
    void an_idle_poll_keeps_fresh_cursors_unwritten_and_moves_one_once_it_is_the_idle_step_behind() {
        settings(Map.of("objects", List.of("User", "Task", "Event")));
        poller.poll(tenant); // an org with nothing in it: the first poll sets every cursor
        Instant task = cursors.get(tenant, "salesforce", "Task").orElseThrow().position();
        Instant event = cursors.get(tenant, "salesforce", "Event").orElseThrow().position();

        poller.poll(tenant);

        assertThat(cursors.get(tenant, "salesforce", "Task").orElseThrow().position()).as("nothing new: not written").isEqualTo(task);
        assertThat(cursors.get(tenant, "salesforce", "Event").orElseThrow().position()).isEqualTo(event);

        // The Task cursor as it would be after 20 quiet minutes (the idle step is 15).
        Instant quiet = Instant.now().minus(Duration.ofMinutes(20));
        dynamo.putItem(b -> b.tableName(config.table()).item(Map.of(
                io.gristmill.aws.Table.PK, AttributeValue.fromS(io.gristmill.aws.Table.tenantKey(tenant)),
                io.gristmill.aws.Table.SK, AttributeValue.fromS("CURSOR#salesforce#Task"), "type", AttributeValue.fromS("cursor"),
                "position", AttributeValue.fromS(io.gristmill.aws.Table.sortable(quiet)), "updatedAt", AttributeValue.fromS(quiet.toString()))));
        poller.poll(tenant);

        assertThat(cursors.get(tenant, "salesforce", "Task").orElseThrow().position()).as("the idle step behind: moved to now")
                .isAfter(Instant.now().minus(Duration.ofMinutes(1)));
        assertThat(cursors.get(tenant, "salesforce", "Event").orElseThrow().position()).isEqualTo(event);
    }

    @Test
    void a_poll_reports_how_far_behind_its_objects_are_and_an_object_no_longer_chosen_does_not_count() {
        settings(Map.of("objects", List.of("User", "Task", "Event")));
        poller.poll(tenant);
        // Lead was chosen once: its cursor stays where it was, a month behind.
        Instant month = Instant.now().minus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        dynamo.putItem(b -> b.tableName(config.table()).item(Map.of(
                io.gristmill.aws.Table.PK, AttributeValue.fromS(io.gristmill.aws.Table.tenantKey(tenant)),
                io.gristmill.aws.Table.SK, AttributeValue.fromS("CURSOR#salesforce#Lead"), "type", AttributeValue.fromS("cursor"),
                "position", AttributeValue.fromS(io.gristmill.aws.Table.sortable(month)), "updatedAt", AttributeValue.fromS(month.toString()))));

        PollReport report = poller.poll(tenant);

        Instant chosenFurthestBehind = List.of("User", "Task", "Event").stream()
                .map(object -> cursors.get(tenant, "salesforce", object).orElseThrow().position()).min(Instant::compareTo).orElseThrow();
        assertThat(report.furthestBehind()).as("the lag the worker reports, with no cursor read of its own").contains(chosenFurthestBehind);
        assertThat(cursors.furthestBehind(tenant, "salesforce")).as("every stored cursor, the old Lead one included").contains(month);
    }

    @Test
    void the_first_poll_of_a_new_org_describes_every_object_in_one_call_and_reads_90_days_in_one_query_per_object() {
        new OrgFixture(org, Instant.now()).week();
        List<String> twelve = List.of("User", "Opportunity", "OpportunityHistory", "OpportunityFieldHistory",
                "OpportunityContactRole", "Account", "Contact", "Lead", "LeadHistory", "Task", "Event", "Note");
        settings(Map.of("objects", twelve));
        org.pageSize(2000);

        PollReport first = poller.poll(tenant);

        assertThat(first.skipped()).isEmpty();
        assertThat(org.requestLog()).as("no describe on its own").noneMatch(line -> line.startsWith("GET") && line.endsWith("/describe"));
        assertThat(org.requestLog().stream().filter(line -> line.matches("  composite GET .*/sobjects/\\w+/describe"))).hasSize(12);
        assertThat(org.requestLog().stream().filter(line -> line.contains("queryAll"))).as("one query per object").hasSize(12);
        assertThat(first.apiCalls()).as("one composite of describes, three of first pages").isEqualTo(4);
    }

    @Test
    void a_row_committed_late_with_a_stamp_behind_the_cursor_is_still_picked_up() {
        poller.poll(tenant);
        Instant cursor = cursors.get(tenant, "salesforce", "Task").orElseThrow().position();
        OrgFixture late = new OrgFixture(org, cursor);
        org.put("User", late.row(OrgFixture.REP, Duration.ofDays(30), "Email", "rex@acme.test", "Name", "Rex", "IsActive", true,
                "SystemModstamp", SalesforceTime.record(Instant.now())));
        org.put("Task", late.row("00T00000000LATEAAA", Duration.ofMinutes(2), "OwnerId", OrgFixture.REP, "TaskSubtype", "Call",
                "CallDurationInSeconds", 60, "CallType", "Inbound", "IsClosed", true));

        poller.poll(tenant);

        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "00T00000000LATEAAA")).hasSize(1);
    }

    @Test
    void a_deleted_record_removes_the_activity_derived_from_it() {
        new OrgFixture(org, Instant.now()).week();
        poller.poll(tenant);
        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, OrgFixture.OPP)).isNotEmpty();

        // Stamped a moment ago: a poll reads up to the start of its own second.
        org.delete("Opportunity", OrgFixture.OPP, SalesforceTime.record(Instant.now().minusSeconds(2)));
        PollReport report = poller.poll(tenant);

        assertThat(report.recordsDeleted()).isEqualTo(1);
        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, OrgFixture.OPP)).isEmpty();
    }

    @Test
    void an_object_or_field_the_org_lacks_is_skipped_with_a_reason_and_the_rest_keeps_syncing() {
        new OrgFixture(org, Instant.now()).week();
        org.removeObject("OpportunityFieldHistory");
        org.removeField("Opportunity", "CurrencyIsoCode");

        PollReport report = poller.poll(tenant);

        assertThat(report.skipped()).containsOnlyKeys("OpportunityFieldHistory");
        assertThat(report.skipped().get("OpportunityFieldHistory")).contains("no OpportunityFieldHistory");
        assertThat(activities.forEmployee(tenant, rep(), FROM, TO)).extracting(Activity::kind)
                .contains("opportunity.won", "task.call_logged").doesNotContain("opportunity.amount_changed");
        assertThat(ConnectTestSupport.connectionField(tenant, "syncStatus")).contains("OpportunityFieldHistory");
    }

    @Test
    void a_field_that_disappears_after_describe_skips_the_object_once_then_syncs_again() {
        new OrgFixture(org, Instant.now()).week();
        poller.poll(tenant);
        org.removeField("Task", "CallDisposition");
        new OrgFixture(org, Instant.now()).row("x", Duration.ZERO);
        org.put("Task", new OrgFixture(org, Instant.now()).row("00T00000000NEW1AAA", Duration.ofSeconds(5), "OwnerId", OrgFixture.REP,
                "TaskSubtype", "Call", "CallDurationInSeconds", 30, "IsClosed", true));

        PollReport first = poller.poll(tenant);
        PollReport second = poller.poll(tenant);

        assertThat(first.skipped()).containsKey("Task");
        assertThat(first.skipped().get("Task")).contains("INVALID_FIELD");
        assertThat(second.skipped()).isEmpty();
        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "00T00000000NEW1AAA")).hasSize(1);
    }

    @Test
    void the_poll_stops_when_the_org_reaches_the_budget_and_says_so() {
        new OrgFixture(org, Instant.now()).week();
        org.apiUsage(12_500, 15_000);

        PollReport report = poller.poll(tenant);

        assertThat(report.stoppedForBudget()).isTrue();
        assertThat(report.apiCalls()).isLessThanOrEqualTo(2);
        assertThat(cursors.get(tenant, "salesforce", "Opportunity")).isEmpty();
        assertThat(ConnectTestSupport.connectionField(tenant, "syncStatus")).contains("paused").containsPattern("reached \\d+% \\(budget 80%\\)");
    }

    @Test
    void pages_smaller_than_asked_are_followed_to_the_end() {
        org.pageSize(200);
        OrgFixture fixture = new OrgFixture(org, Instant.now());
        for (int i = 0; i < 450; i++) {
            org.put("Task", fixture.row(String.format("00T%015d", i), Duration.ofMinutes(i + 1L), "OwnerId", OrgFixture.REP,
                    "TaskSubtype", "Call", "CallDurationInSeconds", i, "IsClosed", true));
        }

        PollReport report = poller.poll(tenant);

        assertThat(report.rowsRead()).isEqualTo(450);
        assertThat(report.activitiesCreated()).isEqualTo(450);
    }

    @Test
    void two_overlapping_polls_of_one_tenant_never_run_at_once() throws Exception {
        OrgFixture fixture = new OrgFixture(org, Instant.now());
        for (int i = 0; i < 300; i++) {
            org.put("Task", fixture.row(String.format("00T%015d", i), Duration.ofMinutes(i + 1L), "OwnerId", OrgFixture.REP,
                    "TaskSubtype", "Call", "CallDurationInSeconds", i, "IsClosed", true));
        }
        // Threads of our own, started from the test thread, carry its context class loader (Quarkus's); the common
        // fork-join pool's threads may not, and the REST client then failed client-side (InvalidDefinitionException).
        java.util.concurrent.ExecutorService pollers = java.util.concurrent.Executors.newFixedThreadPool(2);
        CompletableFuture<PollReport> a = CompletableFuture.supplyAsync(() -> poller.poll(tenant), pollers);
        CompletableFuture<PollReport> b = CompletableFuture.supplyAsync(() -> poller.poll(tenant), pollers);

        List<PollReport> reports = List.of(a.get(), b.get());
        pollers.shutdown();

        assertThat(reports).filteredOn(PollReport::alreadyRunning).hasSize(1);
        assertThat(reports).filteredOn(r -> !r.alreadyRunning()).singleElement()
                .satisfies(r -> assertThat(r.activitiesCreated()).isEqualTo(300));
    }

    @Test
    void work_after_a_users_deactivation_is_unattributed_but_earlier_work_stays_credited() {
        OrgFixture fixture = new OrgFixture(org, Instant.now());
        fixture.week();
        poller.poll(tenant);
        String rex = rep();
        org.put("User", fixture.row(OrgFixture.REP, Duration.ofDays(30), "Email", "rex@acme.test", "Name", "Rex Rep", "IsActive", false,
                "LastModifiedDate", fixture.ago(Duration.ofHours(1)), "SystemModstamp", fixture.ago(Duration.ofMinutes(1))));
        org.put("Task", fixture.row("00T00000000AFTRAAA", Duration.ofMinutes(2), "OwnerId", OrgFixture.REP, "TaskSubtype", "Call",
                "CallDurationInSeconds", 90, "IsClosed", true, "CompletedDateTime", fixture.ago(Duration.ofMinutes(2))));

        poller.poll(tenant);

        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "00T00000000AFTRAAA"))
                .singleElement().satisfies(a -> assertThat(a.employeeId()).isEmpty());
        assertThat(activities.forEmployee(tenant, rex, FROM, TO)).extracting(Activity::kind).contains("task.call_logged", "opportunity.won");
        assertThat(directory.find(tenant, rex).orElseThrow().active()).isFalse();
    }

    @Test
    void only_reads_are_ever_sent_to_salesforce() {
        new OrgFixture(org, Instant.now()).week();
        poller.poll(tenant);
        org.expireAccessTokens();
        poller.poll(tenant);

        assertThat(org.writes()).isEmpty();
        assertThat(org.requestLog()).isNotEmpty().allSatisfy(line -> assertThat(line)
                .matches("(GET /services/data/.*|POST /services/data/v\\d+\\.\\d+/composite"
                        + "|  composite GET /services/data/v\\d+\\.\\d+/(queryAll\\?q=.*|sobjects/\\w+/describe))"));
    }

    @Test
    void objects_an_admin_did_not_select_are_not_read() {
        new OrgFixture(org, Instant.now()).week();
        settings(Map.of("objects", List.of("User", "Task")));

        poller.poll(tenant);

        assertThat(all()).extracting(Activity::kind).allMatch(kind -> kind.startsWith("task."));
        assertThat(org.requestLog()).noneMatch(line -> line.contains("FROM+Opportunity") || line.contains("Opportunity/describe"));
    }

    @Test
    void query_timeout_narrows_the_window_and_nothing_is_missed() {
        new OrgFixture(org, Instant.now()).week();
        org.queryTimeoutWiderThan(Duration.ofDays(2));

        PollReport report = poller.poll(tenant);

        // GroupMember is read whole (a snapshot, no window to narrow): skipped this cycle, never walked from 1970.
        assertThat(report.skipped()).containsOnlyKeys("GroupMember");
        assertThat(org.requestLog().stream().filter(line -> line.matches(".*FROM(\\+|%20| )GroupMember.*")))
                .as("GroupMember asked for once, in the first composite").hasSize(1);
        assertThat(activities.forEmployee(tenant, rep(), FROM, TO)).hasSize(15);
        assertThat(org.requestLog()).anyMatch(line -> line.startsWith("GET /services/data/v66.0/queryAll"));
    }

    @Test
    void a_backfill_longer_than_one_invocation_resumes_after_the_last_page_it_stored_and_shows_progress() {
        OrgFixture fixture = new OrgFixture(org, Instant.now());
        org.put("User", fixture.row(OrgFixture.REP, Duration.ofDays(1), "Email", "rex@acme.test", "Name", "Rex Rep", "IsActive", true));
        for (int day = 1; day <= 80; day++) {
            org.put("Task", fixture.row(String.format("00T%015d", day), Duration.ofDays(day), "OwnerId", OrgFixture.REP,
                    "TaskSubtype", "Call", "CallDurationInSeconds", day, "IsClosed", true));
        }
        settings(Map.of("objects", List.of("User", "Task")));
        // Sixteen pages of tasks, read in one query: the cursor moves with each page stored. At 60 ms a call a 300 ms
        // invocation reads at most five, so the backfill takes three invocations or more however fast the machine.
        org.pageSize(5);
        org.latency(60);

        PollReport first = poller.poll(tenant, Duration.ofMillis(300));
        assertThat(first.activitiesCreated()).isLessThan(80);
        assertThat(ConnectTestSupport.connectionField(tenant, "syncStatus")).contains("backfilling");

        int polls = 1;
        int created = first.activitiesCreated();
        while (created < 80 && polls < 40) {
            created += poller.poll(tenant, Duration.ofMillis(300)).activitiesCreated();
            polls++;
        }
        assertThat(polls).as("it took several invocations").isGreaterThan(2);
        assertThat(created).isEqualTo(80);
        assertThat(activities.forEmployee(tenant, rep(), FROM, TO)).hasSize(80);
        org.latency(0);
        poller.poll(tenant);
        assertThat(ConnectTestSupport.connectionField(tenant, "syncStatus")).matches("ok; API usage \\d+ of 15,000 today");
    }

    @Test
    void history_activities_carry_the_opportunity_name_account_and_their_amount() {
        new OrgFixture(org, Instant.now()).week();
        poller.poll(tenant);

        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, OrgFixture.OPP))
                .filteredOn(a -> a.kind().startsWith("opportunity.stage_") || a.kind().equals("opportunity.amount_changed"))
                .hasSize(4)
                .allSatisfy(a -> {
                    assertThat(a.references()).containsEntry("opportunityName", "Acme renewal").containsEntry("accountId", OrgFixture.ACCOUNT);
                    assertThat(a.measures()).containsKey("amount");
                });
    }

    @Test
    void only_selected_pipelines_are_synced() {
        OrgFixture fixture = new OrgFixture(org, Instant.now());
        fixture.week();
        String other = "006000000000009AAA";
        org.put("Opportunity", fixture.row(other, Duration.ofDays(2), "Name", "Partner deal", "OwnerId", OrgFixture.REP,
                "StageName", "Prospecting", "Amount", 9000.0, "IsClosed", false, "IsWon", false, "RecordTypeId", "012000000000002AAA"));
        org.put("OpportunityHistory", fixture.row("008000000000009AAA", Duration.ofDays(2), "OpportunityId", other, "StageName", "Prospecting"));
        settingsStore.put(tenant, new io.gristmill.tenant.TenantSettings("UTC", java.time.DayOfWeek.MONDAY,
                new io.gristmill.tenant.TenantSettings.Salesforce(null, List.of("012000000000001AAA")), null, null), "test");

        poller.poll(tenant);

        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, other)).isEmpty();
        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, OrgFixture.OPP)).extracting(Activity::kind)
                .contains("opportunity.created", "opportunity.stage_changed", "opportunity.won");
    }

    @Test
    void with_employee_groups_selected_only_their_members_work_is_synced() {
        OrgFixture fixture = new OrgFixture(org, Instant.now());
        fixture.week();
        poller.poll(tenant);
        var rex = directory.findByIdentity(tenant, IdentityKind.SALESFORCE, OrgFixture.REP).orElseThrow();
        var mia = directory.findByIdentity(tenant, IdentityKind.SALESFORCE, OrgFixture.MANAGER).orElseThrow();
        directory.put(tenant, rex.employeeId(), new io.gristmill.directory.EmployeeInput(rex.name(), rex.email(), rex.managerId().orElse(null), null,
                List.of("sales"), rex.identities(), true, null), rex.version());
        directory.put(tenant, mia.employeeId(), new io.gristmill.directory.EmployeeInput(mia.name(), mia.email(), null, null,
                List.of("leadership"), mia.identities(), true, null), mia.version());
        settingsStore.put(tenant, new io.gristmill.tenant.TenantSettings("UTC", java.time.DayOfWeek.MONDAY, null, null, List.of("sales")), "test");
        org.put("Task", fixture.row("00T0000000000REXAA", Duration.ofMinutes(3), "OwnerId", OrgFixture.REP, "TaskSubtype", "Call",
                "CallDurationInSeconds", 60, "IsClosed", true));
        org.put("Task", fixture.row("00T0000000000MIAAA", Duration.ofMinutes(3), "OwnerId", OrgFixture.MANAGER, "TaskSubtype", "Call",
                "CallDurationInSeconds", 60, "IsClosed", true));

        poller.poll(tenant);

        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "00T0000000000REXAA")).hasSize(1);
        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "00T0000000000MIAAA")).isEmpty();
    }

    @Test
    void note_text_is_read_only_with_the_tenants_explicit_opt_in() {
        new OrgFixture(org, Instant.now()).week();
        poller.poll(tenant);
        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "002000000000001AAA")).singleElement()
                .satisfies(note -> assertThat(note.metadata()).doesNotContainKeys("title", "text"));

        settingsStore.put(tenant, new io.gristmill.tenant.TenantSettings("UTC", java.time.DayOfWeek.MONDAY,
                new io.gristmill.tenant.TenantSettings.Salesforce(null, null, true), null, null), "test");
        String other = Ids.tenant();
        request("DELETE", "/connections/salesforce").claims(admin(tenant)).send();
        org.signInAs(org.orgId(), org.userId());
        ConnectTestSupport.connect(other);
        settingsStore.put(other, new io.gristmill.tenant.TenantSettings("UTC", java.time.DayOfWeek.MONDAY,
                new io.gristmill.tenant.TenantSettings.Salesforce(null, null, true), null, null), "test");
        poller.poll(other);

        assertThat(activities.forSourceRecord(other, Source.SALESFORCE, "002000000000001AAA")).singleElement()
                .satisfies(note -> assertThat(note.metadata()).containsEntry("text", OrgFixture.CONTENT).containsKey("title"));

        // The tenant withdraws its opt-in: the stored text goes, the note stays as metadata.
        settingsStore.put(other, new io.gristmill.tenant.TenantSettings("UTC", java.time.DayOfWeek.MONDAY,
                new io.gristmill.tenant.TenantSettings.Salesforce(null, null, false), null, null), "test");
        assertThat(settingsStore.get(other).noteTextPurgePending()).isTrue();
        poller.poll(other);

        assertThat(activities.forSourceRecord(other, Source.SALESFORCE, "002000000000001AAA")).singleElement()
                .satisfies(note -> assertThat(note.metadata()).doesNotContainKeys("title", "text").containsKey("private"));
        assertThat(settingsStore.get(other).noteTextPurgePending()).isFalse();
    }

    @Test
    void roles_and_public_group_memberships_reach_the_directory_and_leaving_a_group_is_noticed() {
        OrgFixture fixture = new OrgFixture(org, Instant.now());
        fixture.week();
        poller.poll(tenant);
        var rex = directory.findByIdentity(tenant, IdentityKind.SALESFORCE, OrgFixture.REP).orElseThrow();
        assertThat(rex.role()).contains("Sales Rep EMEA");
        assertThat(rex.groups()).containsExactly("sf:EMEA_Sales");
        directory.put(tenant, rex.employeeId(), new io.gristmill.directory.EmployeeInput(rex.name(), rex.email(),
                rex.managerId().orElse(null), rex.role().orElse(null), List.of("sf:EMEA_Sales", "coaching"), rex.identities(), true, null),
                rex.version());

        org.remove("GroupMember", "011000000000001AAA");
        poller.poll(tenant);

        assertThat(directory.findByIdentity(tenant, IdentityKind.SALESFORCE, OrgFixture.REP).orElseThrow().groups())
                .as("the Salesforce group is gone, the admin's stays").containsExactly("coaching");
    }

    @Inject
    io.gristmill.tenant.TenantSettingsStore settingsStore;

    @Inject
    io.gristmill.directory.IdentityLinks links;

    @Test
    void switching_to_another_org_releases_the_old_one_and_backfills_the_new_one() {
        OrgFixture fixture = new OrgFixture(org, Instant.now());
        fixture.week();
        poller.poll(tenant);
        String sandboxOrg = org.orgId();
        assertThat(cursors.get(tenant, "salesforce", "Task")).isPresent();

        // The admin connects production instead, whose history has a call from 20 days ago.
        org.signInAs(org.newOrg(), org.userId());
        org.put("Task", fixture.row("00T0000000020DAYAA", Duration.ofDays(20), "OwnerId", OrgFixture.REP, "TaskSubtype", "Call",
                "CallDurationInSeconds", 60, "IsClosed", true));
        ConnectTestSupport.connect(tenant);

        assertThat(cursors.get(tenant, "salesforce", "Task")).as("the old org's cursors are forgotten").isEmpty();
        poller.poll(tenant);
        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "00T0000000020DAYAA")).as("the new org is backfilled").hasSize(1);
        org.signInAs(sandboxOrg, org.userId());
        ConnectTestSupport.connect(Ids.tenant()); // the old org is free for another tenant (409 otherwise)
    }

    @Test
    void a_salesforce_user_with_an_employees_e_mail_is_only_proposed_as_a_link_and_changes_nothing() {
        // Vic was added by an admin. A Salesforce user administrator creates a user with Vic's
        // address and a manager of their choosing, hoping to become the one who reads Vic's recaps.
        directory.put(tenant, "emp-vic", new io.gristmill.directory.EmployeeInput("Vic Victim", "vic@acme.test", null, null, List.of(),
                io.gristmill.directory.Identities.NONE, true, null), 0);
        OrgFixture fixture = new OrgFixture(org, Instant.now());
        fixture.week();
        String impostor = "005000000000099AAA";
        org.put("User", fixture.row(impostor, Duration.ofDays(1), "Email", "VIC@acme.test", "Name", "Vic Impostor", "IsActive", true,
                "ManagerId", OrgFixture.MANAGER));
        org.put("Task", fixture.row("00T0000000000IMPAA", Duration.ofHours(2), "OwnerId", impostor, "TaskSubtype", "Call",
                "CallDurationInSeconds", 60, "IsClosed", true));

        poller.poll(tenant);

        io.gristmill.directory.Employee vic = directory.find(tenant, "emp-vic").orElseThrow();
        assertThat(vic.identities().salesforceUserId()).isNull();
        assertThat(vic.managerId()).isEmpty();
        assertThat(directory.findByIdentity(tenant, IdentityKind.SALESFORCE, impostor)).isEmpty();
        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, "00T0000000000IMPAA")).singleElement()
                .satisfies(a -> assertThat(a.employeeId()).as("work of an unlinked account is unattributed").isEmpty());
        assertThat(links.all(tenant)).singleElement().satisfies(link -> {
            assertThat(link.status()).isEqualTo("pending");
            assertThat(link.employeeId()).isEqualTo("emp-vic");
            assertThat(link.externalId()).isEqualTo(impostor);
        });
        poller.poll(tenant);
        assertThat(links.all(tenant)).as("proposed once").hasSize(1);
    }

    @Test
    void a_manager_an_admin_set_wins_over_salesforce_unless_the_tenant_opts_in() {
        OrgFixture fixture = new OrgFixture(org, Instant.now());
        fixture.week();
        poller.poll(tenant);
        var rex = directory.findByIdentity(tenant, IdentityKind.SALESFORCE, OrgFixture.REP).orElseThrow();
        String mia = rex.managerId().orElseThrow();
        assertThat(rex.sourceOf("managerId")).isEqualTo(io.gristmill.directory.FieldSource.SALESFORCE);
        directory.put(tenant, "emp-vic", new io.gristmill.directory.EmployeeInput("Vic Boss", "vic@acme.test", null, null, List.of(),
                io.gristmill.directory.Identities.NONE, true, null), 0);
        directory.put(tenant, rex.employeeId(), new io.gristmill.directory.EmployeeInput(rex.name(), rex.email(), "emp-vic",
                rex.role().orElse(null), rex.groups(), rex.identities(), true, null), rex.version());
        assertThat(directory.find(tenant, rex.employeeId()).orElseThrow().sourceOf("managerId"))
                .isEqualTo(io.gristmill.directory.FieldSource.ADMIN);

        // Salesforce changes Rex's user (and still names Mia as manager).
        org.put("User", fixture.row(OrgFixture.REP, Duration.ofDays(30), "Email", "rex@acme.test", "Name", "Rex Rep", "IsActive", true,
                "ManagerId", OrgFixture.MANAGER, "LastModifiedDate", fixture.ago(Duration.ofMinutes(2)),
                "SystemModstamp", fixture.ago(Duration.ofMinutes(2))));
        poller.poll(tenant);
        assertThat(directory.find(tenant, rex.employeeId()).orElseThrow().managerId()).as("the admin's choice stays").contains("emp-vic");

        settingsStore.put(tenant, new io.gristmill.tenant.TenantSettings("UTC", java.time.DayOfWeek.MONDAY, null, null, null,
                new io.gristmill.tenant.TenantSettings.Directory(true)), "test");
        org.put("User", fixture.row(OrgFixture.REP, Duration.ofDays(30), "Email", "rex@acme.test", "Name", "Rex Rep", "IsActive", true,
                "ManagerId", OrgFixture.MANAGER, "LastModifiedDate", fixture.ago(Duration.ofMinutes(1)),
                "SystemModstamp", fixture.ago(Duration.ofMinutes(1))));
        poller.poll(tenant);
        io.gristmill.directory.Employee after = directory.find(tenant, rex.employeeId()).orElseThrow();
        assertThat(after.managerId()).as("opted in: Salesforce's manager").contains(mia);
        assertThat(after.sourceOf("managerId")).isEqualTo(io.gristmill.directory.FieldSource.SALESFORCE);
    }

    private void settings(Map<String, List<String>> salesforce) {
        settingsStore.put(tenant, new io.gristmill.tenant.TenantSettings("UTC", java.time.DayOfWeek.MONDAY,
                new io.gristmill.tenant.TenantSettings.Salesforce(salesforce.get("objects"), null), null, null), "test");
    }
}
