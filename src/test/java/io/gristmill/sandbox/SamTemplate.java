package io.gristmill.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The functions and HTTP API routes of {@code template.yaml}, so that the sandbox starts exactly
 * the functions AWS would and routes each request to the function API Gateway would, with or
 * without the JWT authorizer.
 */
final class SamTemplate {

    /**
     * One {@code HttpApi} event (payload 2.0, JWT unless public) or {@code Api} event (a REST API,
     * payload 1.0, no authorizer: the Front webhooks) of a function: method ({@code ANY} or a verb)
     * and path template.
     */
    record Route(String export, String method, String path, boolean isPublic, Pattern pattern, boolean restApi) {
        boolean matches(String requestMethod, String requestPath) {
            return (method.equals("ANY") || method.equals(requestMethod)) && pattern.matcher(requestPath).matches();
        }

        /** API Gateway prefers the most specific route: literal segments over parameters, {@code {proxy+}} last. */
        int specificity() {
            return (path.contains("+}") ? 0 : 10_000) + path.replaceAll("\\{[^}]+}", "").length();
        }
    }

    private final List<String> exports;
    private final List<Route> routes;

    private SamTemplate(List<String> exports, List<Route> routes) {
        this.exports = exports;
        this.routes = routes;
    }

    static SamTemplate read(Path template) {
        JsonNode root;
        try {
            // CloudFormation tags (!Ref, !Sub, ...) are read as plain values; none of what is read here uses them.
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(template));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + template, e);
        }
        List<String> exports = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        root.path("Resources").properties().forEach(resource -> {
            JsonNode function = resource.getValue();
            if (!"AWS::Serverless::Function".equals(function.path("Type").asText())) {
                return;
            }
            String export = function.path("Properties").path("Environment").path("Variables").path("QUARKUS_FUNQY_EXPORT").asText(null);
            if (export == null) {
                throw new IllegalStateException(resource.getKey() + " in " + template + " sets no QUARKUS_FUNQY_EXPORT");
            }
            exports.add(export);
            function.path("Properties").path("Events").forEach(event -> {
                String type = event.path("Type").asText();
                if ("HttpApi".equals(type) || "Api".equals(type)) {
                    JsonNode properties = event.path("Properties");
                    String path = properties.path("Path").asText();
                    boolean restApi = "Api".equals(type);
                    boolean isPublic = restApi || "NONE".equals(properties.path("Auth").path("Authorizer").asText());
                    routes.add(new Route(export, properties.path("Method").asText("ANY").toUpperCase(Locale.ROOT), path, isPublic,
                            pattern(path), restApi));
                }
            });
        });
        routes.sort(Comparator.comparingInt(Route::specificity).reversed());
        return new SamTemplate(List.copyOf(exports), List.copyOf(routes));
    }

    private static Pattern pattern(String path) {
        StringBuilder regex = new StringBuilder();
        for (String segment : path.substring(1).split("/")) {
            regex.append('/');
            if (segment.matches("\\{[A-Za-z0-9]+\\+}")) {
                regex.append(".+");
            } else if (segment.matches("\\{[A-Za-z0-9]+}")) {
                regex.append("[^/]+");
            } else {
                regex.append(Pattern.quote(segment));
            }
        }
        return Pattern.compile(regex.toString());
    }

    List<String> exports() {
        return exports;
    }

    List<Route> routes() {
        return routes;
    }

    Optional<Route> route(String method, String path) {
        return routes.stream().filter(r -> r.matches(method, path)).findFirst();
    }
}
