package io.gristmill.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gristmill.salesforce.objects.SalesforceTime;
import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.connect.ConnectTestSupport;
import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.IdentityKind;
import io.gristmill.directory.IdentityLinks;
import io.gristmill.testing.CapturedLogs;
import io.gristmill.testing.ConnectProfile;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * What real orgs' rows mean, from recorded-shape query results ({@code src/test/resources/salesforce/},
 * sources in its README) polled through the simulated org into DynamoDB Local.
 */
@QuarkusTest
@TestProfile(ConnectProfile.class)
class SalesforceRowMeaningTest {
    private static final String ADA = "0058d000004AdaQAAS";
    private static final String BEN = "0058d000004BenQAAS";
    private static final String DEAL = "0068d00000DealAAAA";
    private static final String WON_DEAL = "0068d00000WonDAAAA";

    @Inject
    SalesforcePoller poller;

    @Inject
    ActivityStore activities;

    @Inject
    EmployeeDirectory directory;

    @Inject
    IdentityLinks links;

    SimulatedSalesforce org;
    String tenant;
    Instant now;

    @BeforeEach
    void connectedTenant() {
        org = SimulatedSalesforceResource.salesforce();
        org.reset();
        tenant = Ids.tenant();
        ConnectTestSupport.connect(tenant);
        now = Instant.now();
    }

    /** Ada, the org's admin and a seller, from the recorded user list. */
    private void ada() {
        RecordedRows.put(org, RecordedRows.of("users-shared-address-and-system-users.json", now).get(0));
    }

    private String employee(String salesforceUserId) {
        return directory.findByIdentity(tenant, IdentityKind.SALESFORCE, salesforceUserId).orElseThrow().employeeId();
    }

    private List<Activity> of(String record) {
        return activities.forSourceRecord(tenant, Source.SALESFORCE, record);
    }

    private static List<String> kinds(List<Activity> activities) {
        return activities.stream().map(Activity::kind).sorted().toList();
    }

