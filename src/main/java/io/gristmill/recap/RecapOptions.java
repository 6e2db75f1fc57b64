package io.gristmill.recap;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one request asks of one recap ({@code POST .../generate}). It shapes that recap only and
 * is stored with it for the record, never as a rule for later recaps.
 *
 * @param include      optional parts to add, e.g. {@code salesforce.calls}
 * @param instructions words for the narrator (kept with the recap; the template narrator shows
 *                     them, a language-model narrator would follow them)
 * @param templateId   a saved prompt template to apply (the caller's own or a tenant-wide one)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RecapOptions(List<Inclusion> include, String instructions, String templateId) {
    static final int MAX_INSTRUCTIONS = 2000;
    static final Pattern TEMPLATE_ID = Pattern.compile("[a-z0-9]{8,40}");
    public static final RecapOptions NONE = new RecapOptions(null, null, null);

    public RecapOptions {
        if (include != null && include.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("include: null is not an inclusion; known: " + Inclusion.known());
        }
        include = include == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(include));
        instructions = instructions == null || instructions.isBlank() ? null : instructions.strip();
        if (instructions != null && instructions.length() > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("instructions is longer than " + MAX_INSTRUCTIONS + " characters");
        }
        if (templateId != null && !TEMPLATE_ID.matcher(templateId).matches()) {
            throw new IllegalArgumentException("templateId '" + templateId + "' is not a template id");
        }
    }

    public Set<Inclusion> inclusions() {
        return Set.copyOf(include);
    }
}
