package io.gristmill.connect;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.access.Caller;
import io.gristmill.access.Refusal;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.config.FunctionName;
import io.gristmill.front.FrontSecret;
import io.gristmill.http.ApiRequest;
import io.gristmill.http.ApiResult;
import io.gristmill.http.JsonBodies;
import io.gristmill.http.RouteTable;
import io.gristmill.http.Routes;
import io.gristmill.salesforce.SalesforceSecret;

/**
 * The {@code connect} function's routes: start and finish connecting Salesforce and Front (the
 * provider sends the browser back to the web app, which finishes as the admin who started),
 * connection status, disconnect. Every route needs an admin of the caller's own tenant.
 */
@ApplicationScoped
public class ConnectRoutes implements Routes {
    private static final List<String> PROVIDERS = List.of(SalesforceSecret.PROVIDER, FrontSecret.PROVIDER);

    private final SalesforceConnect salesforce;
    private final FrontConnect front;
    private final OAuthCompletion completion;
    private final ConnectionStore connections;
    private final JsonBodies bodies;
    private final io.gristmill.tenant.TenantSettingsStore settings;

    public ConnectRoutes(SalesforceConnect salesforce, FrontConnect front, OAuthCompletion completion, ConnectionStore connections,
            JsonBodies bodies, io.gristmill.tenant.TenantSettingsStore settings) {
        this.settings = settings;
        this.completion = completion;
        this.salesforce = salesforce;
        this.front = front;
        this.connections = connections;
        this.bodies = bodies;
    }

    @Override
    public FunctionName function() {
        return FunctionName.CONNECT;
    }

    @Override
    public void register(RouteTable table) {
        table.add("POST", "/connect/salesforce", this::startSalesforce);
        table.add("POST", "/connect/front", (request, caller) -> {
            caller.requireAdmin();
            return ApiResult.ok(OAuthFlow.Authorize.of(front.start(caller.tenantId(), caller.subject())));
        });
        table.add("POST", "/connect/complete", this::completeFromApp);
        registerConnections(table);
    }

    private ApiResult startSalesforce(ApiRequest request, Caller caller) {
        caller.requireAdmin();
        ConnectRequest body = request.body().length == 0 ? new ConnectRequest(null) : bodies.read(request, ConnectRequest.class);
        OAuthFlow.Started started;
        try {
            started = salesforce.start(caller.tenantId(), caller.subject(), body.loginHost());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(e.getMessage());
        }
        return ApiResult.ok(OAuthFlow.Authorize.of(started));
    }

    /** A provider redirected the browser to the web app, which posts what it was given as the signed-in admin. */
    private ApiResult completeFromApp(ApiRequest request, Caller caller) {
        caller.requireAdmin();
        ConnectCompletion body = bodies.read(request, ConnectCompletion.class).validated();
        OAuthFlow.Outcome outcome = completion.complete(body.asQuery(), caller);
        if (!outcome.connected()) {
            throw new Refusal(refusalKind(outcome.status()), outcome.error(), outcome.title() + ". " + outcome.message());
        }
        return ApiResult.ok(Map.of("provider", outcome.provider(), "title", outcome.title(), "message", outcome.message(),
                "connection", connections.get(caller.tenantId(), outcome.provider())));
    }

    private static Refusal.Kind refusalKind(int status) {
        return switch (status) {
            case 403 -> Refusal.Kind.NOT_ALLOWED;
            case 409 -> Refusal.Kind.CONFLICT;
            case 502 -> Refusal.Kind.PROVIDER_FAILED;
            default -> Refusal.Kind.INVALID;
        };
    }

    private void registerConnections(RouteTable table) {
        table.add("PUT", "/connections/front", (request, caller) -> {
            caller.requireAdmin();
            FrontConnect.ApiTokenRequest body = bodies.read(request, FrontConnect.ApiTokenRequest.class);
            return ApiResult.ok(Map.of("connection", front.connectWithApiToken(caller.tenantId(), caller.subject(), body)));
        });
        table.add("DELETE", "/connections/front", (request, caller) -> {
            caller.requireAdmin();
            return ApiResult.ok(Map.of("connection", front.disconnect(caller.tenantId())));
        });
        table.add("GET", "/connections", (request, caller) -> {
            caller.requireAdmin();
            // Where an admin approved Front conversation summaries (who, when): shown beside the connections they read through.
            return ApiResult.ok(Map.of("connections",
                    PROVIDERS.stream().map(provider -> connections.get(caller.tenantId(), provider)).toList(),
                    "frontSummaries", settings.get(caller.tenantId()).settings().front().summaries()));
        });
        table.add("DELETE", "/connections/salesforce", (request, caller) -> {
            caller.requireAdmin();
            return ApiResult.ok(salesforce.disconnect(caller.tenantId()));
        });
    }
}
