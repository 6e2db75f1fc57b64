package io.gristmill.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Method + path template ({@code /tenants/{tenantId}/settings}) to handler. A path that matches
 * no template is a 404; a path that matches with another method is a 405 naming the allowed ones.
 */
public final class RouteTable {
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final List<Route> routes = new ArrayList<>();

    public RouteTable add(String method, String template, RouteHandler handler) {
        return add(method, template, handler, false);
    }

    /** A route anyone may call (Front's webhooks, which prove themselves by signature): no JWT caller is required. */
    public RouteTable addPublic(String method, String template, RouteHandler handler) {
        return add(method, template, handler, true);
    }

    private RouteTable add(String method, String template, RouteHandler handler, boolean isPublic) {
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        Matcher m = PARAMETER.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append("/?$");
        for (Route route : routes) {
            if (route.method.equals(method.toUpperCase(Locale.ROOT)) && route.template.equals(template)) {
                throw new IllegalStateException("Route " + method + " " + template + " is registered twice");
            }
        }
        routes.add(new Route(method.toUpperCase(Locale.ROOT), template, Pattern.compile(regex.toString()), names, handler, isPublic));
        return this;
    }

    /** The matching route, or an {@link ApiException} 404/405. */
    public Match match(String method, String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Matcher m = route.pattern.matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (!route.method.equals(method)) {
                allowed.add(route.method);
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < route.names.size(); i++) {
                parameters.put(route.names.get(i), decodeSegment(m.group(i + 1)));
            }
            return new Match(route, parameters);
        }
        if (!allowed.isEmpty()) {
            throw new MethodNotAllowed(method, path, allowed);
        }
        throw ApiException.notFound("No route for " + method + " " + path);
    }

    private static String decodeSegment(String segment) {
        try {
            // URLDecoder is for forms: keep a literal '+' in a path segment.
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Path segment is not valid percent-encoding: " + segment);
        }
    }

    public List<String> describe() {
        return routes.stream().map(r -> r.method + " " + r.template).toList();
    }

    public record Route(String method, String template, Pattern pattern, List<String> names, RouteHandler handler, boolean isPublic) {
    }

    public record Match(Route route, Map<String, String> pathParameters) {
    }

    /** 405, with the methods the path does accept. */
    public static final class MethodNotAllowed extends ApiException {
        private final Set<String> allowed;

        MethodNotAllowed(String method, String path, Set<String> allowed) {
            super(405, "method_not_allowed", method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed));
            this.allowed = allowed;
        }

        public Optional<String> allowHeader() {
            return Optional.of(String.join(", ", allowed));
        }
    }
}
