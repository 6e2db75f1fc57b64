package io.gristmill.front;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.tenant.SettingsCheck;
import io.gristmill.tenant.TenantSettings;

/** Chosen inboxes and teams must exist in the connected Front account: a typo or a deleted team would quietly sync nothing. */
@ApplicationScoped
public class FrontSettingsCheck implements SettingsCheck {
    private final FrontCatalog catalog;

    public FrontSettingsCheck(FrontCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<String> problem(String tenantId, TenantSettings settings) {
        TenantSettings.Front front = settings.front();
        List<String> inboxes = java.util.stream.Stream.concat(front.inboxes().stream(), front.summaries().inboxes().stream()).distinct().toList();
        List<String> teams = java.util.stream.Stream.concat(front.teams().stream(), front.summaries().teams().stream()).distinct().toList();
        List<String> unknown = catalog.unknown(tenantId, inboxes, teams);
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("front: " + String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are")
                + " not an inbox or team of the connected Front account (as last read; it may have been deleted)");
    }
}
