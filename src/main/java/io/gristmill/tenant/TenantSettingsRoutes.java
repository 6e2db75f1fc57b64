package io.gristmill.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.config.FunctionName;
import io.gristmill.http.ApiResult;
import io.gristmill.http.JsonBodies;
import io.gristmill.http.RouteTable;
import io.gristmill.http.Routes;

/** {@code GET/PUT /tenants/{tenantId}/settings}, admins of that tenant only. */
@ApplicationScoped
public class TenantSettingsRoutes implements Routes {
    private final TenantSettingsStore store;
    private final JsonBodies bodies;

    public TenantSettingsRoutes(TenantSettingsStore store, JsonBodies bodies) {
        this.store = store;
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
            return ApiResult.ok(store.put(tenantId, settings, caller.subject()));
        });
    }
}
