package io.gristmill.sandbox;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.gristmill.salesforce.SalesforceTime;
import io.gristmill.testing.SimulatedFront;
import io.gristmill.testing.SimulatedSalesforce;

/**
 * Northwind Trading, the sandbox's small company: a head of sales and support, two account
 * executives (one also answers customers in Front), two support agents and an operations admin.
 * {@link #seed} fills the simulated Salesforce org and Front workspace with four weeks of their
 * work as the real APIs would return it — deals moving through stages, calls, e-mails, meetings,
 * leads, notes, customer conversations — with private text in every body field that Gristmill must
 * never read or keep. The same seed gives the same company.
 */
final class SandboxCompany {
    static final String TENANT = "northwind";
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Put into every subject, description and message body; must never reach Gristmill's storage or logs. */
    static final String PRIVATE_TEXT = "NORTHWIND-PRIVATE-TEXT";
    static final String INBOX = "inb_support";
    static final String TEAM = "tim_support";
    static final String ADMIN_SALESFORCE_USER = "005000000000900AAA";
    static final String ORG_ID = "00D000000000042AAA";

    /** Someone at Northwind, as the admin enters them in Gristmill's directory. */
    record Person(String id, String name, String email, String title, String managerId, List<String> groups,
            String salesforceUserId, String frontTeammateId, boolean admin) {
        boolean sells() {
            return salesforceUserId != null && groups.contains("sales");
        }

        boolean supports() {
            return frontTeammateId != null;
        }

        Map<String, Object> directoryEntry() {
            Map<String, Object> identities = new LinkedHashMap<>();
            identities.put("salesforceUserId", salesforceUserId);
            identities.put("frontTeammateId", frontTeammateId);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("email", email);
            entry.put("managerId", managerId);
            entry.put("role", title);
            entry.put("groups", groups);
            entry.put("identities", identities);
            return entry;
        }
    }

    static final Person MIA = new Person("emp-mia", "Mia Okafor", "mia@northwind.test", "Head of Sales & Support", null,
            List.of("leads"), "005000000000001AAA", null, false);
    static final Person RAVI = new Person("emp-ravi", "Ravi Shah", "ravi@northwind.test", "Account Executive", MIA.id,
            List.of("sales"), "005000000000002AAA", null, false);
    static final Person LENA = new Person("emp-lena", "Lena Park", "lena@northwind.test", "Account Executive", MIA.id,
            List.of("sales"), "005000000000003AAA", "tea_lena", false);
    static final Person TOM = new Person("emp-tom", "Tom Becker", "tom@northwind.test", "Support Agent", MIA.id,
            List.of("support"), null, "tea_tom", false);
    static final Person INES = new Person("emp-ines", "Ines Duarte", "ines@northwind.test", "Support Agent", MIA.id,
            List.of("support"), null, "tea_ines", false);
    static final Person SAM = new Person("emp-sam", "Sam Rivera", "sam@northwind.test", "Operations (Gristmill admin)", MIA.id,
            List.of("ops"), null, null, true);

    static final List<Person> PEOPLE = List.of(MIA, RAVI, LENA, TOM, INES, SAM);
    /** The directory groups whose members get weekly recaps. */
    static final List<String> RECAP_GROUPS = List.of("sales", "support");

    private static final String[] STAGES = { "Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation" };
    private static final String[] CUSTOMERS = { "Blue Fjord Foods", "Cedar & Pine", "Dockside Logistics", "Evergreen Clinics",
            "Fernway Travel", "Granite Labs", "Harbor Bikes", "Ironleaf Tea", "Juniper Schools", "Kestrel Air", "Lumen Print",
            "Maple Freight", "Nimbus Media", "Orchard Dental", "Pioneer Solar", "Quarry Stone" };
    private static final String[] DEAL_KINDS = { "new licence", "renewal", "expansion", "pilot" };
    private static final String[] CALL_OUTCOMES = { "Connected", "Connected", "Connected", "Left voicemail", "No answer" };
    private static final String[] TAGS = { "billing", "onboarding", "bug", "feature-request" };

