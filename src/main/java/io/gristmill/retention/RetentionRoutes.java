package io.gristmill.retention;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.config.FunctionName;
import io.gristmill.config.GristmillConfig;
import io.gristmill.http.ApiResult;
import io.gristmill.http.RouteTable;
import io.gristmill.http.Routes;

/**
 * {@code POST /tenants/{tenantId}/retention/apply}: after changing {@code retentionMonths}, an
 * admin applies it to what is already stored (new writes use it at once). 200 when done, 202 with
 * progress while more remains.
 */
@ApplicationScoped
public class RetentionRoutes implements Routes {
    private final RetentionBackfill backfill;
    private final GristmillConfig config;

    public RetentionRoutes(RetentionBackfill backfill, GristmillConfig config) {
        this.backfill = backfill;
        this.config = config;
    }

    @Override
    public FunctionName function() {
        return FunctionName.API;
    }

    @Override
    public void register(RouteTable table) {
        table.add("POST", "/tenants/{tenantId}/retention/apply", (request, caller) -> {
            String tenantId = caller.adminOf(request.pathParameter("tenantId"));
            RetentionBackfill.Applied applied = backfill.apply(tenantId, config.erasure().budget());
            return ApiResult.finishedOrAccepted(applied.finished(), applied);
        });
    }
}
