package io.gristmill.tenant;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.config.FunctionName;
import io.gristmill.http.ApiException;
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

    private final io.gristmill.front.FrontCatalog frontCatalog;
    private final io.gristmill.recap.narration.NarratorConfig narrator;

    public TenantSettingsRoutes(TenantSettingsStore store, NoteTextPurge notes, JsonBodies bodies, io.gristmill.front.FrontCatalog frontCatalog,
            io.gristmill.recap.narration.NarratorConfig narrator) {
        this.frontCatalog = frontCatalog;
        this.narrator = narrator;
        this.store = store;
        this.notes = notes;
        this.bodies = bodies;
    }

    @Override
    public FunctionName function() {
        return FunctionName.API;
    }

    @Override
    public void register(RouteTable table) {
        table.add("GET", "/tenants/{tenantId}/settings", (request, caller) -> {
            String tenantId = caller.adminOfPathTenant(request);
            return ApiResult.ok(store.get(tenantId));
        });
        table.add("PUT", "/tenants/{tenantId}/settings", (request, caller) -> {
            String tenantId = caller.adminOfPathTenant(request);
            TenantSettings settings = bodies.read(request, TenantSettings.class);
            List<String> unknown = frontCatalog.unknown(tenantId, settings.front().inboxes(), settings.front().teams());
            if (!unknown.isEmpty()) {
                // A typo, or a team deleted in Front: choosing it would quietly sync nothing from it.
                throw ApiException.badRequest("front: " + String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are")
                        + " not an inbox or team of the connected Front account (as last read; it may have been deleted)");
            }
            if (settings.recaps().byModel() && narrator.modelId().filter(id -> !id.isBlank()).isEmpty()) {
                throw ApiException.badRequest("recaps.narrator: this deployment has no narrator model (its NarratorModelId is empty), "
                        + "so recaps can only be written by the template");
            }
            List<String> unknownTemplates = settings.recaps().hiddenTemplates().stream()
                    .filter(id -> !io.gristmill.recap.BuiltInTemplates.ids().contains(id)).toList();
            if (!unknownTemplates.isEmpty()) {
                throw ApiException.badRequest("recaps.hiddenTemplates: " + String.join(", ", unknownTemplates) + " is no built-in template; built-in: "
                        + String.join(", ", io.gristmill.recap.BuiltInTemplates.ids()));
            }
            StoredSettings saved = store.put(tenantId, settings, caller.subject());
            if (saved.noteTextPurgePending() && notes.continuePending(tenantId, PURGE_BUDGET)) {
                saved = store.get(tenantId);
            }
            return ApiResult.ok(saved);
        });
    }
}
