package io.gristmill.recap;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.tenant.BuiltInTemplateNames;

/** Tells the settings page which built-in templates there are to hide. */
@ApplicationScoped
public class BuiltInTemplateChoices implements BuiltInTemplateNames {
    @Override
    public List<BuiltInTemplate> builtInTemplates() {
        return BuiltInTemplates.ALL.stream().map(t -> new BuiltInTemplate(t.templateId(), t.name())).toList();
    }
}
