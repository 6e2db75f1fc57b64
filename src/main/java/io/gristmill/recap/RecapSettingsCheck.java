package io.gristmill.recap;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.recap.narration.NarratorConfig;
import io.gristmill.tenant.SettingsCheck;
import io.gristmill.tenant.TenantSettings;

/** The model narrator needs a model in the deployment; hidden templates must be built-in ones. */
@ApplicationScoped
public class RecapSettingsCheck implements SettingsCheck {
    private final NarratorConfig narrator;

    public RecapSettingsCheck(NarratorConfig narrator) {
        this.narrator = narrator;
    }

    @Override
    public Optional<String> problem(String tenantId, TenantSettings settings) {
        if (settings.recaps().byModel() && narrator.modelId().filter(id -> !id.isBlank()).isEmpty()) {
            return Optional.of("recaps.narrator: this deployment has no narrator model (its NarratorModelId is empty), "
                    + "so recaps can only be written by the template");
        }
        List<String> unknown = settings.recaps().hiddenTemplates().stream().filter(id -> !BuiltInTemplates.ids().contains(id)).toList();
        if (!unknown.isEmpty()) {
            return Optional.of("recaps.hiddenTemplates: " + String.join(", ", unknown) + " is no built-in template; built-in: "
                    + String.join(", ", BuiltInTemplates.ids()));
        }
        return Optional.empty();
    }
}
