package io.gristmill.recap;

import java.util.Arrays;
import java.util.List;
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
    /** What a template is made from (the web app's template form offers them). */
    public record Choices(List<String> sections, List<String> include, List<String> lengths) {
    }

    private static final Choices CHOICES = new Choices(Arrays.stream(SectionId.values()).map(SectionId::id).toList(),
            Arrays.stream(Inclusion.values()).map(Inclusion::id).toList(), List.of("short", "normal", "detailed"));

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
        table.add("GET", "/prompt-templates", (request, caller) -> ApiResult.ok(Map.of("templates", templates.visibleTo(caller),
                "choices", CHOICES)));
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
