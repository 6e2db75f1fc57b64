package io.gristmill.recap;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A saved way to write recaps: which sections, which optional parts, which instructions (the model
 * narrator follows them), how long. Three tiers: an employee's own templates are theirs alone;
 * tenant-wide ones are managed by admins, readable by everyone in the tenant, and one of them may
 * be the tenant default applied to every recap that names no template; built-in ones ship with
 * Gristmill, are read-only, and a company can hide them.
 *
 * @param ownerId the employee who owns it, or null for a tenant-wide or built-in template
 * @param length  {@code short}, {@code normal} (null) or {@code detailed}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptTemplate(
        String templateId,
        String scope,
        String ownerId,
        String name,
        List<SectionId> sections,
        List<Inclusion> include,
        String instructions,
        String length,
        boolean tenantDefault,
        Instant updatedAt,
        String updatedBy) {

    public static final String EMPLOYEE = "employee";
    public static final String TENANT = "tenant";
    public static final String BUILT_IN = "builtin";

    public boolean tenantWide() {
        return TENANT.equals(scope);
    }

    public boolean builtIn() {
        return BUILT_IN.equals(scope);
    }

    PromptTemplate withoutDefault() {
        return new PromptTemplate(templateId, scope, ownerId, name, sections, include, instructions, length, false, updatedAt, updatedBy);
    }
}
