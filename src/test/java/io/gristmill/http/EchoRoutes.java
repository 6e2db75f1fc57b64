package io.gristmill.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/** Test-only routes that show the router's decoding and error handling from the outside. */
@ApplicationScoped
public class EchoRoutes implements Routes {

    @Override
    public io.gristmill.config.FunctionName function() {
        return io.gristmill.config.FunctionName.API;
    }

    @Override
    public void register(RouteTable table) {
        table.add("POST", "/test/echo/{name}", (request, caller) -> {
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("name", request.pathParameter("name"));
            echo.put("query", request.query());
            echo.put("bodyBase64", Base64.getEncoder().encodeToString(request.body()));
            echo.put("bodyText", new String(request.body(), StandardCharsets.UTF_8));
            echo.put("tenant", caller.tenantId());
            echo.put("roles", caller.roles().stream().sorted().toList());
            echo.put("employeeId", caller.employeeId().orElse(null));
            echo.put("contentType", request.header("Content-Type").orElse(null));
            return ApiResult.ok(echo);
        });
        table.add("GET", "/test/boom", (request, caller) -> {
            throw new IllegalStateException("internal detail: table gristmill-test, key T#secret");
        });
        table.addPublic("GET", "/test/public", (request, caller) -> ApiResult.ok(Map.of("public", true)));
    }
}
