package io.gristmill.connect;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

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
 * The {@code connect} function's routes: start and finish connecting Salesforce, connection
 * status, disconnect. The callback is public (the browser arrives from Salesforce without a JWT);
 * everything else needs an admin of the caller's own tenant.
 */
@ApplicationScoped
public class ConnectRoutes implements Routes {
    static final String BINDING_COOKIE = OAuthFlow.BINDING_COOKIE;
    static final String CALLBACK_PATH = "/connect/salesforce/callback";
    static final String FRONT_CALLBACK_PATH = "/connect/front/callback";
    private static final List<String> PROVIDERS = List.of(SalesforceSecret.PROVIDER, FrontSecret.PROVIDER);

    private final SalesforceConnect salesforce;
    private final FrontConnect front;
    private final ConnectionStore connections;
    private final JsonBodies bodies;
    private final Clock clock;
    private final io.gristmill.tenant.TenantSettingsStore settings;

    public ConnectRoutes(SalesforceConnect salesforce, FrontConnect front, ConnectionStore connections, JsonBodies bodies, Clock clock,
            io.gristmill.tenant.TenantSettingsStore settings) {
        this.settings = settings;
        this.salesforce = salesforce;
        this.front = front;
        this.connections = connections;
        this.bodies = bodies;
        this.clock = clock;
    }

    @Override
    public FunctionName function() {
        return FunctionName.CONNECT;
    }

    @Override
    public void register(RouteTable table) {
        table.add("POST", "/connect/salesforce", this::startSalesforce);
        table.addPublic("GET", CALLBACK_PATH, (request, caller) -> callback(request, CALLBACK_PATH, salesforce::complete));
        table.add("POST", "/connect/front", (request, caller) -> {
            caller.requireAdmin();
            // The cookie lives as long as Front's own flow state (gristmill.front.state-ttl), not Salesforce's.
            OAuthFlow.Started started = front.start(caller.tenantId(), caller.subject());
            return ApiResult.ok(OAuthFlow.Authorize.of(started))
                    .withCookie(OAuthFlow.bindingCookie(FRONT_CALLBACK_PATH, started, clock.instant()));
        });
        table.addPublic("GET", FRONT_CALLBACK_PATH, (request, caller) -> callback(request, FRONT_CALLBACK_PATH, front::complete));
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
        return ApiResult.ok(OAuthFlow.Authorize.of(started)).withCookie(OAuthFlow.bindingCookie(CALLBACK_PATH, started, clock.instant()));
    }

    /** A provider's redirect back: the flow completes against the binding cookie, which is cleared either way. */
    private static ApiResult callback(ApiRequest request, String path, BiFunction<Map<String, String>, Optional<String>, OAuthFlow.Outcome> complete) {
        Map<String, String> query = new LinkedHashMap<>();
        request.query().forEach((name, values) -> query.put(name, values.get(0)));
        OAuthFlow.Outcome outcome = complete.apply(query, request.cookie(BINDING_COOKIE));
        return ApiResult.html(outcome.status(), CallbackPage.render(outcome.connected(), outcome.title(), outcome.message()))
                .withCookie(OAuthFlow.clearedBindingCookie(path));
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
