package io.gristmill.recap;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A saved way to write recaps: which sections, which optional parts, which instructions. An
 * employee's own templates are theirs alone; tenant-wide ones are managed by admins, readable by
 * everyone in the tenant, and one of them may be the tenant default applied to every recap that
 * names no template.
 *
 * @param ownerId the employee who owns it, or null for a tenant-wide template
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
        boolean tenantDefault,
        Instant updatedAt,
        String updatedBy) {

    public static final String EMPLOYEE = "employee";
    public static final String TENANT = "tenant";

    public boolean tenantWide() {
        return TENANT.equals(scope);
    }
}
