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
 * @param request      the request in the employee's words ("include my call metrics this time"),
 *                     read into options ({@code interpretedAs} of the version)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RecapOptions(List<Inclusion> include, String instructions, String templateId, String request) {
    static final int MAX_INSTRUCTIONS = 2000;
    static final Pattern TEMPLATE_ID = Pattern.compile("[a-z0-9]{8,40}");
    public static final RecapOptions NONE = new RecapOptions(null, null, null, null);
    static final int MAX_REQUEST = 500;

    public RecapOptions {
        if (include != null && include.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("include: null is not an inclusion; known: " + Inclusion.known());
        }
        include = include == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(include));
        instructions = instructions == null || instructions.isBlank() ? null : instructions.strip();
        if (instructions != null && instructions.length() > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("instructions is longer than " + MAX_INSTRUCTIONS + " characters");
        }
        request = request == null || request.isBlank() ? null : request.strip();
        if (request != null && request.length() > MAX_REQUEST) {
            throw new IllegalArgumentException("request is longer than " + MAX_REQUEST + " characters; say it in fewer words");
        }
        if (templateId != null && !TEMPLATE_ID.matcher(templateId).matches()) {
            throw new IllegalArgumentException("templateId '" + templateId + "' is not a template id");
        }
    }

    public Set<Inclusion> inclusions() {
        return Set.copyOf(include);
    }
}
