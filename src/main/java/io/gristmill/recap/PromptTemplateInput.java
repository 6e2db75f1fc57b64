package io.gristmill.recap;

import java.util.List;

/**
 * Body of {@code POST /prompt-templates} and {@code PUT /prompt-templates/{id}} (the whole template).
 *
 * @param scope         {@code employee} (default: the caller's own) or {@code tenant} (admins only)
 * @param tenantDefault only for tenant templates: apply to every recap that names no template
 * @param length        {@code short}, {@code normal} or {@code detailed}
 * @param fromRecap     "save this as a template": take sections, inclusions, instructions and
 *                      length from the request of one of the caller's own recap versions
 */
public record PromptTemplateInput(String name, String scope, List<SectionId> sections, List<Inclusion> include,
        String instructions, Boolean tenantDefault, String length, FromRecap fromRecap) {

    /** One version of the caller's own recap ({@code version} absent: the latest). */
    public record FromRecap(String week, Integer version) {
    }

    /** The same input with what a recap version's request asked for. */
    PromptTemplateInput withRequestOf(Recap recap) {
        java.util.Set<Inclusion> inclusions = new java.util.LinkedHashSet<>(recap.request() == null ? List.of() : recap.request().include());
        List<SectionId> chosen = List.of();
        String words = recap.request() == null ? null : recap.request().instructions();
        String asked = null;
        if (recap.interpretedAs() != null) {
            inclusions.addAll(recap.interpretedAs().include());
            chosen = recap.interpretedAs().sections();
            asked = recap.interpretedAs().isShort() ? "short" : "detailed".equals(recap.interpretedAs().length()) ? "detailed" : null;
            String focus = recap.interpretedAs().styleInstructions();
            words = words == null ? focus : focus == null ? words : words + "\n" + focus;
        }
        // Mutable copies: the constructor asks whether they hold null, which List.of() refuses to answer.
        return new PromptTemplateInput(name, scope, new java.util.ArrayList<>(chosen), new java.util.ArrayList<>(inclusions), words,
                tenantDefault, asked, null);
    }

    public PromptTemplateInput {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("name is required and must be at most 100 characters");
        }
        name = name.strip();
        scope = scope == null ? PromptTemplate.EMPLOYEE : scope;
        if (!scope.equals(PromptTemplate.EMPLOYEE) && !scope.equals(PromptTemplate.TENANT)) {
            throw new IllegalArgumentException("scope must be 'employee' or 'tenant'");
        }
        if ((sections != null && sections.contains(null)) || (include != null && include.contains(null))) {
            throw new IllegalArgumentException("sections and include cannot hold null");
        }
        sections = sections == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(sections));
        include = include == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(include));
        instructions = instructions == null || instructions.isBlank() ? null : instructions.strip();
        if (instructions != null && instructions.length() > RecapOptions.MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("instructions is longer than " + RecapOptions.MAX_INSTRUCTIONS + " characters");
        }
        tenantDefault = Boolean.TRUE.equals(tenantDefault);
        length = length == null || length.equals("normal") ? null : length;
        if (length != null && !io.gristmill.recap.Interpretation.LENGTHS.contains(length)) {
            throw new IllegalArgumentException("length must be short, normal or detailed");
        }
        if (fromRecap != null && (!sections.isEmpty() || !include.isEmpty() || instructions != null || length != null)) {
            throw new IllegalArgumentException("fromRecap takes sections, include, instructions and length from the recap; leave them out");
        }
        if (fromRecap != null && fromRecap.week() == null) {
            throw new IllegalArgumentException("fromRecap.week is required (YYYY-Www)");
        }
        if (tenantDefault && !scope.equals(PromptTemplate.TENANT)) {
            throw new IllegalArgumentException("tenantDefault is only allowed on a tenant template");
        }
    }
}
