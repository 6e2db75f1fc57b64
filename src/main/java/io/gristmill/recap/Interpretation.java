package io.gristmill.recap;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;


/**
 * What a request in words was taken to mean ({@code interpretedAs}): known inclusions and sections
 * only, a length, a tone, a focus for the narrator, and the parts that were not understood. It
 * shapes one version; it is stored with it and never becomes a rule.
 *
 * @param include       optional parts to add
 * @param exclude       optional parts to leave out this time (also a template's)
 * @param sections      the sections to show (empty: as the template or default says)
 * @param length        {@code short}, {@code normal} or {@code detailed}
 * @param tone          {@code neutral}, {@code formal}, {@code friendly} or {@code upbeat}; null: as the narrator writes
 * @param focus         what the narrative should stress, in the employee's words (a model narrator follows it)
 * @param notUnderstood parts of the request that changed nothing
 * @param by            {@code keywords} (the deterministic interpreter) or {@code model}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Interpretation(List<Inclusion> include, List<Inclusion> exclude, List<SectionId> sections, String length, String tone,
        String focus, List<String> notUnderstood, String by) {
    public static final List<String> LENGTHS = List.of("short", "normal", "detailed");
    public static final List<String> TONES = List.of("neutral", "formal", "friendly", "upbeat");

    public Interpretation {
        include = include == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(include));
        exclude = exclude == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(exclude));
        sections = sections == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(sections));
        length = length == null ? "normal" : length;
        notUnderstood = notUnderstood == null ? List.of() : List.copyOf(notUnderstood);
    }

    public boolean isShort() {
        return "short".equals(length);
    }

    /** What the narrator is told: only what was understood, never the request's own words beyond the focus. */
    public String narratorInstructions() {
        String style = styleInstructions();
        String size = lengthInstruction(length);
        return size == null ? style : style == null ? size : size + "\n" + style;
    }

    /** What the narrator is told of a length ({@code short}, {@code detailed}); null for a normal one. */
    public static String lengthInstruction(String length) {
        if ("short".equals(length)) {
            return "Length: short, two or three sentences.";
        }
        return "detailed".equals(length) ? "Length: detailed." : null;
    }

    /** Tone and focus as instructions (what a template saved from this request keeps besides its length). */
    public String styleInstructions() {
        StringBuilder out = new StringBuilder();
        if (tone != null) {
            out.append("Tone: ").append(tone).append(".\n");
        }
        if (focus != null) {
            out.append("Stress: ").append(focus).append('\n');
        }
        return out.isEmpty() ? null : out.toString().strip();
    }
}
