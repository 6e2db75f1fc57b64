package io.gristmill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.gristmill.front.summary.LeakCheck;

/**
 * The leak check over a corpus of support conversations (five kinds of problem, four customers
 * each, every one carrying a name, a company, an e-mail address, a phone number and an order
 * number): at least 200 summaries that leak — copied runs of six to ten words, addresses as
 * written and obfuscated, phone numbers in four formats, order numbers, names — must be caught,
 * and 100 neutral summaries must pass. Prints {@code BENCH front.summary.leak_caught_ratio} (goal
 * ≥ 0.99) and {@code BENCH front.summary.false_rejects} (goal 0).
 */
@Tag("bench")
class FrontSummaryLeakBench {
    private record Customer(String first, String last, String company, String email, String phone, String order) {
    }

    private static final List<Customer> CUSTOMERS = List.of(
            new Customer("Jana", "Kowalczyk", "Brightwater Logistics", "jana.k@brightwater.example", "+44 20 7946 0958", "BW-20931"),
            new Customer("Tomasz", "Ribeiro", "Halvorsen Dental", "t.ribeiro@halvorsen-dental.example", "+1 415 555 0142", "HD-773410"),
            new Customer("Aiko", "Lindqvist", "Copperleaf Studios", "aiko@copperleaf.example", "+49 30 9120 4455", "CL-55120"),
            new Customer("Marcus", "Oyelaran", "Northgate Pharmacy", "marcus.oyelaran@northgate.example", "+61 2 9374 4000", "NG-880214"));

    private static final List<String> PROBLEMS = List.of(
            "Since Tuesday I cannot log in with my password, the page says my account is locked after the reset email.",
            "We were charged twice for the March invoice and need the duplicate payment refunded to the same card.",
            "Our parcel has been stuck at the depot for six days and the tracking page shows no movement at all.",
            "The weekly report export to CSV fails halfway and the download just spins until the browser gives up.",
            "Two of our users lost access to the shared calendar after we changed the admin who manages the workspace.");
    private static final List<String> ANSWERS = List.of(
            "I have unlocked the account and sent a fresh reset link, please try again and let me know if it works.",
            "I found the duplicate charge and issued a refund, it should show on your statement within five working days.",
            "I called the carrier and they will deliver tomorrow morning, I will keep an eye on the tracking for you.",
            "This is a known defect in the export, please use the scheduled email export until the fix ships next week.",
            "I restored their permissions on the calendar and checked that both of them can see the shared events again.");

    private static String conversation(Customer c, int problem) {
        return "Hello, this is " + c.first() + " " + c.last() + " from " + c.company() + ". " + PROBLEMS.get(problem)
                + " My order " + c.order() + " depends on it. Call me on " + c.phone() + " or write to " + c.email() + ".\n\n"
                + "Dear " + c.first() + ", thank you for reaching out. " + ANSWERS.get(problem) + " Best regards, support\n\n"
                + "That solved it, many thanks! " + c.first();
    }

    private static List<String> leaks(Customer c, String source, Random random) {
        String[] words = source.replaceAll("[^\\p{L}\\p{N}' ]", " ").trim().split("\\s+");
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // copied runs of 6..10 words, dressed in a neutral frame
            int length = 6 + random.nextInt(5);
            int start = random.nextInt(words.length - length);
            leaks.add("Customer wrote that " + String.join(" ", List.of(words).subList(start, start + length)).toLowerCase() + "; resolved.");
        }
        String digits = c.phone().replaceAll("\\D", "");
        leaks.add("Resolved; customer reachable at " + c.email() + ".");
        leaks.add("Resolved; customer reachable at " + c.email().replace("@", " (at) ").replace(".", " (dot) ") + ".");
        leaks.add("Resolved; agent called back on " + c.phone() + ".");
        leaks.add("Resolved; agent called back on " + digits + ".");
        leaks.add("Resolved; agent called back on " + digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7) + ".");
        leaks.add("Order " + c.order() + " was unblocked after the fix.");
        leaks.add("Issue for " + c.company().split(" ")[0] + " was resolved by the agent.");
        return leaks;
    }

    private static final List<String> CLEAN_PROBLEMS = List.of("Customer could not sign in", "Billing question about a duplicate charge",
            "Delayed delivery", "Report export failed", "Users lost access to a shared calendar", "Question about changing an admin",
            "Payment was declined", "Customer asked how to reset a password", "Shipment arrived damaged", "Invoice showed the wrong amount");
    private static final List<String> CLEAN_RESOLUTIONS = List.of("agent restored access and confirmed it worked",
            "agent arranged a correction", "agent traced the shipment and gave a new date", "agent shared a workaround and logged the defect",
            "agent restored permissions", "agent explained the steps", "agent escalated to the specialist team, who fixed it",
            "agent sent instructions and the customer confirmed", "agent arranged a replacement", "agent issued a corrected invoice");

    @Test
    void the_leak_check_catches_planted_leaks_and_passes_neutral_summaries() {
        Random random = new Random(19);
        int leaks = 0;
        int caught = 0;
        int clean = 0;
        int falseRejects = 0;
        List<String> missed = new ArrayList<>();
        for (Customer customer : CUSTOMERS) {
            for (int problem = 0; problem < PROBLEMS.size(); problem++) {
                String source = conversation(customer, problem);
                for (String leak : leaks(customer, source, random)) {
                    leaks++;
                    Optional<String> reason = LeakCheck.problem(leak, source);
                    if (reason.isPresent()) {
                        caught++;
                    } else {
                        missed.add(leak);
                    }
                }
            }
        }
        for (int p = 0; p < CLEAN_PROBLEMS.size(); p++) {
            for (int r = 0; r < CLEAN_RESOLUTIONS.size(); r++) {
                String summary = CLEAN_PROBLEMS.get(p) + "; " + CLEAN_RESOLUTIONS.get(r) + ".";
                String source = conversation(CUSTOMERS.get((p + r) % CUSTOMERS.size()), (p + r) % PROBLEMS.size());
                clean++;
                if (LeakCheck.problem(summary, source).isPresent()) {
                    falseRejects++;
                    missed.add("FALSE REJECT (" + LeakCheck.problem(summary, source).get() + "): " + summary);
                }
            }
        }
        double ratio = (double) caught / leaks;
        System.out.println("BENCH front.summary.leaks " + leaks);
        System.out.println("BENCH front.summary.leak_caught_ratio " + String.format("%.4f", ratio));
        System.out.println("BENCH front.summary.clean " + clean);
        System.out.println("BENCH front.summary.false_rejects " + falseRejects);
        missed.forEach(m -> System.out.println("  missed: " + m));
        assertThat(leaks).isGreaterThanOrEqualTo(200);
        assertThat(clean).isGreaterThanOrEqualTo(100);
        assertThat(ratio).as("leak_caught_ratio").isGreaterThanOrEqualTo(0.99);
        assertThat(falseRejects).as("false_rejects").isZero();
    }
}
