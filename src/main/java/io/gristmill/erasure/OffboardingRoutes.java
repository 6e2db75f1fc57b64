package io.gristmill.erasure;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.config.FunctionName;
import io.gristmill.config.GristmillConfig;
import io.gristmill.http.ApiResult;
import io.gristmill.http.RouteTable;
import io.gristmill.http.Routes;

/**
 * {@code DELETE /tenants/{tenantId}}: an admin offboards their company (the {@code connect}
 * function, which may revoke and delete the connection secrets). 200 when every item is erased,
 * 202 with progress when the function's time ran out (send it again to continue).
 */
@ApplicationScoped
public class OffboardingRoutes implements Routes {
    private final TenantErasure tenants;
    private final GristmillConfig config;

    public OffboardingRoutes(TenantErasure tenants, GristmillConfig config) {
        this.tenants = tenants;
        this.config = config;
    }

    @Override
    public FunctionName function() {
        return FunctionName.CONNECT;
    }

    @Override
    public void register(RouteTable table) {
        table.add("DELETE", "/tenants/{tenantId}", (request, caller) -> {
            String tenantId = caller.adminOf(request.pathParameter("tenantId"));
            TenantErasure.Offboarded offboarded = tenants.erase(tenantId, config.erasure().budget());
            return ApiResult.finishedOrAccepted(offboarded.finished(), offboarded);
        });
    }
}
