package io.gristmill.recap;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.tenant.SettingsCheck;
import io.gristmill.tenant.TenantSettings;

/** Hidden templates must be built-in ones (the model narrator's check is {@code NarratorSettingsCheck}). */
@ApplicationScoped
public class RecapSettingsCheck implements SettingsCheck {
    @Override
    public Optional<String> problem(String tenantId, TenantSettings settings) {
        List<String> unknown = settings.recaps().hiddenTemplates().stream().filter(id -> !BuiltInTemplates.ids().contains(id)).toList();
        if (!unknown.isEmpty()) {
            return Optional.of("recaps.hiddenTemplates: " + String.join(", ", unknown) + " is no built-in template; built-in: "
                    + String.join(", ", BuiltInTemplates.ids()));
        }
        return Optional.empty();
    }
}
