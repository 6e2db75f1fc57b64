package io.gristmill.front;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.outbound.LenientJson;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * Reads from Front's core API with a tenant's token. Status mapping: 401 →
 * {@link FrontUnauthorizedException}; 429 → waits {@code retry-after} when it is short (at most
 * twice), else {@link FrontRateLimitedException}; 5xx and timeouts → {@link FrontUnavailableException}
 * (retried twice with jittered backoff); other 4xx → {@link FrontApiException}. Every response's
 * {@code x-ratelimit-*} headers go to the run's meter.
 */
@ApplicationScoped
public class FrontClient {
    /** {@code GET /events} returns at most 15 per page. */
    static final int EVENTS_PAGE_SIZE = 15;

    private final FrontConfig config;
    private final ObjectMapper json;
    private final FrontApi api;
    private final FrontApi lookupApi;

    public FrontClient(FrontConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.api = build(config.readTimeout());
        this.lookupApi = build(config.webhookLookupTimeout());
    }

    /** What {@code GET /me} says that Gristmill reads: the company's id ({@code cmp_...}; empty when Front names none). */
    public record Me(String companyId) {
    }

    /** The company the token belongs to. */
    @Retry(retryOn = FrontUnavailableException.class, maxRetries = 2, delay = 300, jitter = 200)
    public Me me(String token) {
        return new Me(read(new FrontRateMeter(), a -> a.me(bearer(token)), api).path("id").asText(""));
    }

    @Retry(retryOn = FrontUnavailableException.class, maxRetries = 2, delay = 300, jitter = 200)
    public FrontPage teammates(String token, Optional<String> pageToken, FrontRateMeter meter) {
        return page(read(meter, a -> a.teammates(pageToken.orElse(null), bearer(token)), api));
    }

    /** The inbox ids of a team. */
    @Retry(retryOn = FrontUnavailableException.class, maxRetries = 2, delay = 300, jitter = 200)
    public List<String> teamInboxes(String token, String teamId, FrontRateMeter meter) {
        return ids(read(meter, a -> a.team(teamId, bearer(token)), api).path("inboxes"));
    }

    /** Every inbox id of the account (the token's view of it), all pages. */
    public List<String> allInboxIds(String token, FrontRateMeter meter) {
        return allIds(pageToken -> read(meter, a -> a.inboxes(pageToken.orElse(null), bearer(token)), api));
    }

    /** Every team id of the account, all pages. */
    public List<String> allTeamIds(String token, FrontRateMeter meter) {
        return allIds(pageToken -> read(meter, a -> a.teams(pageToken.orElse(null), bearer(token)), api));
    }

    /** At most this many pages of a list: a company has tens of inboxes, not thousands. */
    private static final int MAX_LIST_PAGES = 20;

    private List<String> allIds(Function<Optional<String>, JsonNode> pages) {
        List<String> ids = new ArrayList<>();
        Optional<String> pageToken = Optional.empty();
        for (int n = 0; n < MAX_LIST_PAGES; n++) {
            FrontPage page = page(pages.apply(pageToken));
            page.results().forEach(item -> {
                if (item.path("id").isTextual()) {
                    ids.add(item.path("id").asText());
                }
            });
            if (page.nextPageToken().isEmpty() || page.nextPageToken().equals(pageToken)) {
                return ids;
            }
            pageToken = page.nextPageToken();
        }
        return ids;
    }

    /** Events after {@code after}, oldest first, in the given inboxes (all when empty). */
    @Retry(retryOn = FrontUnavailableException.class, maxRetries = 2, delay = 300, jitter = 200)
    public FrontPage events(String token, Instant after, List<String> inboxes, Optional<String> pageToken, FrontRateMeter meter) {
        String afterSeconds = String.format("%d.%03d", after.getEpochSecond(), after.getNano() / 1_000_000);
        return page(read(meter, a -> a.events(afterSeconds, inboxes.isEmpty() ? null : inboxes, "created_at", "asc",
                EVENTS_PAGE_SIZE, pageToken.orElse(null), bearer(token)), api));
    }

    /** Events of the given types after {@code after}, oldest first, in the given inboxes. */
    @Retry(retryOn = FrontUnavailableException.class, maxRetries = 2, delay = 300, jitter = 200)
    public FrontPage eventsOfTypes(String token, Instant after, List<String> types, List<String> inboxes, Optional<String> pageToken,
            FrontRateMeter meter) {
        String afterSeconds = String.format("%d.%03d", after.getEpochSecond(), after.getNano() / 1_000_000);
        return page(read(meter, a -> a.eventsOfTypes(afterSeconds, types, inboxes, "created_at", "asc", EVENTS_PAGE_SIZE,
                pageToken.orElse(null), bearer(token)), api));
    }

    /**
     * A page of a conversation's messages (100 at most), text included: for an approved summary
     * only. The caller keeps what it reads in memory; nothing here logs or keeps a body.
     */
    @Retry(retryOn = FrontUnavailableException.class, maxRetries = 2, delay = 300, jitter = 200)
    public FrontPage messages(String token, String conversationId, Optional<String> pageToken, FrontRateMeter meter) {
        return page(read(meter, a -> a.conversationMessages(conversationId, 100, pageToken.orElse(null), bearer(token)), api));
    }

