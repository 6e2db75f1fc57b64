package io.gristmill.recap;

import java.util.List;

/**
 * Body of {@code POST /prompt-templates} and {@code PUT /prompt-templates/{id}} (the whole template).
 *
 * @param scope         {@code employee} (default: the caller's own) or {@code tenant} (admins only)
 * @param tenantDefault only for tenant templates: apply to every recap that names no template
 */
public record PromptTemplateInput(String name, String scope, List<SectionId> sections, List<Inclusion> include,
        String instructions, Boolean tenantDefault) {

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
        if (tenantDefault && !scope.equals(PromptTemplate.TENANT)) {
            throw new IllegalArgumentException("tenantDefault is only allowed on a tenant template");
        }
    }
}
