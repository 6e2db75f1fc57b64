package io.gristmill.recap;

import java.util.List;
import java.util.Optional;

/**
 * The prompt templates that ship with Gristmill: read-only, visible to everyone, and hidden for a
 * whole company by its admin (tenant setting {@code recaps.hiddenTemplates}).
 */
public final class BuiltInTemplates {
    public static final List<PromptTemplate> ALL = List.of(
            template("builtinsalesweek", "Sales week", List.of(SectionId.SALES, SectionId.HIGHLIGHTS), List.of(),
                    "Lead with the deals won and moved forward, then the new pipeline.", null),
            template("builtinsupportweek", "Support week", List.of(SectionId.CUSTOMERS, SectionId.HIGHLIGHTS), List.of(),
                    "Lead with the conversations resolved and how fast customers got a first answer.", null),
            template("builtincallmetrics", "Include my call metrics", List.of(), List.of(Inclusion.SALESFORCE_CALLS, Inclusion.FRONT_CALLS),
                    null, null),
            template("builtinshortversion", "Short version", List.of(), List.of(), null, "short"));

    private BuiltInTemplates() {
    }

    public static List<String> ids() {
        return ALL.stream().map(PromptTemplate::templateId).toList();
    }

    public static Optional<PromptTemplate> find(String templateId) {
        return ALL.stream().filter(t -> t.templateId().equals(templateId)).findFirst();
    }

    private static PromptTemplate template(String id, String name, List<SectionId> sections, List<Inclusion> include, String instructions,
            String length) {
        return new PromptTemplate(id, PromptTemplate.BUILT_IN, null, name, sections, include, instructions, length, false, null, "gristmill");
    }
}
