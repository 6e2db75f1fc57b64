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

import io.gristmill.salesforce.objects.SalesforceTime;
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
    /** Noor and Omar joined for the recap week: their week is scripted, so its recap can be worked out by hand. */
    static final Person NOOR = new Person("emp-noor", "Noor Haddad", "noor@northwind.test", "Account Executive", MIA.id,
            List.of("sales"), "005000000000004AAA", null, false);
    static final Person OMAR = new Person("emp-omar", "Omar Reyes", "omar@northwind.test", "Support Agent", MIA.id,
            List.of("support"), null, "tea_omar", false);

    static final String SAM_FRONT_TEAMMATE = "tea_sam";

    static final List<Person> PEOPLE = List.of(MIA, RAVI, LENA, TOM, INES, SAM, NOOR, OMAR);
    private static final List<Person> SCRIPTED = List.of(NOOR, OMAR);

    /** A second Salesforce user with Noor's address (Salesforce does not require unique e-mail). */
    static final String NORA_SALESFORCE_USER = "005000000000005AAA";
    /** Salesforce's own users, active and with addresses, never employees. */
    static final String INTEGRATION_USER = "005000000000910AAA";
    static final String GUEST_USER = "005000000000911AAA";
    /** Noor's deals: created and moved in the week (USD), a multi-currency one (EUR), a won deal re-dated after signing. */
    static final String HARBOR_DEAL = "006000000000501AAA";
    static final String KESTREL_DEAL = "006000000000502AAA";
    static final String IRONLEAF_DEAL = "006000000000503AAA";
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
        front.teammate(OMAR.frontTeammateId(), OMAR.email(), "user", false);
        // Sam helps out in Front under his own address, though the directory names no Front login of his:
        // the shared address only proposes the link, which Sam (the admin) approves in the web app.
        front.teammate(SAM_FRONT_TEAMMATE, SAM.email(), "user", false);
        org.picklist("Task", "CallDisposition", "Connected", "Left voicemail", "No answer");
        for (int weeksAgo = 4; weeksAgo >= 0; weeksAgo--) {
            Instant start = weekStart(now, weeksAgo);
            for (Person person : PEOPLE) {
                if (SCRIPTED.contains(person)) {
                    continue;
                }
                if (person.sells()) {
                    salesWeek(person, start, now);
                }
                if (person.supports()) {
                    supportWeek(person, start, now, person == LENA ? 3 : 9);
                }
            }
        }
        scriptedSalesWeek(weekStart(now, 1));
        scriptedSupportWeek(weekStart(now, 1));
    }

    /** {@code day} (0 = Monday) of the week at {@code hour:minute}, company time. */
    private static Instant at(Instant weekStart, int day, int hour, int minute) {
        return weekStart.atZone(ZONE).plusDays(day).withHour(hour).withMinute(minute).toInstant();
    }

    /**
     * Noor's week, row by row as real orgs write them (shapes: {@code src/test/resources/salesforce/}):
     * a shared address (Nora Hart, whose call stays unattributed), the Integration User's deal and
     * the Site Guest User (never employees), an account handed over from Ravi (two history rows,
     * one change), Harbor Bikes created Monday and moved twice (the creation row is no move), Kestrel
     * Air in euros, Ironleaf Tea won Tuesday (re-dated by {@link #redateWonDeal} after the first
     * sync), a three-day trade fair (all-day: no meeting), one meeting and two calls, one with a
     * hand-typed call result (not one of the org's picklist values: not kept).
     */
    private void scriptedSalesWeek(Instant w) {
        String noor = NOOR.salesforceUserId();
        Instant joined = w.minus(Duration.ofDays(200));
        org.put("User", row(NORA_SALESFORCE_USER, w.minus(Duration.ofDays(20)), ADMIN_SALESFORCE_USER, "Email", NOOR.email(),
                "Username", "nora.hart@northwind.test", "Name", "Nora Hart", "IsActive", true, "UserType", "Standard"));
        org.put("User", row(INTEGRATION_USER, joined, ADMIN_SALESFORCE_USER, "Email", "salesforce-admin@northwind.test",
                "Username", "integration@00d000000000042aaa.com", "Name", "Integration User", "IsActive", true, "UserType", "Standard"));
        org.put("User", row(GUEST_USER, joined, ADMIN_SALESFORCE_USER, "Email", "salesforce-admin@northwind.test",
                "Username", "northwind_site@northwind.force.com", "Name", "Site Guest User", "IsActive", true, "UserType", "Guest"));

        String account = "001000000000501AAA";
        Instant handover = at(w, 0, 9, 50);
        Map<String, Object> harborBikes = row(account, w.minus(Duration.ofDays(30)), RAVI.salesforceUserId(), "Name", "Harbor Bikes",
                "OwnerId", noor);
        stamp(harborBikes, handover);
        org.put("Account", harborBikes);
        org.put("AccountHistory", row("017000000000501AAA", handover, noor, "AccountId", account, "Field", "Owner", "DataType", "EntityId",
                "OldValue", RAVI.salesforceUserId(), "NewValue", noor));
        org.put("AccountHistory", row("017000000000502AAA", handover, noor, "AccountId", account, "Field", "Owner", "DataType", "Text",
                "OldValue", RAVI.name(), "NewValue", NOOR.name()));
        String buyer = "003000000000501AAA";
        org.put("Contact", row(buyer, w.minus(Duration.ofDays(30)), noor, "AccountId", account, "OwnerId", noor, "LastName", PRIVATE_TEXT));

        deal(HARBOR_DEAL, "Harbor Bikes — expansion", account, noor, "USD", at(w, 0, 10, 0), w.plus(Duration.ofDays(30)), false, false,
                new Object[][] { { "008000000000501AAA", at(w, 0, 10, 0), "Prospecting", 40_000 },
                        { "008000000000502AAA", at(w, 1, 11, 0), "Qualification", 40_000 },
                        { "008000000000503AAA", at(w, 3, 15, 0), "Proposal", 45_000 } });
        deal(KESTREL_DEAL, "Kestrel Air — pilot", account, noor, "EUR", at(w, 2, 9, 0), w.plus(Duration.ofDays(40)), false, false,
                new Object[][] { { "008000000000504AAA", at(w, 2, 9, 0), "Prospecting", 12_000 },
                        { "008000000000505AAA", at(w, 4, 10, 0), "Needs Analysis", 12_000 } });
        deal(IRONLEAF_DEAL, "Ironleaf Tea — renewal", account, noor, "USD", w.minus(Duration.ofDays(12)).plus(Duration.ofHours(10)),
                at(w, 1, 16, 0), true, true,
                new Object[][] { { "008000000000506AAA", w.minus(Duration.ofDays(12)).plus(Duration.ofHours(10)), "Prospecting", 30_000 },
                        { "008000000000507AAA", w.minus(Duration.ofDays(5)).plus(Duration.ofHours(10)), "Negotiation", 30_000 },
                        { "008000000000508AAA", at(w, 1, 16, 0), "Closed Won", 30_000 } });
        deal("006000000000504AAA", "Pioneer Solar — new licence", account, INTEGRATION_USER, "USD", at(w, 2, 14, 0),
                w.plus(Duration.ofDays(60)), false, false, new Object[][] { { "008000000000509AAA", at(w, 2, 14, 0), "Prospecting", 8_000 } });

        Instant fairStart = at(w, 1, 0, 0).atZone(ZONE).toLocalDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        org.put("Event", row("00U000000000501AAA", w.minus(Duration.ofDays(10)), noor, "OwnerId", noor, "Subject", "Trade fair " + PRIVATE_TEXT,
                "StartDateTime", SalesforceTime.record(fairStart), "EndDateTime", SalesforceTime.record(fairStart.plus(Duration.ofDays(2))),
                "DurationInMinutes", 4320, "IsAllDayEvent", true, "EventSubtype", "Event"));
        org.put("Event", row("00U000000000502AAA", at(w, 0, 12, 0), noor, "OwnerId", noor, "WhoId", buyer, "Subject", "Demo " + PRIVATE_TEXT,
                "StartDateTime", SalesforceTime.record(at(w, 2, 11, 0)), "EndDateTime", SalesforceTime.record(at(w, 2, 12, 0)),
                "DurationInMinutes", 60, "IsAllDayEvent", false, "EventSubtype", "Event"));
        call("00T000000000501AAA", noor, buyer, at(w, 0, 14, 0), 600, "Connected");
        call("00T000000000502AAA", noor, buyer, at(w, 3, 10, 0), 120, "left msg w/ receptionist Anna, call back after 3");
        call("00T000000000503AAA", NORA_SALESFORCE_USER, buyer, at(w, 3, 11, 0), 300, "Connected");
    }

    /** An opportunity with its stage history rows ({id, at, stage, amount}); the first row is written with the deal. */
    private void deal(String id, String name, String account, String owner, String currency, Instant created, Instant closeDate,
            boolean closed, boolean won, Object[][] history) {
        for (Object[] step : history) {
            org.put("OpportunityHistory", row((String) step[0], (Instant) step[1], owner, "OpportunityId", id, "StageName", step[2],
                    "Amount", ((Integer) step[3]).doubleValue()));
        }
        Object[] last = history[history.length - 1];
        Map<String, Object> deal = row(id, created, owner, "Name", name, "AccountId", account, "OwnerId", owner, "StageName", last[2],
                "Amount", ((Integer) last[3]).doubleValue(), "CurrencyIsoCode", currency, "IsClosed", closed, "IsWon", won,
                "CloseDate", closeDate.atZone(ZONE).toLocalDate().toString(), "Description", PRIVATE_TEXT);
        stamp(deal, (Instant) last[1]);
        org.put("Opportunity", deal);
    }

    private void call(String id, String owner, String who, Instant at, int seconds, String result) {
        org.put("Task", row(id, at, owner, "OwnerId", owner, "WhoId", who, "Subject", "Call: " + PRIVATE_TEXT, "TaskSubtype", "Call",
                "CallType", "Outbound", "CallDurationInSeconds", seconds, "CallDisposition", result, "IsClosed", true, "Status", "Completed",
                "CompletedDateTime", SalesforceTime.record(at)));
    }

    private static void stamp(Map<String, Object> row, Instant at) {
        row.put("LastModifiedDate", SalesforceTime.record(at));
        row.put("SystemModstamp", SalesforceTime.record(at));
    }

    /**
     * After the first sync, someone corrects Ironleaf Tea's Close Date to the Friday before it was
     * signed: the deal is edited (new stamp, a CloseDate history row) and stays closed — still one win.
     */
    void redateWonDeal(Instant now, Instant recapWeek) {
        Map<String, Object> deal = org.record("Opportunity", IRONLEAF_DEAL);
        String signed = String.valueOf(deal.get("CloseDate"));
        String corrected = recapWeek.minus(Duration.ofDays(3)).atZone(ZONE).toLocalDate().toString();
        deal.put("CloseDate", corrected);
        stamp(deal, now.minusSeconds(1));
        org.put("Opportunity", deal);
        org.put("OpportunityFieldHistory", row("017000000000503AAA", now.minusSeconds(1), NOOR.salesforceUserId(), "OpportunityId",
                IRONLEAF_DEAL, "Field", "CloseDate", "DataType", "Date", "OldValue", signed, "NewValue", corrected));
    }

    /**
     * Omar's week in Front (shapes: {@code src/test/resources/front/events/}): a conversation resolved,
     * reopened and resolved again; an automatic acknowledgement through the API four seconds before
     * his real reply; one reopened by a reminder; a phone call of seven events; a call abandoned
     * before anyone answered; and a plain one.
     */
    private void scriptedSupportWeek(Instant w) {
        String omar = OMAR.frontTeammateId();
        String c1 = "cnv_omar_1";
        omarEvent("inbound", at(w, 0, 9, 0), c1);
        omarEvent("assign", at(w, 0, 9, 2), c1);
        omarEvent("tag", at(w, 0, 9, 3), c1);
        omarEvent("outbound", at(w, 0, 9, 30), c1);
        omarEvent("archive", at(w, 0, 10, 0), c1);
        omarEvent("reopen", at(w, 1, 9, 0), c1);
        omarEvent("out_reply", at(w, 1, 9, 20), c1);
        omarEvent("archive", at(w, 1, 9, 40), c1);
        String c2 = "cnv_omar_2";
        omarEvent("inbound", at(w, 0, 11, 0), c2);
        front.automaticReply("evt_omar_auto", at(w, 0, 11, 0).plusSeconds(4), c2, INBOX, omar);
        omarEvent("out_reply", at(w, 0, 11, 40), c2);
        omarEvent("archive", at(w, 0, 12, 0), c2);
        String c3 = "cnv_omar_3";
        omarEvent("inbound", at(w, 1, 14, 0), c3);
        omarEvent("outbound", at(w, 1, 14, 15), c3);
        omarEvent("archive", at(w, 1, 14, 30), c3);
        front.reminder("evt_omar_reminder", at(w, 2, 9, 0), c3, INBOX);
        omarEvent("out_reply", at(w, 2, 9, 30), c3);
        omarEvent("archive", at(w, 2, 10, 0), c3);
        Instant ring = at(w, 2, 15, 0);
        String[] lifecycle = { "call_started", "call_queued", "call_connected", "call_on_hold", "call_resumed", "call_hangup",
                "call_transcript_added" };
        long[] offsets = { 0, 5, 20, 180, 240, 500, 540 };
        for (int i = 0; i < lifecycle.length; i++) {
            front.callEvent("evt_omar_call_" + i, lifecycle[i], ring.plusSeconds(offsets[i]), "cnv_omar_4", INBOX, omar, "msg_omar_call",
                    i >= 5 ? 480 : null);
        }
        Instant abandoned = at(w, 3, 10, 0);
        front.callEvent("evt_omar_lost_0", "call_started", abandoned, "cnv_omar_5", INBOX, null, "msg_omar_lost", null);
        front.callEvent("evt_omar_lost_1", "call_queued", abandoned.plusSeconds(5), "cnv_omar_5", INBOX, null, "msg_omar_lost", null);
        front.callEvent("evt_omar_lost_2", "call_abandoned", abandoned.plusSeconds(60), "cnv_omar_5", INBOX, null, "msg_omar_lost", 0);
        String c6 = "cnv_omar_6";
        omarEvent("inbound", at(w, 3, 13, 0), c6);
        omarEvent("outbound", at(w, 3, 13, 10), c6);
        omarEvent("archive", at(w, 3, 13, 30), c6);
    }

    private void omarEvent(String type, Instant at, String conversation) {
        front.event("evt_omar_" + ids.incrementAndGet(), type, at, conversation, INBOX, OMAR.frontTeammateId());
    }

    private void users(Instant now) {
        Instant joined = now.minus(Duration.ofDays(400));
        org.put("User", row(ADMIN_SALESFORCE_USER, joined, ADMIN_SALESFORCE_USER, "Email", "salesforce-admin@northwind.test",
                "Username", "salesforce-admin@northwind.test", "Name", "Integration Admin", "IsActive", true, "UserType", "Standard"));
        for (Person person : PEOPLE) {
            if (person.salesforceUserId() != null) {
                Person manager = PEOPLE.stream().filter(p -> p.id().equals(person.managerId())).findFirst().orElse(null);
                org.put("User", row(person.salesforceUserId(), joined, ADMIN_SALESFORCE_USER, "Email", person.email(), "Name", person.name(),
                        "Username", person.email(), "IsActive", true, "UserType", "Standard",
                        "ManagerId", manager == null ? null : manager.salesforceUserId()));
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
            Map<String, Object> deal = row(opportunity, created, owner, "Name", customer + " — " + DEAL_KINDS[random.nextInt(DEAL_KINDS.length)],
                    "AccountId", account,
                    "OwnerId", owner, "StageName", stage, "Amount", (double) amount, "CurrencyIsoCode", "USD", "IsClosed", closes, "IsWon", won,
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
        // Resolved at once; the support inbox's summaries are approved, so the next reconciliation
        // reads these messages in memory and stores one neutral sentence, never their text.
        front.conversationText(conversation, now.minusSeconds(90), List.of(
                "Hello, " + PRIVATE_TEXT + " here. I cannot log in since my password reset, the page says the account is locked. "
                        + "My customer number is 4471-2290, call me on +44 20 7946 0958.",
                "I unlocked the account and sent a new reset link. Please try again. " + SimulatedFront.CONTENT),
                List.of("Checked the login audit for " + PRIVATE_TEXT + ": nothing unusual."));
        events.add(front.event("evt_" + ids.incrementAndGet(), "archive", now.minusSeconds(1), conversation, INBOX, agent.frontTeammateId())
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
