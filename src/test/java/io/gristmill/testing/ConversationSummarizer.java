package io.gristmill.testing;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated model's summaries: no language model, a topic table. It finds what the
 * conversation is about by keywords and writes a neutral sentence of problem and resolution —
 * or, when told to, makes the mistakes the leak check exists for: a copied sentence, an e-mail
 * address or a phone number from the conversation.
 */
final class ConversationSummarizer {
    private record Topic(List<String> keywords, String problem, String resolution) {
    }

    private static final List<Topic> TOPICS = List.of(
            new Topic(List.of("password", "sign in", "log in", "login", "locked out"), "Customer could not sign in",
                    "agent restored access and confirmed it worked"),
            new Topic(List.of("refund", "charged twice", "invoice", "billing", "charge"), "Billing question about a charge",
                    "agent explained it and arranged a correction"),
            new Topic(List.of("delivery", "shipping", "parcel", "package", "tracking"), "Delayed delivery",
                    "agent traced the shipment and gave a new date"),
            new Topic(List.of("export", "report", "csv", "download"), "Report export failed",
                    "agent found a workaround and logged the defect"));
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()-]{7,}\\d");

    private ConversationSummarizer() {
    }

    static String summarize(String conversation, SimulatedBedrock.Behaviour behaviour) {
        String lower = conversation.toLowerCase(Locale.ROOT);
        String neutral = TOPICS.stream().filter(t -> t.keywords().stream().anyMatch(lower::contains)).findFirst()
                .map(t -> t.problem() + "; " + t.resolution() + ".")
                .orElse("Customer asked for help with the product; agent answered and closed the request.");
        return switch (behaviour) {
            case ECHO -> firstLongSentence(conversation);
            case LEAK_EMAIL -> neutral + " Contact " + first(EMAIL.matcher(conversation), "someone@example.com");
            case LEAK_PHONE -> neutral + " Call back on " + first(PHONE.matcher(conversation), "+1 415 555 0100");
            default -> neutral;
        };
    }

    private static String firstLongSentence(String text) {
        for (String sentence : text.split("(?<=[.!?])\\s+")) {
            if (sentence.trim().split("\\s+").length >= 8) {
                return sentence.trim();
            }
        }
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static String first(Matcher matcher, String fallback) {
        return matcher.find() ? matcher.group() : fallback;
    }

}
