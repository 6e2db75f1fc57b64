package io.gristmill.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The recaps of Noor's and Omar's scripted week ({@link SandboxCompany#scriptedSalesWeek},
 * {@code scriptedSupportWeek}), worked out by hand from the rows and events the sandbox seeds, and
 * compared figure by figure with what Gristmill computed from its stored activity. Times are
 * Berlin; the week is the one before the sandbox's run.
 *
 * <p><b>Noor (sales).</b> Created in the week, credited to Noor: Harbor Bikes (Mon 10:00, USD;
 * its amount when first read is the deal's current 45,000) and Kestrel Air (Wed 09:00, EUR 12,000)
 * → 2 deals; pipeline added EUR 12,000 and USD 45,000, never "57,000". Pioneer Solar is the
 * Integration User's: unattributed. Stage moves: Harbor Bikes Prospecting → Qualification (Tue,
 * 40,000) and Qualification → Proposal (Thu, 45,000); Kestrel Air Prospecting → Needs Analysis (Fri,
 * EUR 12,000); Ironleaf Tea Negotiation → Closed Won (Tue 16:00, 30,000). Harbor Bikes' and Kestrel
 * Air's creation rows are their first stage, not moves → 3 deals moved (Harbor, Kestrel, Ironleaf),
 * four lines, largest first. Won: Ironleaf Tea once, USD 30,000, dated Tuesday — its Close Date was
 * corrected after the first sync, which is an edit, not a second win. Meetings: the Wednesday demo;
 * the three-day trade fair is all-day → 1. Contacts engaged: the Harbor Bikes buyer (demo and two
 * calls) → 1. Nora Hart's call (Noor's address, another user) is nobody's. No losses, leads, tasks,
 * e-mails or notes.
 *
 * <p><b>Omar (support).</b> Conversations handled (his own actions other than received messages):
 * 1, 2, 3, the connected call 4 and 6 → 5; the abandoned call 5 is nobody's. Resolved
 * (conversations he archived): 1, 2, 3, 6 → 4. Replies: 1 (Mon 09:30, Tue 09:20), 2 (11:40 — the
 * API's acknowledgement at 11:00:04 is no one's), 3 (Tue 14:15, Wed 09:30), 6 (13:10) → 6. First
 * responses: 1 → 30 min, 2 → 40 min (not 4 s), 3 → 15 min, 6 → 10 min; median of 600, 900, 1800,
 * 2400 s = (900 + 1800) / 2 = 1350 s. Resolutions: 1 Mon 10:00 (reopened Tue 09:00), 1 Tue 09:40,
 * 2 Mon 12:00, 3 Tue 14:30 (reopened by a reminder Wed 09:00), 3 Wed 10:00, 6 Thu 13:30 → 2 of 6
 * reopened = 0.33. Tags at the week's end: VIP on 1 → "VIP tag: 1 conversation". Calls, on his
 * request: the seven events of call 4 are one call handled, 480 s long; none missed.
 */
final class ScriptedRecaps {
    private ScriptedRecaps() {
    }

    static final Map<String, String> NOOR = figures(
            "dealsCreated", "2",
            "pipelineAdded.EUR", "12000",
            "pipelineAdded.USD", "45000",
            "dealsAdvanced", "3",
            "dealsWon", "1",
            "amountWon.USD", "30000",
            "meetingsHeld", "1",
            "contactsEngaged", "1");

    static final List<String> NOOR_MOVES = List.of(
            "Harbor Bikes — expansion: Qualification → Proposal (45000 USD)",
            "Harbor Bikes — expansion: Prospecting → Qualification (40000 USD)",
            "Ironleaf Tea — renewal: Negotiation → Closed Won (30000 USD)",
            "Kestrel Air — pilot: Prospecting → Needs Analysis (12000 EUR)");

    static final Map<String, String> OMAR = figures(
            "conversationsHandled", "5",
            "conversationsResolved", "4",
            "repliesSent", "6",
            "medianFirstResponseSeconds", "1350",
            "reopenRate", "0.33",
            "frontCallsHandled", "1",
            "frontCallsMissed", "0",
            "frontTalkTimeSeconds", "480");

    static void check(SandboxCompany.Person person, JsonNode recap, List<String> failures) {
        Map<String, String> computed = new LinkedHashMap<>();
        for (JsonNode section : recap.path("content").path("sections")) {
            for (JsonNode metric : section.path("metrics")) {
                String key = metric.path("id").asText() + (metric.hasNonNull("currency") ? "." + metric.path("currency").asText() : "");
                computed.put(key, metric.path("value").decimalValue().stripTrailingZeros().toPlainString());
            }
        }
        Map<String, String> expected = person == SandboxCompany.NOOR ? NOOR : OMAR;
        if (!computed.equals(expected)) {
            failures.add(person.name() + "'s recap figures differ from the hand-computed ones: expected " + expected + ", got " + computed);
        }
        if (person == SandboxCompany.NOOR) {
            List<String> moves = new ArrayList<>();
            for (JsonNode section : recap.path("content").path("sections")) {
                for (JsonNode item : section.path("items")) {
                    moves.add(item.path("label").asText() + ": " + item.path("detail").asText() + " ("
                            + item.path("value").decimalValue().stripTrailingZeros().toPlainString() + " " + item.path("currency").asText() + ")");
                }
            }
            if (!moves.equals(NOOR_MOVES)) {
                failures.add("Noor's stage moves differ from the hand-computed ones: expected " + NOOR_MOVES + ", got " + moves);
            }
        } else {
            List<String> tags = recap.path("content").findValues("items").stream().flatMap(items -> {
                List<String> lines = new ArrayList<>();
                items.forEach(item -> lines.add(item.path("label").asText() + " " + item.path("detail").asText() + " "
                        + item.path("value").asText()));
                return lines.stream();
            }).toList();
            if (!tags.contains("VIP tag 1")) {
                failures.add("Omar's recap should list the VIP tag on one conversation: " + tags);
            }
        }
    }

    /**
     * Nora Hart shares Noor's address: proposed as a link for an admin, not linked, not an
     * employee. The Integration User and the Site Guest User are never employees.
     */
    static void checkDirectory(JsonNode employees, JsonNode links, List<String> failures) {
        List<String> names = employees.path("employees").findValuesAsText("name");
        for (String system : List.of("Integration User", "Site Guest User", "Nora Hart")) {
            if (names.contains(system)) {
                failures.add(system + " became an employee: " + names);
            }
        }
        boolean proposed = false;
        for (JsonNode link : links.path("links")) {
            proposed |= SandboxCompany.NORA_SALESFORCE_USER.equals(link.path("externalId").asText())
                    && SandboxCompany.NOOR.id().equals(link.path("employeeId").asText()) && "pending".equals(link.path("status").asText());
        }
        if (!proposed) {
            failures.add("Nora Hart (Noor's address) should wait for an admin as a proposed link: " + links);
        }
    }

    private static Map<String, String> figures(String... pairs) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            figures.put(pairs[i], new BigDecimal(pairs[i + 1]).stripTrailingZeros().toPlainString());
        }
        return figures;
    }
}
