package io.gristmill.tenant;

import java.util.List;

/**
 * The prompt templates that ship with Gristmill, as the recap feature declares them, so that the
 * settings page can offer to hide each by name ({@code recaps.hiddenTemplates}) without tenant
 * importing that feature.
 */
public interface BuiltInTemplateNames {
    /** A built-in template an admin may hide. */
    record BuiltInTemplate(String templateId, String name) {
    }

    List<BuiltInTemplate> builtInTemplates();
}