    private final SimulatedSalesforce org;
    private final SimulatedFront front;
    private final Random random = new Random(42);
    private final AtomicInteger ids = new AtomicInteger(100);

    SandboxCompany(SimulatedSalesforce org, SimulatedFront front) {
        this.org = org;
        this.front = front;
    }

    /** Monday 00:00 (company time) of the week {@code weeksAgo} weeks before the current one. */
    static Instant weekStart(Instant now, int weeksAgo) {
        ZonedDateTime monday = now.atZone(ZONE).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).truncatedTo(ChronoUnit.DAYS);
        return monday.minusWeeks(weeksAgo).toInstant();
    }

    /** Four full weeks before the current one, and the current week up to {@code now}. */
    void seed(Instant now) {
        org.signInAs(ORG_ID, ADMIN_SALESFORCE_USER);
        users(now);
        front.team(TEAM, INBOX);
        for (Person person : PEOPLE) {
            if (person.supports()) {
                front.teammate(person.frontTeammateId(), person.email(), "user", false);
            }
        }
        for (int weeksAgo = 4; weeksAgo >= 0; weeksAgo--) {
            Instant start = weekStart(now, weeksAgo);
            for (Person person : PEOPLE) {
                if (person.sells()) {
                    salesWeek(person, start, now);
                }
                if (person.supports()) {
                    supportWeek(person, start, now, person == LENA ? 3 : 9);
                }
            }
        }
    }

    private void users(Instant now) {
        Instant joined = now.minus(Duration.ofDays(400));
        org.put("User", row(ADMIN_SALESFORCE_USER, joined, ADMIN_SALESFORCE_USER, "Email", "salesforce-admin@northwind.test",
                "Name", "Integration Admin", "IsActive", true));
        for (Person person : PEOPLE) {
            if (person.salesforceUserId() != null) {
                Person manager = PEOPLE.stream().filter(p -> p.id().equals(person.managerId())).findFirst().orElse(null);
                org.put("User", row(person.salesforceUserId(), joined, ADMIN_SALESFORCE_USER, "Email", person.email(), "Name", person.name(),
                        "IsActive", true, "ManagerId", manager == null ? null : manager.salesforceUserId()));
            }
        }
    }

    /** A rep's week: new deals that move and close, calls, e-mails, meetings, leads and notes. */
    private void salesWeek(Person rep, Instant weekStart, Instant now) {
        String owner = rep.salesforceUserId();
        for (int d = 0; d < 2 + random.nextInt(2); d++) {
            Instant created = workTime(weekStart, random.nextInt(5));
            if (created.isAfter(now)) {
                continue;
            }
            String account = sfId("001");
            String customer = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
            org.put("Account", row(account, created, owner, "Name", customer, "OwnerId", owner));
            String opportunity = sfId("006");
            long amount = 5_000L * (2 + random.nextInt(19));
            List<Instant> moves = new ArrayList<>();
            Instant at = created;
            int stages = 1 + random.nextInt(STAGES.length);
            for (int s = 0; s < stages && at.isBefore(now); s++) {
                moves.add(at);
                org.put("OpportunityHistory", row(sfId("008"), at, owner, "OpportunityId", opportunity, "StageName", STAGES[s],
                        "Amount", (double) amount));
                at = at.plus(Duration.ofHours(20 + random.nextInt(60)));
            }
            String stage = STAGES[moves.size() - 1];
            boolean closes = moves.size() >= 3 && random.nextInt(3) > 0 && at.isBefore(now);
            boolean won = closes && random.nextInt(4) > 0;
            Instant lastChange = moves.get(moves.size() - 1);
            if (closes) {
                stage = won ? "Closed Won" : "Closed Lost";
                lastChange = at;
                org.put("OpportunityHistory", row(sfId("008"), at, owner, "OpportunityId", opportunity, "StageName", stage,
                        "Amount", (double) amount));
            }
            Map<String, Object> deal = row(opportunity, created, owner, "Name", customer + " — " + DEAL_KINDS[random.nextInt(DEAL_KINDS.length)], "AccountId", account,
                    "OwnerId", owner, "StageName", stage, "Amount", (double) amount, "IsClosed", closes, "IsWon", won,
                    "CloseDate", lastChange.atZone(ZONE).toLocalDate().toString(), "Description", PRIVATE_TEXT);
            deal.put("LastModifiedDate", SalesforceTime.record(lastChange));
            deal.put("SystemModstamp", SalesforceTime.record(lastChange));
            org.put("Opportunity", deal);
            String contact = sfId("003");
            org.put("Contact", row(contact, created, owner, "AccountId", account, "OwnerId", owner, "LastName", PRIVATE_TEXT,
                    "Email", "buyer@" + customer.toLowerCase().replaceAll("[^a-z]", "") + ".test"));
            org.put("OpportunityContactRole", row(sfId("00K"), created.plus(Duration.ofMinutes(30)), owner, "OpportunityId", opportunity,
                    "ContactId", contact, "Role", "Decision Maker", "IsPrimary", true));
        }
        for (int c = 0; c < 6 + random.nextInt(6); c++) {
            Instant at = workTime(weekStart, random.nextInt(5));
            if (at.isBefore(now)) {
                org.put("Task", row(sfId("00T"), at, owner, "OwnerId", owner, "Subject", "Call: " + PRIVATE_TEXT, "Description", PRIVATE_TEXT,
                        "TaskSubtype", "Call", "CallType", random.nextBoolean() ? "Outbound" : "Inbound",
                        "CallDurationInSeconds", 60 + random.nextInt(1500), "CallDisposition", CALL_OUTCOMES[random.nextInt(CALL_OUTCOMES.length)],
                        "IsClosed", true, "Status", "Completed", "CompletedDateTime", SalesforceTime.record(at)));
            }
        }
        for (int e = 0; e < 4 + random.nextInt(5); e++) {
            Instant at = workTime(weekStart, random.nextInt(5));
            if (at.isBefore(now)) {
                org.put("Task", row(sfId("00T"), at, owner, "OwnerId", owner, "Subject", "Email: " + PRIVATE_TEXT, "Description", PRIVATE_TEXT,
                        "TaskSubtype", "Email", "IsClosed", true, "Status", "Completed"));
            }
        }
        for (int m = 0; m < 2 + random.nextInt(3); m++) {
            Instant start = workTime(weekStart, random.nextInt(5));
            int minutes = 30 * (1 + random.nextInt(3));
            if (start.plus(Duration.ofMinutes(minutes)).isBefore(now)) {
                org.put("Event", row(sfId("00U"), start.minus(Duration.ofDays(2)), owner, "OwnerId", owner, "Subject", "Demo: " + PRIVATE_TEXT,
                        "Description", PRIVATE_TEXT, "StartDateTime", SalesforceTime.record(start),
                        "EndDateTime", SalesforceTime.record(start.plus(Duration.ofMinutes(minutes))), "DurationInMinutes", minutes,
                        "IsAllDayEvent", false, "EventSubtype", "Event"));
            }
        }
        Instant leadAt = workTime(weekStart, random.nextInt(5));
        if (leadAt.isBefore(now)) {
            boolean converted = random.nextBoolean();
            Map<String, Object> lead = row(sfId("00Q"), leadAt, owner, "OwnerId", owner, "LastName", PRIVATE_TEXT,
                    "Company", CUSTOMERS[random.nextInt(CUSTOMERS.length)], "Status", converted ? "Closed - Converted" : "Working - Contacted",
                    "IsConverted", converted);
            if (converted) {
                lead.put("ConvertedDate", leadAt.atZone(ZONE).toLocalDate().toString());
            }
            org.put("Lead", lead);
        }
        Instant noteAt = workTime(weekStart, random.nextInt(5));
        if (noteAt.isBefore(now)) {
            org.put("Note", row(sfId("002"), noteAt, owner, "OwnerId", owner, "Title", PRIVATE_TEXT, "Body", PRIVATE_TEXT, "IsPrivate", false));
        }
    }

    /** An agent's week of customer conversations: arrival, assignment, replies, tags, resolution, now and then a reopen. */
    private void supportWeek(Person agent, Instant weekStart, Instant now, int conversations) {
        String teammate = agent.frontTeammateId();
        for (int c = 0; c < conversations + random.nextInt(4); c++) {
            String conversation = "cnv_" + ids.incrementAndGet();
            Instant at = workTime(weekStart, random.nextInt(5));
            List<Object[]> steps = new ArrayList<>();
            steps.add(new Object[] { "inbound", at });
            steps.add(new Object[] { "assign", at = at.plus(Duration.ofMinutes(1 + random.nextInt(20))) });
            steps.add(new Object[] { "outbound", at = at.plus(Duration.ofMinutes(5 + random.nextInt(180))) });
            if (random.nextInt(3) == 0) {
                steps.add(new Object[] { "comment", at = at.plus(Duration.ofMinutes(10)) });
            }
            if (random.nextBoolean()) {
                steps.add(new Object[] { "inbound", at = at.plus(Duration.ofMinutes(30 + random.nextInt(300))) });
                steps.add(new Object[] { "out_reply", at = at.plus(Duration.ofMinutes(5 + random.nextInt(90))) });
            }
            if (random.nextInt(3) == 0) {
                steps.add(new Object[] { "tag", at = at.plus(Duration.ofMinutes(1)) });
            }
            steps.add(new Object[] { "archive", at = at.plus(Duration.ofMinutes(10 + random.nextInt(240))) });
            if (random.nextInt(8) == 0) {
                steps.add(new Object[] { "reopen", at = at.plus(Duration.ofHours(20)) });
                steps.add(new Object[] { "out_reply", at = at.plus(Duration.ofMinutes(30)) });
                steps.add(new Object[] { "archive", at = at.plus(Duration.ofMinutes(45)) });
            }
            for (Object[] step : steps) {
                Instant when = (Instant) step[1];
                if (when.isBefore(now)) {
                    front.event("evt_" + ids.incrementAndGet(), (String) step[0], when, conversation, INBOX, teammate);
                }
            }
        }
    }

    /**
     * Work that happens while the sandbox runs: a customer writes to Front and an agent answers (both
     * delivered as webhooks), and a rep logs a call in Salesforce (read by the next poll).
     *
     * @return the Front event ids to deliver as webhooks
     */
    List<String> liveWork(Instant now, Person agent, Person rep) {
        String conversation = "cnv_" + ids.incrementAndGet();
        List<String> events = new ArrayList<>();
        events.add(front.event("evt_" + ids.incrementAndGet(), "inbound", now.minusSeconds(90), conversation, INBOX, agent.frontTeammateId())
                .path("id").asText());
        events.add(front.event("evt_" + ids.incrementAndGet(), "outbound", now.minusSeconds(5), conversation, INBOX, agent.frontTeammateId())
                .path("id").asText());
        String owner = rep.salesforceUserId();
        org.put("Task", row(sfId("00T"), now.minusSeconds(30), owner, "OwnerId", owner, "Subject", "Call: " + PRIVATE_TEXT,
                "Description", PRIVATE_TEXT, "TaskSubtype", "Call", "CallType", "Outbound", "CallDurationInSeconds", 240,
                "CallDisposition", "Connected", "IsClosed", true, "Status", "Completed",
                "CompletedDateTime", SalesforceTime.record(now.minusSeconds(30))));
        return events;
    }

    /** Between 08:30 and 17:30 company time on a weekday of the week. */
    private Instant workTime(Instant weekStart, int weekday) {
        return weekStart.atZone(ZONE).plusDays(weekday).withHour(8).withMinute(30)
                .plusMinutes(random.nextInt(9 * 60)).toInstant();
    }

    private String sfId(String prefix) {
        return prefix + String.format("%012d", ids.incrementAndGet()) + "AAA";
    }

    /** A record as Salesforce returns it: system fields first, then the object's own. */
    private static Map<String, Object> row(String id, Instant created, String createdBy, Object... pairs) {
        Map<String, Object> row = new HashMap<>();
        row.put("Id", id);
        row.put("IsDeleted", false);
        row.put("CreatedDate", SalesforceTime.record(created));
        row.put("CreatedById", createdBy);
        row.put("LastModifiedDate", SalesforceTime.record(created));
        row.put("SystemModstamp", SalesforceTime.record(created));
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }
}
