package io.gristmill.recap.narration;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.tenant.SettingsCheck;
import io.gristmill.tenant.TenantSettings;

/** The model narrator needs a model in the deployment. */
@ApplicationScoped
public class NarratorSettingsCheck implements SettingsCheck {
    private final NarratorConfig narrator;

    public NarratorSettingsCheck(NarratorConfig narrator) {
        this.narrator = narrator;
    }

    @Override
    public Optional<String> problem(String tenantId, TenantSettings settings) {
        if (settings.recaps().byModel() && narrator.modelId().filter(id -> !id.isBlank()).isEmpty()) {
            return Optional.of("recaps.narrator: this deployment has no narrator model (its NarratorModelId is empty), "
                    + "so recaps can only be written by the template");
        }
        return Optional.empty();
    }
}
