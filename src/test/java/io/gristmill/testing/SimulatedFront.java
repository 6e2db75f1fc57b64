package io.gristmill.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Front company's OAuth server and the slice of its core API Gristmill reads, over real HTTP on
 * a free port, answering like Front does (shared/reference/front-api.md): {@code /me} names the
 * company, lists page with {@code _pagination.next} links carrying a {@code page_token},
 * {@code /events} returns at most 15 per page, newest first unless asked otherwise, filters by
 * {@code q[after]} (inclusive here, since Front does not document it) and {@code q[inboxes]}, and
 * full events embed content (subjects, bodies, blurbs) that Gristmill must drop. A per-minute
 * rate limit answers 429 with {@code retry-after}; every response carries {@code x-ratelimit-*}.
 * Anything but a GET to the API is recorded as a write (there must be none).
 */
public final class SimulatedFront implements AutoCloseable {
    public static final String CLIENT_ID = "front-client-id";
    public static final String CLIENT_SECRET = "front-client-secret";
    public static final String APP_SECRET = "front-app-secret";
    /** Content every full event carries; it must never reach storage or logs. */
    public static final String CONTENT = "CONFIDENTIAL-CUSTOMER-CONTENT";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private volatile String company = "cmp_" + random();
    private final Set<String> apiTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final List<ObjectNode> teammates = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> teamInboxes = new ConcurrentHashMap<>();
    private final Map<String, String> conversationInbox = new ConcurrentHashMap<>();
    private final Map<String, String> merged = new ConcurrentHashMap<>();
    private final List<ObjectNode> events = new CopyOnWriteArrayList<>();
    /** A conversation's messages and comments, text included (read only for approved summaries). */
    private final Map<String, List<ObjectNode>> messages = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> comments = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final AtomicInteger refreshGrants = new AtomicInteger();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private final AtomicInteger callsThisMinute = new AtomicInteger();
    private long windowStartMillis;
    private volatile int rateLimit = 1000;
    private volatile int retryAfterSeconds = 1;
    private volatile int tokenLifetimeSeconds = 3600;
    private volatile int teammatesPageSize = 2;
    /** A misbehaving server: the teammates' next link always points back to the first page. */
    private volatile boolean repeatTeammatePages;
    private volatile boolean emptyPageMidway;
    private volatile int latencyMillis;
    private final AtomicInteger throttleNext = new AtomicInteger();
    private volatile int throttleRetryAfter = 1;

    public SimulatedFront() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/oauth/token", this::token);
        server.createContext("/oauth/authorize", this::authorize);
        server.createContext("/", this::api);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Forgets everything and becomes a new company. */
    public synchronized void reset() {
        company = "cmp_" + random();
        apiTokens.clear();
        accessTokens.clear();
        refreshTokens.clear();
        codes.clear();
        teammates.clear();
        teamInboxes.clear();
        conversationInbox.clear();
        merged.clear();
        events.clear();
        messages.clear();
        comments.clear();
        requests.clear();
        writes.clear();
        refreshGrants.set(0);
        apiCalls.set(0);
        rateLimit(1000, 1);
        tokenLifetimeSeconds = 3600;
        teammatesPageSize = 2;
        repeatTeammatePages = false;
        emptyPageMidway = false;
        latencyMillis = 0;
        throttleNext.set(0);
    }

    public String company() {
        return company;
    }

    /** A new valid company API token. */
    public String issueApiToken() {
        String token = "front-api-token-" + random();
        apiTokens.add(token);
        return token;
    }

    /** What the admin's consent in Front yields: a code for the redirect. */
    public String consent() {
        String code = "code-" + random();
        codes.put(code, company);
        return code;
    }

    public void revokeAll() {
        apiTokens.clear();
        accessTokens.clear();
        refreshTokens.clear();
    }

    public void tokenLifetimeSeconds(int seconds) {
        tokenLifetimeSeconds = seconds;
    }