    /**
     * The row as the org stamps an edit made just now ({@code secondsAgo} before this call): after
     * the last poll, so the next one reads it. (A history row is stamped by its CreatedDate.)
     */
    private static Map<String, Object> touched(Map<String, Object> row, int secondsAgo) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(row);
        String stamp = SalesforceTime.record(Instant.now().minusSeconds(secondsAgo));
        if (copy.containsKey("SystemModstamp")) {
            copy.put("SystemModstamp", stamp);
            copy.put("LastModifiedDate", stamp);
        } else {
            copy.put("CreatedDate", stamp);
        }
        return copy;
    }

    @Test
    void a_case_opened_and_closed_is_credited_to_its_owner_and_its_subject_and_description_are_never_read() {
        ada();
        poller.poll(tenant);
        String opened = SalesforceTime.record(now.minus(Duration.ofHours(5)));
        String closed = SalesforceTime.record(Instant.now().minusSeconds(2)); // after the last poll: the next one reads it
        Map<String, Object> row = new java.util.HashMap<>(Map.of("Id", "5008d00000CaseAAAA", "IsDeleted", false, "OwnerId", ADA,
                "AccountId", "0018d00000FernAAAA", "Status", "Closed", "Priority", "High", "Origin", "Phone", "IsClosed", true,
                "ClosedDate", closed, "CreatedById", ADA));
        row.putAll(Map.of("Subject", "SECRET-SUBJECT refund for Jane Doe", "Description", "SECRET-DESCRIPTION her card number",
                "CreatedDate", opened, "LastModifiedDate", closed, "SystemModstamp", closed));
        org.put("Case", row);

        poller.poll(tenant);

        List<Activity> stored = of("5008d00000CaseAAAA");
        assertThat(kinds(stored)).containsExactly("salesforce.case.closed", "salesforce.case.opened");
        assertThat(stored).allSatisfy(a -> assertThat(a.employeeId()).contains(employee(ADA)));
        assertThat(stored.toString()).doesNotContain("SECRET");
    }

    @Test
    void a_shared_address_never_moves_a_linked_salesforce_user_and_waits_for_an_admin() {
        List<Map<String, Object>> users = RecordedRows.of("users-shared-address-and-system-users.json", now);
        RecordedRows.put(org, users.get(0));
        poller.poll(tenant);
        String ada = employee(ADA);

        // Ben joins with Ada's address (Salesforce does not require unique e-mail) and sells a deal.
        RecordedRows.put(org, touched(users.get(1), 3));
        String justNow = SalesforceTime.record(Instant.now().minusSeconds(2));
        org.put("Task", Map.of("Id", "00T8d00000BenCAAAA", "IsDeleted", false, "OwnerId", BEN, "TaskSubtype", "Call", "IsClosed", true,
                "CallDurationInSeconds", 60, "CreatedDate", justNow, "CreatedById", BEN, "LastModifiedDate", justNow, "SystemModstamp", justNow));
        poller.poll(tenant);
        // Every later User page lists both again.
        RecordedRows.put(org, touched(users.get(0), 3));
        RecordedRows.put(org, touched(users.get(1), 2));
        poller.poll(tenant);
        poller.poll(tenant);

        assertThat(employee(ADA)).as("Ada's Salesforce id stays hers").isEqualTo(ada);
        assertThat(directory.find(tenant, ada).orElseThrow().identities().salesforceUserId()).isEqualTo(ADA);
        assertThat(directory.findByIdentity(tenant, IdentityKind.SALESFORCE, BEN)).as("an address proves nothing").isEmpty();
        assertThat(of("00T8d00000BenCAAAA")).singleElement().satisfies(call -> assertThat(call.employeeId()).isEmpty());
        assertThat(links.all(tenant)).singleElement().satisfies(link -> {
            assertThat(link.externalId()).isEqualTo(BEN);
            assertThat(link.employeeId()).isEqualTo(ada);
            assertThat(link.status()).isEqualTo("pending");
        });
    }

    @Test
    void salesforce_system_users_are_never_employees_and_are_skipped_without_a_warning() {
        RecordedRows.load(org, "users-shared-address-and-system-users.json", now);
        // The Integration User owns what an integration created.
        org.put("Task", Map.of("Id", "00T8d00000IntgAAAA", "IsDeleted", false, "OwnerId", "0058d000004IntQAAS", "TaskSubtype", "Call",
                "IsClosed", true, "CallDurationInSeconds", 60, "CreatedDate", SalesforceTime.record(now.minus(Duration.ofHours(3))),
                "CreatedById", "0058d000004IntQAAS", "LastModifiedDate", SalesforceTime.record(now.minus(Duration.ofHours(3))),
                "SystemModstamp", SalesforceTime.record(now.minus(Duration.ofHours(3)))));

        try (CapturedLogs logs = new CapturedLogs()) {
            poller.poll(tenant);
            poller.poll(tenant);
            assertThat(logs.lines()).noneMatch(line -> line.contains("not applied to the directory"));
        }

        assertThat(directory.list(tenant, 100, Optional.empty()).employees()).extracting(Employee::name)
                .as("of eight active users with addresses, one is a person nobody shares an address with")
                .containsExactly("Ada Quinn");
        for (String system : List.of("0058d000004GstQAAS", "0058d000004IntQAAS", "0058d000004SecQAAS", "0058d000004AutQAAS",
                "0058d000004ChtQAAS", "0058d000004PrtQAAS")) {
            assertThat(directory.findByIdentity(tenant, IdentityKind.SALESFORCE, system)).as(system).isEmpty();
            assertThat(links.find(tenant, IdentityKind.SALESFORCE, system)).as("no link proposed for " + system).isEmpty();
        }
        assertThat(of("00T8d00000IntgAAAA")).singleElement().satisfies(call -> assertThat(call.employeeId()).isEmpty());
    }

    @Test
    void with_pages_of_one_user_each_employee_is_written_once_with_their_manager() {
        // Ben (whose manager is Ada) comes before Ada in SystemModstamp order, one user per page.
        List<Map<String, Object>> users = RecordedRows.of("users-shared-address-and-system-users.json", now);
        Map<String, Object> ben = new java.util.LinkedHashMap<>(touched(users.get(1), 2));
        ben.put("Email", "ben@fernhill.example");
        org.put("User", strip(ben));
        RecordedRows.put(org, touched(users.get(0), 1));
        org.pageSize(1);

        poller.poll(tenant);

        Employee benEmployee = directory.find(tenant, employee(BEN)).orElseThrow();
        assertThat(benEmployee.managerId()).contains(employee(ADA));
        assertThat(benEmployee.version()).as("created once, with the manager, not created then corrected").isEqualTo(1);
        assertThat(directory.find(tenant, employee(ADA)).orElseThrow().version()).isEqualTo(1);
    }

    private static Map<String, Object> strip(Map<String, Object> row) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(row);
        copy.remove("attributes");
        return copy;
    }

    @Test
    void an_owner_change_is_two_history_rows_and_one_activity_with_ids() {
        ada();
        RecordedRows.load(org, "account-owner-change.json", now);

        poller.poll(tenant);

        assertThat(of("0018d00000FernAAAA")).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo("account.owner_changed");
            assertThat(change.sourceFactId()).isEqualTo("0178d00000OwnIdAAC");
            assertThat(change.metadata()).containsEntry("from", ADA).containsEntry("to", "0058d000004CyrQAAS");
            assertThat(change.toString()).doesNotContain("Cyrus Vale");
        });
    }

    @Test
    void a_deal_created_and_moved_in_one_week_has_its_first_stage_set_and_two_moves() {
        ada();
        RecordedRows.load(org, "opportunity-created-and-moved.json", now);

        poller.poll(tenant);

        List<Activity> deal = of(DEAL);
        assertThat(kinds(deal)).containsExactly("opportunity.created", "opportunity.stage_changed", "opportunity.stage_changed",
                "opportunity.stage_set");
        assertThat(deal).filteredOn(a -> a.kind().equals("opportunity.stage_changed"))
                .extracting(a -> a.metadata().get("fromStage") + " → " + a.metadata().get("toStage"))
                .as("the amount-only row (same stage) is no move; the creation row is no move")
                .containsExactlyInAnyOrder("Prospecting → Qualification", "Qualification → Negotiation/Review");
        assertThat(deal).allSatisfy(a -> assertThat(a.references()).containsEntry("currency", "EUR"));
        assertThat(deal).filteredOn(a -> a.kind().equals("opportunity.stage_changed")).extracting(a -> a.measures().get("amount"))
                .usingComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class)
                .containsExactlyInAnyOrder(new java.math.BigDecimal("90000"), new java.math.BigDecimal("90000"));

        // Read again by the lookback, or with the opportunity read in an earlier poll: the same facts.
        org.put("Opportunity", strip(touched(RecordedRows.of("opportunity-created-and-moved.json", now).get(0), 1)));
        poller.poll(tenant);
        assertThat(kinds(of(DEAL))).isEqualTo(kinds(deal));
    }

    @Test
    void a_won_deal_whose_close_date_is_corrected_is_one_win_and_a_reopened_deal_closed_again_is_two() {
        ada();
        List<Map<String, Object>> rows = RecordedRows.of("won-deal-close-date-corrected.json", now);
        RecordedRows.put(org, rows.get(0));
        poller.poll(tenant);
        Instant wonAt = SalesforceTime.parse(rows.get(0).get("LastModifiedDate"));

        // The Close Date is back-dated a week after signing: same deal, still won.
        RecordedRows.put(org, touched(rows.get(1), 2));
        RecordedRows.put(org, touched(rows.get(2), 2));
        poller.poll(tenant);

        assertThat(of(WON_DEAL)).filteredOn(a -> a.kind().equals("opportunity.won")).singleElement().satisfies(won -> {
            assertThat(won.occurredAt()).as("dated when it was first seen closed").isEqualTo(wonAt);
            assertThat(won.references()).containsEntry("currency", "USD");
        });
        assertThat(kinds(of(WON_DEAL))).contains("opportunity.close_date_changed").doesNotContain("opportunity.reopened");

        // Reopened (the customer's legal team rejected the contract), then won again.
        Map<String, Object> reopened = strip(touched(rows.get(1), 3));
        reopened.putAll(Map.of("StageName", "Negotiation/Review", "IsClosed", false, "IsWon", false));
        org.put("Opportunity", reopened);
        poller.poll(tenant);
        poller.poll(tenant);
        Map<String, Object> wonAgain = strip(touched(rows.get(1), 1));
        org.put("Opportunity", wonAgain);
        poller.poll(tenant);
        poller.poll(tenant);

        assertThat(of(WON_DEAL)).filteredOn(a -> a.kind().equals("opportunity.won")).extracting(Activity::sourceFactId)
                .containsExactlyInAnyOrder(WON_DEAL + ":closed#1", WON_DEAL + ":closed#2");
        assertThat(of(WON_DEAL)).filteredOn(a -> a.kind().equals("opportunity.reopened")).hasSize(1);
    }

    @Test
    void a_single_currency_orgs_amounts_carry_the_orgs_currency() {
        ada();
        org.removeField("Opportunity", "CurrencyIsoCode"); // multicurrency off: the field does not exist
        org.organization("EUR");
        RecordedRows.load(org, "opportunity-created-and-moved.json", now);

        poller.poll(tenant);
        poller.poll(tenant);

        assertThat(of(DEAL)).isNotEmpty().allSatisfy(a -> assertThat(a.references()).containsEntry("currency", "EUR"));
        assertThat(org.requestLog().stream().filter(line -> line.contains("Organization"))).as("read once, then cached").hasSize(1);
    }

    @Test
    void an_all_day_event_is_not_a_meeting() {
        ada();
        RecordedRows.load(org, "all-day-event.json", now);

        poller.poll(tenant);

        assertThat(of("00U8d00000ConfAAAA")).as("a three-day conference, 4,320 minutes").isEmpty();
        assertThat(of("00U8d00000DemoAAAA")).singleElement().satisfies(meeting -> {
            assertThat(meeting.kind()).isEqualTo("event.meeting_held");
            assertThat(meeting.measures().get("durationMinutes")).isEqualByComparingTo("60");
        });
    }

    @Test
    void an_undeleted_opportunity_gets_its_history_back() {
        ada();
        RecordedRows.load(org, "opportunity-created-and-moved.json", now);
        poller.poll(tenant);
        List<String> before = kinds(of(DEAL));

        org.delete("Opportunity", DEAL, SalesforceTime.record(Instant.now().minusSeconds(1)));
        poller.poll(tenant);
        assertThat(of(DEAL)).as("deleted with its history").isEmpty();

        org.undelete("Opportunity", DEAL, SalesforceTime.record(Instant.now().minusSeconds(1)));
        poller.poll(tenant);

        assertThat(kinds(of(DEAL))).as("its history rows keep their CreatedDate, behind the cursor, and are read again")
                .isEqualTo(before);
        assertThat(org.requestLog()).anyMatch(line -> java.net.URLDecoder.decode(line, java.nio.charset.StandardCharsets.UTF_8)
                .contains("FROM OpportunityHistory WHERE OpportunityId = '" + DEAL + "'"));
    }

    @Test
    void a_call_result_is_kept_only_when_it_is_one_of_the_orgs_picklist_values() {
        ada();
        RecordedRows.load(org, "call-tasks.json", now);
        org.picklist("Task", "CallDisposition", "Connected", "Left voicemail", "No answer");

        poller.poll(tenant);

        assertThat(of("00T8d00000CallAAAA")).singleElement().satisfies(call -> assertThat(call.metadata()).containsEntry("disposition", "Connected"));
        assertThat(of("00T8d00000CallBAAA")).singleElement().satisfies(call -> {
            assertThat(call.metadata()).doesNotContainKey("disposition");
            assertThat(call.toString()).doesNotContain("Jane");
        });
    }

    @Test
    void where_call_result_is_free_text_no_call_result_is_kept() {
        ada();
        RecordedRows.load(org, "call-tasks.json", now);

        poller.poll(tenant);

        assertThat(of("00T8d00000CallAAAA")).singleElement().satisfies(call -> assertThat(call.metadata()).doesNotContainKey("disposition"));
        assertThat(of("00T8d00000CallBAAA")).singleElement().satisfies(call -> assertThat(call.metadata()).doesNotContainKey("disposition"));
    }

    @Test
    void the_apps_own_quota_pauses_a_poll_like_the_orgs_and_every_poll_shows_usage() {
        ada();
        poller.poll(tenant);
        assertThat(ConnectTestSupport.connectionField(tenant, "syncStatus")).startsWith("ok; API usage ").contains(" of 15,000 today");

        // Other users of this connected app spent its own 250 calls a day; the org has plenty left.
        org.appUsage(240, 250);
        PollReport paused = poller.poll(tenant);

        assertThat(paused.stoppedForBudget()).isTrue();
        assertThat(ConnectTestSupport.connectionField(tenant, "syncStatus"))
                .startsWith("paused for this cycle: this app's daily API usage reached ")
                .contains("(this app: ").contains(" of 250)");
    }

    @Test
    void salesforces_multi_line_error_text_stays_out_of_the_status() {
        ada();
        RecordedRows.load(org, "call-tasks.json", now);
        poller.poll(tenant); // describe cached with CallType
        org.removeField("Task", "CallType");
        org.put("Task", strip(touched(RecordedRows.of("call-tasks.json", now).get(0), 1)));

        poller.poll(tenant);

        String status = ConnectTestSupport.connectionField(tenant, "syncStatus");
        assertThat(status).contains("INVALID_FIELD: No such column 'CallType' on entity 'Task'")
                .doesNotContain("SELECT").doesNotContain("ERROR at Row").doesNotContain("\n");
    }
}