    /** A conversation's comments (Front returns them in one list), text included: for an approved summary only. */
    @Retry(retryOn = FrontUnavailableException.class, maxRetries = 2, delay = 300, jitter = 200)
    public FrontPage comments(String token, String conversationId, FrontRateMeter meter) {
        return page(read(meter, a -> a.conversationComments(conversationId, bearer(token)), api));
    }

    /**
     * The inbox ids of a team, for a webhook: one short call, no retries, no waiting on a 429
     * (a webhook has about 5 s in all; what cannot be checked now is answered 503 and redelivered).
     */
    public List<String> teamInboxesNow(String token, String teamId, FrontRateMeter meter) {
        return ids(read(meter, a -> a.team(teamId, bearer(token)), lookupApi, false).path("inboxes"));
    }

    /**
     * The inboxes a conversation is in; one short call without retries or waits (a webhook has
     * about 5 s). A merged conversation answers 301 pointing at the one it was merged into: that
     * one is asked once (never a host other than Front's API, with our token); a redirect that
     * names no conversation, or a second one, is {@link FrontUnavailableException} so that the
     * webhook is delivered again rather than dropped.
     */
    public List<String> conversationInboxes(String token, String conversationId) {
        String asked = conversationId;
        for (int hop = 0; hop < 2; hop++) {
            String current = asked;
            try {
                return ids(read(new FrontRateMeter(), a -> a.conversationInboxes(current, bearer(token)), lookupApi, false).path("_results"));
            } catch (FrontMovedException merged) {
                asked = merged.conversationId().orElseThrow(() -> new FrontUnavailableException(
                        "Front answered a redirect for conversation " + current + " that names no conversation"));
            }
        }
        throw new FrontUnavailableException("Conversation " + conversationId + " was merged more than once; asked again later");
    }

    private JsonNode read(FrontRateMeter meter, Function<FrontApi, Response> call, FrontApi client) {
        return read(meter, call, client, true);
    }

    private JsonNode read(FrontRateMeter meter, Function<FrontApi, Response> call, FrontApi client, boolean mayWait) {
        for (int rateLimited = 0; ; rateLimited++) {
            try (Response response = call.apply(client)) {
                meter.saw(response.getHeaderString("x-ratelimit-limit"), response.getHeaderString("x-ratelimit-remaining"));
                int status = response.getStatus();
                String text = response.hasEntity() ? response.readEntity(String.class) : "";
                if (status == 429) {
                    Duration wait = retryAfter(response.getHeaderString("retry-after"));
                    if (!mayWait || rateLimited >= 2 || wait.compareTo(config.maxRetryAfter()) > 0) {
                        throw new FrontRateLimitedException(wait);
                    }
                    sleep(wait);
                    continue;
                }
                if (status >= 500) {
                    throw new FrontUnavailableException("Front answered " + status);
                }
                if (status >= 300 && status < 400) {
                    // Not followed blindly: the caller decides (the client does not follow redirects).
                    throw new FrontMovedException(status, String.valueOf(response.getHeaderString("location")));
                }
                JsonNode body = LenientJson.read(json, text);
                if (status == 401) {
                    throw new FrontUnauthorizedException("Front refused the token: " + body.path("_error").path("message").asText(""));
                }
                if (status >= 400) {
                    throw new FrontApiException(status, body.path("_error").path("message").asText(""));
                }
                return body;
            } catch (ProcessingException e) {
                throw new FrontUnavailableException("Front did not answer: " + e.getClass().getSimpleName());
            }
        }
    }

    private FrontPage page(JsonNode body) {
        List<JsonNode> results = new ArrayList<>();
        body.path("_results").forEach(results::add);
        JsonNode next = body.path("_pagination").path("next");
        if (!next.isTextual() || next.asText().isBlank()) {
            return new FrontPage(results, Optional.empty());
        }
        return new FrontPage(results, Optional.of(pageToken(next.asText())));
    }

    /** Front's next link carries the page in {@code page_token}; the other parameters are sent again as they were. */
    static String pageToken(String nextUrl) {
        String query = URI.create(nextUrl).getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && "page_token".equals(pair.substring(0, eq))) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        throw new FrontApiException(200, "Front's next-page link has no page_token: cannot follow it");
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> {
            if (item.path("id").isTextual()) {
                ids.add(item.path("id").asText());
            }
        });
        return ids;
    }

    private static Duration retryAfter(String header) {
        try {
            return Duration.ofMillis((long) (Double.parseDouble(header.trim()) * 1000));
        } catch (RuntimeException missingOrOdd) {
            return Duration.ofSeconds(60); // Front's window is a minute
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(Math.max(0, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FrontUnavailableException("Interrupted while waiting for Front's rate limit");
        }
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private FrontApi build(Duration readTimeout) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.apiBaseUrl()))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(FrontApi.class);
    }
}
