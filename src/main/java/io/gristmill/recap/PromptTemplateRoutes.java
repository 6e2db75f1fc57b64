package io.gristmill.recap;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.access.Refusal;
import io.gristmill.config.FunctionName;
import io.gristmill.http.ApiResult;
import io.gristmill.http.JsonBodies;
import io.gristmill.http.RouteTable;
import io.gristmill.http.Routes;

/** {@code /prompt-templates}: the caller's own templates and the tenant's (changed by admins). */
@ApplicationScoped
public class PromptTemplateRoutes implements Routes {
    private final PromptTemplates templates;
    private final JsonBodies bodies;

    public PromptTemplateRoutes(PromptTemplates templates, JsonBodies bodies) {
        this.templates = templates;
        this.bodies = bodies;
    }

    @Override
    public FunctionName function() {
        return FunctionName.API;
    }

    @Override
    public void register(RouteTable table) {
        table.add("GET", "/prompt-templates", (request, caller) -> ApiResult.ok(Map.of("templates", templates.visibleTo(caller))));
        table.add("POST", "/prompt-templates", (request, caller) ->
                ApiResult.created(templates.create(caller, bodies.read(request, PromptTemplateInput.class))));
        table.add("GET", "/prompt-templates/{templateId}", (request, caller) -> {
            String id = request.pathParameter("templateId");
            return ApiResult.ok(templates.readable(caller, id).orElseThrow(() -> Refusal.notFound("No prompt template " + id)));
        });
        table.add("PUT", "/prompt-templates/{templateId}", (request, caller) -> ApiResult.ok(
                templates.update(caller, request.pathParameter("templateId"), bodies.read(request, PromptTemplateInput.class))));
        table.add("DELETE", "/prompt-templates/{templateId}", (request, caller) -> {
            templates.delete(caller, request.pathParameter("templateId"));
            return ApiResult.noContent();
        });
    }
}
