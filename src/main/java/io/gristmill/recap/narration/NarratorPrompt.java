package io.gristmill.recap.narration;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.model.Resources;

/**
 * The model narrator's prompt: the rules (a versioned resource, {@code narrator/prompt-v1.txt};
 * the version is stored with every recap written from it) and a message that holds the facts as
 * JSON, the instructions, and on a retry what was wrong with the last answer. Nothing else is put
 * in: what the model sees is exactly {@link NarrationFacts}.
 */
public final class NarratorPrompt {
    /** Stored with every recap as {@code narrator.promptVersion}; change it with the resource's name. */
    public static final String VERSION = "recap-narrator/1";
    private static final String RULES = Resources.text("/narrator/prompt-v1.txt");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The system text and the user message for one call. */
    public record Rendered(String system, String message) {
    }

    private NarratorPrompt() {
    }

    public static Rendered render(NarrationFacts facts, int maxChars, List<String> violations) {
        String system = RULES.replace("{maxChars}", String.valueOf(maxChars));
        StringBuilder message = new StringBuilder("FACTS\n").append(json(facts.withoutInstructions())).append("\n\nINSTRUCTIONS\n")
                .append(facts.instructions() == null ? "(none)" : facts.instructions());
        if (!violations.isEmpty()) {
            message.append("\n\nYOUR LAST ANSWER WAS THROWN AWAY because:\n");
            violations.forEach(v -> message.append("- ").append(v).append('\n'));
            message.append("Write it again from the facts, keeping to the rules.");
        }
        return new Rendered(system, message.toString());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Facts could not be written as JSON", e);
        }
    }
}
