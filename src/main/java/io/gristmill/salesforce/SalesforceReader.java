package io.gristmill.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.outbound.CallFailures;
import io.gristmill.outbound.LenientJson;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * Reads from an org's REST API: SOQL (always {@code queryAll}, so that deleted rows come back with
 * {@code IsDeleted = true} in the same call), next pages, and composite calls (one API call each) of
 * up to five queries or up to 25 describes. Maps Salesforce's errors to typed exceptions:
 * {@code INVALID_SESSION_ID} → {@link SessionExpiredException}, 5xx and timeouts →
 * {@link SalesforceUnavailableException} (retried twice with jittered backoff), the rest →
 * {@link SalesforceApiException}. Every response's {@code Sforce-Limit-Info} goes to the meter.
 */
@ApplicationScoped
public class SalesforceReader {
    public static final String API_VERSION = "v66.0";

    private final SalesforceConfig config;
    private final ObjectMapper json;
    private final Map<String, SalesforceDataApi> clients = new ConcurrentHashMap<>();

    public SalesforceReader(SalesforceConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /** A query; a read timeout is {@link SalesforceTimeoutException} and is not retried (the caller narrows the window). */
    @Retry(retryOn = SalesforceUnavailableException.class, abortOn = SalesforceTimeoutException.class, maxRetries = 2, delay = 200,
            jitter = 150)
    public QueryPage queryAll(AccessToken token, String soql, PollMeter meter) {
        return page(read(token, meter, queries(token), api -> api.queryAll(API_VERSION, soql, bearer(token))));
    }

    @Retry(retryOn = SalesforceUnavailableException.class, abortOn = SalesforceTimeoutException.class, maxRetries = 2, delay = 200,
            jitter = 150)
    public QueryPage nextPage(AccessToken token, String nextRecordsUrl, PollMeter meter) {
        String locator = nextRecordsUrl.substring(nextRecordsUrl.lastIndexOf('/') + 1);
        return page(read(token, meter, queries(token), api -> api.nextPage(API_VERSION, locator, bearer(token))));
    }

    /** An object's describe, or the error its describe alone failed with inside a composite call. */
    public sealed interface Description {
        record Read(DescribeCache.Described described) implements Description {
        }

        record Refused(SalesforceApiException error) implements Description {
        }
    }

    /**
     * Describes of up to 25 objects in one composite call (object → its picklist-only fields): each
     * object's field names and, for its picklist-only fields, the active values of their picklist
     * (none when the org's field is free text). One failure holds up every object not described
     * yet, so it is tried a little longer than a single read.
     */
    @Retry(retryOn = SalesforceUnavailableException.class, maxRetries = 4, delay = 250, jitter = 150)
    public Map<String, Description> describeAll(AccessToken token, Map<String, java.util.Set<String>> objects, PollMeter meter) {
        CompositeQueries body = CompositeQueries.describes(API_VERSION, List.copyOf(objects.keySet()));
        JsonNode answer = read(token, meter, client(token.instanceUrl(), config.readTimeout()), api -> api.composite(API_VERSION, body.json(), bearer(token)));
        Map<String, Description> results = new LinkedHashMap<>();
        for (JsonNode sub : answer.path("compositeResponse")) {
            String object = sub.path("referenceId").asText();
            int status = subrequestStatus(sub);
            results.put(object, status >= 400 ? new Description.Refused(error(status, sub.path("body")))
                    : new Description.Read(described(sub.path("body"), objects.getOrDefault(object, java.util.Set.of()))));
        }
        return results;
    }

    private static DescribeCache.Described described(JsonNode body, java.util.Set<String> picklistOnly) {
        List<String> fields = new ArrayList<>();
        Map<String, List<String>> picklists = new LinkedHashMap<>();
        for (JsonNode field : body.path("fields")) {
            String name = field.path("name").asText();
            fields.add(name);
            if (picklistOnly.contains(name)) {
                List<String> values = new ArrayList<>();
                field.path("picklistValues").forEach(v -> {
                    if (v.path("active").asBoolean(true) && v.hasNonNull("value")) {
                        values.add(v.path("value").asText());
                    }
                });
                picklists.put(name, values);
            }
        }
        return new DescribeCache.Described(fields, java.util.Optional.empty(), picklists);
    }

    /** A subrequest's status; a session or server failure inside fails the whole call. */
    private static int subrequestStatus(JsonNode sub) {
        int status = sub.path("httpStatusCode").asInt();
        if (status == 401) {
            throw new SessionExpiredException();
        }
        if (status >= 500) {
            throw new SalesforceUnavailableException("A composite subrequest failed with " + status);
        }
        return status;
    }

    /** A query's first page, or the error that query alone failed with inside a composite call. */
    public sealed interface FirstPage {
        record Read(QueryPage page) implements FirstPage {
        }

        record Refused(SalesforceApiException error) implements FirstPage {
        }
    }

    /** Runs up to five queries as one composite call: each reference id's first page, or why it alone failed. */
    @Retry(retryOn = SalesforceUnavailableException.class, abortOn = SalesforceTimeoutException.class, maxRetries = 2, delay = 200,
            jitter = 150)
    public Map<String, FirstPage> composite(AccessToken token, Map<String, String> queries, PollMeter meter) {
        CompositeQueries body = CompositeQueries.of(API_VERSION, queries);
        JsonNode answer = read(token, meter, queries(token), api -> api.composite(API_VERSION, body.json(), bearer(token)));
        Map<String, FirstPage> results = new LinkedHashMap<>();
        for (JsonNode sub : answer.path("compositeResponse")) {
            String reference = sub.path("referenceId").asText();
            int status = subrequestStatus(sub);
            results.put(reference, status >= 400 ? new FirstPage.Refused(error(status, sub.path("body")))
                    : new FirstPage.Read(page(sub.path("body"))));
        }
        return results;
    }

    private JsonNode read(AccessToken token, PollMeter meter, SalesforceDataApi client,
            java.util.function.Function<SalesforceDataApi, Response> call) {
        try (Response response = call.apply(client)) {
            meter.called(response.getHeaderString("Sforce-Limit-Info"));
            int status = response.getStatus();
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            if (status >= 500) {
                throw new SalesforceUnavailableException("Salesforce answered " + status);
            }
            JsonNode body = LenientJson.read(json, text);
            if (status == 401) {
                throw new SessionExpiredException();
            }
            if (status >= 400) {
                throw error(status, body);
            }
            return body;
        } catch (ProcessingException e) {
            if (CallFailures.timedOut(e)) {
                throw new SalesforceTimeoutException("Salesforce did not answer within the read timeout");
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SalesforceUnavailableException("Salesforce did not answer: " + e.getClass().getSimpleName()
                    + (cause == e ? "" : " (" + cause.getClass().getSimpleName() + ")"));
        }
    }

    private static SalesforceApiException error(int status, JsonNode body) {
        JsonNode first = body.isArray() && body.size() > 0 ? body.get(0) : body;
        return new SalesforceApiException(status, first.path("errorCode").asText("HTTP_" + status), first.path("message").asText(""));
    }

    private QueryPage page(JsonNode body) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (JsonNode record : body.path("records")) {
            records.add(json.convertValue(record, Map.class));
        }
        String next = body.path("nextRecordsUrl").isTextual() ? body.path("nextRecordsUrl").asText() : null;
        return new QueryPage(records, body.path("done").asBoolean(true) ? null : next);
    }

    private static String bearer(AccessToken token) {
        return "Bearer " + token.value();
    }

    /** Queries wait up to Salesforce's own query limit: a shorter read timeout would fail what Salesforce still answers. */
    private SalesforceDataApi queries(AccessToken token) {
        return client(token.instanceUrl(), config.queryReadTimeout());
    }

    private SalesforceDataApi client(String instanceUrl, java.time.Duration readTimeout) {
        return clients.computeIfAbsent(instanceUrl + " " + readTimeout, key -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(java.net.URI.create(instanceUrl))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(SalesforceDataApi.class));
    }
}
