package io.gristmill.tenant;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.access.Refusal;
import io.gristmill.config.FunctionName;
import io.gristmill.http.ApiResult;
import io.gristmill.http.JsonBodies;
import io.gristmill.http.RouteTable;
import io.gristmill.http.Routes;

/** {@code GET/PUT /tenants/{tenantId}/settings}, admins of that tenant only. */
@ApplicationScoped
public class TenantSettingsRoutes implements Routes {
    /** Time a settings change spends removing withdrawn note text; Salesforce polls finish the rest. */
    private static final java.time.Duration PURGE_BUDGET = java.time.Duration.ofSeconds(10);

    private final TenantSettingsStore store;
    private final NoteTextPurge notes;
    private final JsonBodies bodies;
    /** Every feature's check of what it alone can judge (Front's inboxes, the narrator model, built-in templates). */
    private final List<SettingsCheck> checks;
    /** Every feature's reaction to a saved change (a withdrawn summary approval erases those summaries). */
    private final List<SettingsChange> reactions;

    /** What an admin chooses from, beside the settings (the web app's settings page lists them). */
    public record Choices(List<String> salesforceObjects, List<BuiltInTemplateNames.BuiltInTemplate> builtInTemplates) {
    }

    /** {@code GET /tenants/{tenantId}/settings}: the stored settings and the choices they are made from. */
    public record SettingsPage(TenantSettings settings, java.time.Instant updatedAt, String updatedBy, boolean noteTextPurgePending,
            Choices choices) {
        static SettingsPage of(StoredSettings stored, Choices choices) {
            return new SettingsPage(stored.settings(), stored.updatedAt(), stored.updatedBy(), stored.noteTextPurgePending(), choices);
        }
    }

    private final Choices choices;

    public TenantSettingsRoutes(TenantSettingsStore store, NoteTextPurge notes, JsonBodies bodies, SalesforceObjectNames salesforceObjects,
            BuiltInTemplateNames builtInTemplates, jakarta.enterprise.inject.Instance<SettingsCheck> checks,
            jakarta.enterprise.inject.Instance<SettingsChange> reactions) {
        this.choices = new Choices(List.copyOf(salesforceObjects.supported()), List.copyOf(builtInTemplates.builtInTemplates()));
        this.reactions = reactions.stream().toList();
        this.store = store;
        this.notes = notes;
        this.bodies = bodies;
        this.checks = checks.stream().toList();
    }

    @Override
    public FunctionName function() {
        return FunctionName.API;
    }

    @Override
    public void register(RouteTable table) {
        table.add("GET", "/tenants/{tenantId}/settings", (request, caller) -> {
            String tenantId = caller.adminOf(request.pathParameter("tenantId"));
            return ApiResult.ok(SettingsPage.of(store.get(tenantId), choices));
        });
        table.add("PUT", "/tenants/{tenantId}/settings", (request, caller) -> {
            String tenantId = caller.adminOf(request.pathParameter("tenantId"));
            TenantSettings settings = bodies.read(request, TenantSettings.class);
            for (SettingsCheck check : checks) {
                check.problem(tenantId, settings).ifPresent(problem -> {
                    throw Refusal.invalid(problem);
                });
            }
            TenantSettings before = store.get(tenantId).settings();
            StoredSettings saved = store.put(tenantId, settings, caller.subject());
            TenantSettings after = saved.settings();
            reactions.forEach(reaction -> reaction.changed(tenantId, before, after));
            if (saved.noteTextPurgePending() && notes.continuePending(tenantId, PURGE_BUDGET)) {
                saved = store.get(tenantId);
            }
            return ApiResult.ok(saved);
        });
    }
}
