package io.gristmill.recap;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gristmill.access.Refusal;
import io.gristmill.config.FunctionName;
import io.gristmill.directory.EmployeeIds;
import io.gristmill.http.ApiRequest;
import io.gristmill.http.ApiResult;
import io.gristmill.http.JsonBodies;
import io.gristmill.http.RouteTable;
import io.gristmill.http.Routes;

/**
 * Recaps over HTTP: {@code /recaps/{employeeId}/{week}} (read, {@code /generate}, {@code /confirm}),
 * {@code /teams/{managerId}/recaps/{week}}, {@code /teams/{managerId}/review-context} (calibration) and
 * {@code /employees/{employeeId}/review-context}. The
 * tenant is always the caller's own, from their token.
 */
@ApplicationScoped
public class RecapRoutes implements Routes {
    private final RecapService recaps;
    private final TeamRecaps teams;
    private final ReviewContexts reviews;
    private final TeamCalibration calibration;
    private final RecapRenderer renderer;
    private final JsonBodies bodies;
    private final ObjectMapper json;

    public RecapRoutes(RecapService recaps, TeamRecaps teams, ReviewContexts reviews, TeamCalibration calibration, RecapRenderer renderer,
            JsonBodies bodies, ObjectMapper json) {
        this.calibration = calibration;
        this.recaps = recaps;
        this.teams = teams;
        this.reviews = reviews;
        this.renderer = renderer;
        this.bodies = bodies;
        this.json = json;
    }

    /** Body of {@code PUT .../context}: the employee's note on their draft. */
    public record ContextRequest(String note) {
    }

    /** Body of {@code POST .../confirm}: optionally the version the employee saw, so that they never confirm another. */
    public record ConfirmRequest(Integer version) {
    }

    @Override
    public FunctionName function() {
        return FunctionName.API;
    }

    @Override
    public void register(RouteTable table) {
        table.add("GET", "/recaps/{employeeId}/{week}", (request, caller) -> {
            // Everything about the request is checked before a first read creates a draft.
            format(request);
            Set<String> include = include(request, Set.of("evidence"));
            RecapService.Read read = recaps.read(caller, employeeId(request), week(request), version(request));
            return render(request, read.recap(), read.versions(), include.contains("evidence"));
        });
        table.add("POST", "/recaps/{employeeId}/{week}/generate", (request, caller) -> {
            format(request);
            RecapOptions options = request.body().length == 0 ? RecapOptions.NONE : bodies.read(request, RecapOptions.class);
            Recap recap = recaps.generate(caller, employeeId(request), week(request), options);
            return render(request, recap, null, false);
        });
        table.add("PUT", "/recaps/{employeeId}/{week}/context", (request, caller) -> {
            format(request);
            if (request.body().length == 0) {
                throw Refusal.invalid("Send {\"note\": \"...\"} (an empty note removes it)");
            }
            String note = bodies.read(request, ContextRequest.class).note();
            return render(request, recaps.addContext(caller, employeeId(request), week(request), note), null, false);
        });
        table.add("POST", "/recaps/{employeeId}/{week}/confirm", (request, caller) -> {
            format(request);
            Optional<Integer> version = request.body().length == 0 ? Optional.empty()
                    : Optional.ofNullable(bodies.read(request, ConfirmRequest.class).version());
            return render(request, recaps.confirm(caller, employeeId(request), week(request), version), null, false);
        });
        table.add("GET", "/teams/{managerId}/recaps/{week}", (request, caller) -> {
            String managerId = checkedId(request.pathParameter("managerId"));
            String format = format(request);
            TeamRecaps.TeamWeek team = teams.week(caller, managerId, week(request));
            return switch (format) {
                case "markdown" -> new ApiResult(200, renderer.markdown(team), "text/markdown; charset=utf-8", Map.of("cache-control", "no-store"));
                case "html" -> ApiResult.html(200, renderer.html(team));
                default -> ApiResult.ok(team);
            };
        });
        table.add("GET", "/teams/{managerId}/review-context", (request, caller) -> ApiResult.ok(calibration.of(caller,
                checkedId(request.pathParameter("managerId")), date(request, "from"), date(request, "to"))));
        table.add("GET", "/employees/{employeeId}/review-context", (request, caller) -> {
            Set<String> include = include(request, allowedReviewIncludes());
            Set<Inclusion> inclusions = new LinkedHashSet<>();
            include.stream().filter(i -> !i.equals("evidence")).forEach(i -> inclusions.add(Inclusion.fromId(i)));
            LocalDate from = date(request, "from");
            LocalDate to = date(request, "to");
            return ApiResult.ok(reviews.of(caller, employeeId(request), from, to, inclusions, include.contains("evidence")));
        });
    }

    private ApiResult render(ApiRequest request, Recap recap, List<RecapService.VersionRef> versions, boolean evidence) {
        Recap shown = evidence ? recap : recap.withoutEvidence();
        return switch (format(request)) {
            case "markdown" -> new ApiResult(200, renderer.markdown(shown), "text/markdown; charset=utf-8", Map.of("cache-control", "no-store"));
            case "html" -> ApiResult.html(200, renderer.html(shown));
            default -> {
                ObjectNode body = json.valueToTree(shown);
                if (versions != null) {
                    body.set("versions", json.valueToTree(versions));
                }
                yield ApiResult.ok(body);
            }
        };
    }

    /** {@code ?format=json|markdown|html}, else the Accept header, else JSON. */
    private static String format(ApiRequest request) {
        Optional<String> asked = request.queryParameter("format");
        if (asked.isPresent()) {
            String format = asked.get().toLowerCase(Locale.ROOT);
            if (!Set.of("json", "markdown", "html").contains(format)) {
                throw Refusal.invalid("format must be json, markdown or html");
            }
            return format;
        }
        String accept = request.header("accept").orElse("").toLowerCase(Locale.ROOT);
        return accept.contains("text/html") ? "html" : accept.contains("text/markdown") ? "markdown" : "json";
    }

    /** {@code include} as repeated parameters or a comma-separated list. */
    private static Set<String> include(ApiRequest request, Set<String> allowed) {
        Set<String> include = new LinkedHashSet<>();
        request.query().getOrDefault("include", List.of()).forEach(value ->
                Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).forEach(include::add));
        for (String value : include) {
            if (!allowed.contains(value)) {
                throw Refusal.invalid("include: '" + value + "' is not known here; known: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
        return include;
    }

    private static Set<String> allowedReviewIncludes() {
        Set<String> allowed = new LinkedHashSet<>(List.of("evidence"));
        Arrays.stream(Inclusion.values()).map(Inclusion::id).forEach(allowed::add);
        return allowed;
    }

    private static String employeeId(ApiRequest request) {
        return checkedId(request.pathParameter("employeeId"));
    }

    private static String checkedId(String value) {
        return EmployeeIds.checked(value);
    }

    private static IsoWeek week(ApiRequest request) {
        try {
            return IsoWeek.parse(request.pathParameter("week"));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(e.getMessage());
        }
    }

    private static Optional<Integer> version(ApiRequest request) {
        return request.queryParameter("version").map(value -> {
            try {
                int version = Integer.parseInt(value);
                if (version >= 1) {
                    return version;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw Refusal.invalid("version must be a whole number from 1");
        });
    }

    private static LocalDate date(ApiRequest request, String name) {
        String value = request.queryParameter(name)
                .orElseThrow(() -> Refusal.invalid(name + " is required, a date like 2026-07-01"));
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw Refusal.invalid(name + " must be a date like 2026-07-01, got '" + value + "'");
        }
    }
}