    public int refreshGrants() {
        return refreshGrants.get();
    }

    public int apiCalls() {
        return apiCalls.get();
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    public List<String> writes() {
        return List.copyOf(writes);
    }

    /** Requests per minute before 429s, and the {@code retry-after} then sent. */
    public void rateLimit(int perMinute, int retryAfter) {
        rateLimit = perMinute;
        retryAfterSeconds = retryAfter;
        synchronized (this) {
            windowStartMillis = System.currentTimeMillis();
            callsThisMinute.set(0);
        }
    }

    /** The next {@code calls} API calls answer 429 with {@code retry-after: seconds}, whatever the limit. */
    public void throttleNext(int calls, int seconds) {
        throttleRetryAfter = seconds;
        throttleNext.set(calls);
    }

    public void emptyPageMidway(boolean on) {
        emptyPageMidway = on;
    }

    public void latencyMillis(int millis) {
        latencyMillis = millis;
    }

    public void teammate(String id, String email, String type, boolean blocked) {
        teammates.removeIf(t -> t.path("id").asText().equals(id));
        ObjectNode t = JSON.createObjectNode();
        t.putObject("_links").put("self", baseUri() + "/teammates/" + id);
        t.put("id", id).put("email", email).put("username", email.substring(0, email.indexOf('@')))
                .put("first_name", email.substring(0, 1).toUpperCase()).put("last_name", "Teammate")
                .put("is_admin", false).put("is_available", true).put("is_blocked", blocked).put("type", type);
        teammates.add(t);
    }

    /**
     * A conversation's messages (oldest first, alternating inbound and outbound, a minute apart from
     * {@code start}) and comments, in the shapes of Front's OpenAPI {@code MessageResponse} (id,
     * type, is_inbound, created_at in seconds, blurb, HTML body, text, author, recipients,
     * attachments, metadata) and {@code CommentResponse} (id, author, body, posted_at, attachments,
     * is_pinned), from github frontapp/front-api-specs core-api/core-api.json.
     */
    public void conversationText(String conversationId, Instant start, List<String> messageTexts, List<String> commentTexts) {
        List<ObjectNode> list = new ArrayList<>();
        for (int i = 0; i < messageTexts.size(); i++) {
            String text = messageTexts.get(i);
            ObjectNode m = JSON.createObjectNode();
            m.putObject("_links").put("self", baseUri() + "/messages/msg_" + conversationId + "_" + i);
            m.put("id", "msg_" + conversationId.substring(4) + i).put("message_uid", "uid" + i).put("type", "email").put("is_inbound", i % 2 == 0)
                    .put("draft_mode", (String) null).put("created_at", start.plusSeconds(60L * i).getEpochSecond())
                    .put("subject", "Re: your request").put("blurb", text.length() > 60 ? text.substring(0, 60) : text)
                    .put("body", "<div><p>" + text.replace("\n", "</p><p>") + "</p></div>").put("text", text);
            m.putNull("author");
            m.putArray("recipients").addObject().put("handle", "customer@example.org").put("role", i % 2 == 0 ? "from" : "to");
            m.putArray("attachments");
            m.putObject("metadata");
            list.add(m);
        }
        messages.put(conversationId, list);
        List<ObjectNode> notes = new ArrayList<>();
        for (int i = 0; i < commentTexts.size(); i++) {
            ObjectNode c = JSON.createObjectNode();
            c.putObject("_links").put("self", baseUri() + "/comments/com_" + conversationId.substring(4) + i);
            c.put("id", "com_" + conversationId.substring(4) + i).putNull("author");
            c.put("body", commentTexts.get(i)).put("posted_at", start.plusSeconds(60L * i + 30).getEpochSecond() + 0.378);
            c.putArray("attachments");
            c.put("is_pinned", false);
            notes.add(c);
        }
        comments.put(conversationId, notes);
    }

    public void team(String teamId, String... inboxes) {
        teamInboxes.put(teamId, List.of(inboxes));
    }

    /** Adds a recorded-shape event as it is, in an inbox (for {@code q[inboxes]}). */
    public void add(ObjectNode recorded, String inboxId) {
        ObjectNode e = recorded.deepCopy();
        String conversation = e.path("conversation").path("id").asText();
        conversationInbox.putIfAbsent(conversation, inboxId);
        e.put("__inbox", inboxId);
        events.add(e);
    }

    /**
     * One event of a phone call, in the shape of {@code front/events/call-lifecycle.json}: every
     * event of a call targets the call's message ({@code type} call); the hangup carries its
     * {@code metadata.duration}; started, queued and abandoned come from the inbox, the rest from
     * the teammate on the line.
     */
    public ObjectNode callEvent(String id, String type, Instant emittedAt, String conversationId, String inboxId, String teammate,
            String callId, Integer durationSeconds) {
        ObjectNode e = event(id, type, emittedAt, conversationId, inboxId, teammate == null ? "tea_nobody" : teammate);
        ObjectNode source = e.putObject("source");
        if (teammate == null || List.of("call_started", "call_queued", "call_abandoned").contains(type)) {
            source.putObject("_meta").put("type", "inboxes");
            source.putArray("data").addObject().put("id", inboxId).put("name", "Phone");
        } else {
            teammateSide(source, teammate);
        }
        if (teammate == null) {
            e.putObject("conversation").put("id", conversationId).put("subject", CONTENT + " subject").put("status", "unassigned");
        }
        ObjectNode target = e.putObject("target");
        target.putObject("_meta").put("type", "message");
        ObjectNode call = target.putObject("data");
        call.put("id", callId).put("type", "call").put("is_inbound", true).put("blurb", CONTENT).put("body", CONTENT).put("text", CONTENT);
        if (teammate != null) {
            call.putObject("author").put("id", teammate);
        }
        ObjectNode metadata = call.putObject("metadata");
        if (durationSeconds != null) {
            metadata.put("duration", durationSeconds).put("have_been_answered", !"call_abandoned".equals(type));
        }
        return e;
    }

    /** A reminder reopening a conversation, as {@code front/events/reminder-reopen.json}: source reminder with null data, no target. */
    public ObjectNode reminder(String id, Instant emittedAt, String conversationId, String inboxId) {
        ObjectNode e = event(id, "reminder", emittedAt, conversationId, inboxId, "tea_nobody");
        e.putObject("source").putObject("_meta").put("type", "reminder");
        ((ObjectNode) e.get("source")).putNull("data");
        e.putNull("target");
        e.remove("conversation");
        e.putObject("conversation").put("id", conversationId).put("subject", CONTENT + " subject").put("status", "unassigned");
        return e;
    }

    /** An automatic acknowledgement sent through the API, as {@code front/events/api-auto-reply.json}: no teammate, no author. */
    public ObjectNode automaticReply(String id, Instant emittedAt, String conversationId, String inboxId, String assignee) {
        ObjectNode e = event(id, "outbound", emittedAt, conversationId, inboxId, assignee);
        e.putObject("source").putObject("_meta").put("type", "api");
        ((ObjectNode) e.get("source")).putNull("data");
        message(e.putObject("target"), "contact"); // a message without an author
        ((ObjectNode) e.get("target").get("data")).put("is_inbound", false);
        return e;
    }

    /** A team deleted in Front: {@code GET /teams/{id}} answers 404 from now on. */
    public void deleteTeam(String teamId) {
        teamInboxes.remove(teamId);
    }

    /** Merges a conversation into another: its resources answer 301 pointing at the surviving one. */
    public void merge(String conversationId, String intoConversationId) {
        merged.put(conversationId, intoConversationId);
    }

    public void conversationIn(String conversationId, String inboxId) {
        conversationInbox.put(conversationId, inboxId);
    }

    /**
     * Adds a full event (content included, as Front sends it) on a conversation in an inbox.
     *
     * @param actor the acting teammate (also the author of outbound messages)
     */
    public ObjectNode event(String id, String type, Instant emittedAt, String conversationId, String inboxId, String actor) {
        conversationInbox.putIfAbsent(conversationId, inboxId);
        ObjectNode e = JSON.createObjectNode();
        e.putObject("_links").put("self", baseUri() + "/events/" + id);
        e.put("id", id).put("type", type).put("emitted_at", java.math.BigDecimal.valueOf(emittedAt.toEpochMilli(), 3));
        ObjectNode conversation = e.putObject("conversation");
        conversation.put("id", conversationId).put("subject", CONTENT + " subject").put("status", "assigned");
        conversation.putObject("assignee").put("id", actor);
        conversation.putObject("last_message").put("body", CONTENT + " body").put("text", CONTENT).put("blurb", CONTENT);
        ObjectNode source = e.putObject("source");
        ObjectNode target = e.putObject("target");
        switch (type) {
            case "inbound" -> {
                source.putObject("_meta").put("type", "inboxes");
                source.putArray("data").addObject().put("id", inboxId).put("name", "Support");
                message(target, "contact");
            }
            case "outbound", "out_reply" -> {
                teammateSide(source, actor);
                message(target, actor);
            }
            case "comment" -> {
                teammateSide(source, actor);
                target.putObject("_meta").put("type", "comment");
                target.putObject("data").put("id", "com_" + random()).put("body", CONTENT + " comment").putArray("attachments");
            }
            case "tag", "untag" -> {
                teammateSide(source, actor);
                target.putObject("_meta").put("type", "tag");
                target.putObject("data").put("id", "tag_vip").put("name", "VIP");
            }
            default -> {
                teammateSide(source, actor);
                teammateSide(target, actor);
            }
        }
        e.put("__inbox", inboxId);
        events.add(e);
        return e;
    }

    private static void teammateSide(ObjectNode side, String teammate) {
        side.putObject("_meta").put("type", "teammate");
        side.putObject("data").put("id", teammate).put("email", teammate + "@acme.test");
    }

    private static void message(ObjectNode target, String author) {
        target.putObject("_meta").put("type", "message");
        ObjectNode data = target.putObject("data");
        data.put("id", "msg_" + random()).put("subject", CONTENT + " subject").put("blurb", CONTENT).put("body", "<p>" + CONTENT + "</p>")
                .put("text", CONTENT).put("signature", CONTENT + " signature");
        data.putArray("attachments").addObject().put("filename", CONTENT + ".pdf");
        if (!"contact".equals(author)) {
            data.putObject("author").put("id", author);
        }
    }

    /** The event as a rule webhook or app webhook would carry it (without the simulator's own fields). */
    public String eventJson(String id) {
        return events.stream().filter(e -> e.path("id").asText().equals(id)).findFirst()
                .map(e -> {
                    ObjectNode copy = e.deepCopy();
                    copy.remove("__inbox");
                    return copy.toString();
                }).orElseThrow();
    }

    /**
     * The event as Front's application webhook delivers it: in an envelope naming the company,
     * with the app event name as its type.
     */
    public String appWebhookBody(String eventId) {
        ObjectNode envelope = JSON.createObjectNode();
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(eventJson(eventId));
            envelope.put("type", APP_EVENT_NAMES.getOrDefault(event.path("type").asText(), event.path("type").asText()));
            envelope.putObject("authorization").put("id", company);
            envelope.set("payload", event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return envelope.toString();
    }

    /**
     * Delivers an event to an application webhook URL the way Front does: POST with
     * {@code X-Front-Request-Timestamp} and {@code X-Front-Signature} = base64 HMAC-SHA256 of
     * {@code "<timestamp>:<body>"} under the app secret.
     *
     * @return the HTTP status the receiver answered
     */
    public int deliverAppWebhook(URI url, String eventId) {
        String body = appWebhookBody(eventId);
        String timestamp = Long.toString(System.currentTimeMillis());
        try {
            String signature = FrontWebhookSigner.appSignature(APP_SECRET, timestamp, body);
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(url)
                    .timeout(java.time.Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-Front-Request-Timestamp", timestamp)
                    .header("X-Front-Signature", signature)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
            try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
                return client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not deliver " + eventId + " to " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final Map<String, String> APP_EVENT_NAMES = Map.of("inbound", "inbound_received", "outbound", "outbound_sent",
            "out_reply", "outbound_sent", "archive", "conversation_archived", "reopen", "conversation_reopened",
            "comment", "new_comment_added", "assign", "assignee_changed", "tag", "tag_added", "untag", "tag_removed");

    /**
     * Front's consent screen, already agreed to by the signed-in admin: redirects to the app's
     * redirect URI with a code and the state, as {@code app.frontapp.com/oauth/authorize} does.
     */
    private void authorize(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        String redirect = query.get("redirect_uri");
        if (!CLIENT_ID.equals(query.get("client_id")) || redirect == null || !"code".equals(query.get("response_type"))) {
            send(exchange, 400, Map.of(), error(400, "client_id, redirect_uri and response_type=code are required"));
            return;
        }
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + encode(consent())
                + (query.containsKey("state") ? "&state=" + encode(query.get("state")) : "");
        send(exchange, 302, Map.of("Location", location), "");
    }

    private void token(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, Map.of(), JSON.createObjectNode().put("error", "invalid_client").toString());
            return;
        }
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String grant = form.getOrDefault("grant_type", "");
        if ("authorization_code".equals(grant)) {
            String owner = codes.remove(form.getOrDefault("code", ""));
            if (owner == null) {
                send(exchange, 400, Map.of(), JSON.createObjectNode().put("error", "invalid_grant").toString());
                return;
            }
        } else if ("refresh_token".equals(grant)) {
            if (!refreshTokens.remove(form.getOrDefault("refresh_token", ""))) {
                send(exchange, 400, Map.of(), JSON.createObjectNode().put("error", "invalid_grant").toString());
                return;
            }
            refreshGrants.incrementAndGet();
        } else {
            send(exchange, 400, Map.of(), JSON.createObjectNode().put("error", "unsupported_grant_type").toString());
            return;
        }
        String access = "front-access-" + random();
        String refresh = "front-refresh-" + random(); // Front may return a new refresh token: this one always does
        Instant expires = Instant.now().plusSeconds(tokenLifetimeSeconds);
        accessTokens.put(access, expires);
        refreshTokens.add(refresh);
        send(exchange, 200, Map.of(), JSON.createObjectNode().put("access_token", access).put("refresh_token", refresh)
                .put("expires_at", expires.getEpochSecond()).put("token_type", "Bearer").toString());
    }

    private void api(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        if (latencyMillis > 0) {
            sleep(latencyMillis);
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            writes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            send(exchange, 405, Map.of(), error(405, "Method not allowed"));
            return;
        }
        String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        String token = auth.startsWith("Bearer ") ? auth.substring(7) : "";
        Instant expires = accessTokens.get(token);
        if (!apiTokens.contains(token) && (expires == null || expires.isBefore(Instant.now()))) {
            send(exchange, 401, Map.of(), error(401, "Invalid token"));
            return;
        }
        apiCalls.incrementAndGet();
        // A window of one minute from the last reset (not wall-clock minutes), so that a test's calls
        // never straddle a window boundary by chance.
        long nowMillis = System.currentTimeMillis();
        long windowEnd;
        synchronized (this) {
            if (nowMillis - windowStartMillis >= 60_000) {
                windowStartMillis = nowMillis;
                callsThisMinute.set(0);
            }
            windowEnd = windowStartMillis + 60_000;
        }
        int used = callsThisMinute.incrementAndGet();
        Map<String, String> limits = Map.of("x-ratelimit-limit", Integer.toString(rateLimit),
                "x-ratelimit-remaining", Integer.toString(Math.max(0, rateLimit - used)),
                "x-ratelimit-reset", Long.toString(windowEnd / 1000));
        boolean throttled = throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        if (used > rateLimit || throttled) {
            Map<String, String> headers = new LinkedHashMap<>(limits);
            headers.put("retry-after", Integer.toString(throttled ? throttleRetryAfter : retryAfterSeconds));
            send(exchange, 429, headers, error(429, "Rate limit exceeded"));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        if ("/me".equals(path)) {
            send(exchange, 200, limits, JSON.createObjectNode().put("id", company).put("name", "Acme").toString());
        } else if ("/teammates".equals(path)) {
            List<ObjectNode> all = new ArrayList<>(teammates);
            all.sort(Comparator.comparing(t -> t.path("id").asText()));
            String page = page(all, teammatesPageSize, query, "/teammates", Map.of());
            if (repeatTeammatePages) {
                ObjectNode looping = (ObjectNode) JSON.readTree(page);
                ((ObjectNode) looping.get("_pagination")).put("next", baseUri() + "/teammates?page_token="
                        + Base64.getUrlEncoder().withoutPadding().encodeToString("0".getBytes(StandardCharsets.UTF_8)));
                page = looping.toString();
            }
            send(exchange, 200, limits, page);
        } else if ("/inboxes".equals(path) || "/teams".equals(path)) {
            // The account's inboxes (every inbox a conversation or team is in) and teams, as id/name objects.
            java.util.TreeSet<String> ids = new java.util.TreeSet<>();
            if ("/teams".equals(path)) {
                ids.addAll(teamInboxes.keySet());
            } else {
                ids.addAll(conversationInbox.values());
                teamInboxes.values().forEach(ids::addAll);
            }
            List<ObjectNode> all = ids.stream().map(id -> JSON.createObjectNode().put("id", id).put("name", id.substring(4))).toList();
            send(exchange, 200, limits, page(all, 50, query, path, Map.of()));
        } else if (path.startsWith("/conversations/") && path.endsWith("/inboxes")
                && merged.containsKey(path.substring("/conversations/".length(), path.length() - "/inboxes".length()))) {
            String into = merged.get(path.substring("/conversations/".length(), path.length() - "/inboxes".length()));
            Map<String, String> headers = new LinkedHashMap<>(limits);
            headers.put("location", baseUri() + "/conversations/" + into + "/inboxes");
            send(exchange, 301, headers, "");
        } else if (path.startsWith("/teams/")) {
            List<String> inboxes = teamInboxes.get(path.substring("/teams/".length()));
            if (inboxes == null) {
                send(exchange, 404, limits, error(404, "Team not found"));
                return;
            }
            ObjectNode team = JSON.createObjectNode().put("id", path.substring(7)).put("name", "Team");
            ArrayNode list = team.putArray("inboxes");
            inboxes.forEach(i -> list.addObject().put("id", i));
            send(exchange, 200, limits, team.toString());
        } else if (path.startsWith("/conversations/") && path.endsWith("/inboxes")) {
            String conversation = path.substring("/conversations/".length(), path.length() - "/inboxes".length());
            String inbox = conversationInbox.get(conversation);
            if (inbox == null) {
                send(exchange, 404, limits, error(404, "Conversation not found"));
                return;
            }
            ObjectNode body = JSON.createObjectNode();
            body.putArray("_results").addObject().put("id", inbox).put("name", "Inbox");
            send(exchange, 200, limits, body.toString());
        } else if (path.startsWith("/conversations/") && (path.endsWith("/messages") || path.endsWith("/comments"))) {
            String conversation = path.substring("/conversations/".length(), path.lastIndexOf('/'));
            List<ObjectNode> found = (path.endsWith("/messages") ? messages : comments).get(conversation);
            if (found == null) {
                send(exchange, 404, limits, error(404, "Conversation not found"));
            } else if (path.endsWith("/messages") && Integer.parseInt(first(query, "limit", "25")) > 100) {
                send(exchange, 400, limits, error(400, "limit must be at most 100"));
            } else {
                int size = path.endsWith("/messages") ? Integer.parseInt(first(query, "limit", "25")) : Math.max(1, found.size());
                Map<String, List<String>> keep = new LinkedHashMap<>(query);
                keep.remove("page_token");
                send(exchange, 200, limits, page(new ArrayList<>(found), size, query, path, keep));
            }
        } else if ("/events".equals(path)) {
            events(exchange, query, limits);
        } else {
            send(exchange, 404, limits, error(404, "Not found"));
        }
    }

    private void events(HttpExchange exchange, Map<String, List<String>> query, Map<String, String> limits) throws IOException {
        int limit = Integer.parseInt(first(query, "limit", "15"));
        if (limit > 15) {
            send(exchange, 400, limits, error(400, "limit must be at most 15 for /events"));
            return;
        }
        double after = Double.parseDouble(first(query, "q[after]", "0"));
        List<String> inboxes = query.getOrDefault("q[inboxes]", List.of());
        List<String> types = query.getOrDefault("q[types]", List.of());
        boolean ascending = "asc".equals(first(query, "sort_order", "desc"));
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode e : events) {
            if (e.path("emitted_at").asDouble() >= after && (inboxes.isEmpty() || inboxes.contains(e.path("__inbox").asText()))
                    && (types.isEmpty() || types.contains(e.path("type").asText()))) {
                ObjectNode copy = e.deepCopy();
                copy.remove("__inbox");
                matching.add(copy);
            }
        }
        Comparator<ObjectNode> byTime = Comparator.comparingDouble(e -> e.path("emitted_at").asDouble());
        matching.sort(ascending ? byTime : byTime.reversed());
        Map<String, List<String>> keep = new LinkedHashMap<>(query);
        keep.remove("page_token");
        send(exchange, 200, limits, page(matching, limit, query, "/events", keep));
    }

    public SimulatedFront repeatTeammatePages(boolean repeat) {
        this.repeatTeammatePages = repeat;
        return this;
    }

    /** One page; the next link repeats the query and adds {@code page_token} (an offset, opaque to callers). */
    private String page(List<ObjectNode> all, int size, Map<String, List<String>> query, String path, Map<String, List<String>> keep) {
        String tokenValue = first(query, "page_token", null);
        int offset = tokenValue == null ? 0 : Integer.parseInt(new String(Base64.getUrlDecoder().decode(tokenValue), StandardCharsets.UTF_8));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode results = body.putArray("_results");
        int end = Math.min(all.size(), offset + size);
        boolean emptyHere = emptyPageMidway && offset > 0 && offset == size; // the second page comes back empty, with a next link
        if (!emptyHere) {
            all.subList(Math.min(offset, all.size()), end).forEach(results::add);
        }
        int nextOffset = emptyHere ? offset : end;
        if (emptyHere) {
            emptyPageMidway = false;
        }
        ObjectNode pagination = body.putObject("_pagination");
        if (emptyHere || end < all.size()) {
            StringBuilder next = new StringBuilder(baseUri() + path + "?");
            keep.forEach((name, values) -> values.forEach(v -> next.append(encode(name)).append('=').append(encode(v)).append('&')));
            next.append("page_token=").append(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(nextOffset).getBytes(StandardCharsets.UTF_8)));
            pagination.put("next", next.toString());
        } else {
            pagination.putNull("next");
        }
        return body.toString();
    }

    private static String first(Map<String, List<String>> query, String name, String fallback) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        query(form).forEach((name, list) -> values.put(name, list.get(0)));
        return values;
    }

    private static String error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("_error").put("status", status).put("title", message).put("message", message);
        return body.toString();
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
