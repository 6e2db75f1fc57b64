package io.gristmill.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Salesforce org's OAuth server and a sliver of its REST API, over real HTTP on a free port,
 * answering like Salesforce does (see shared/reference/salesforce-api.md): the web-server flow
 * with PKCE, refresh with optional rotation, revoke, {@code invalid_grant} /
 * {@code INVALID_SESSION_ID} error bodies, and a signed {@code id}/{@code issued_at}.
 */
public final class SimulatedSalesforce implements AutoCloseable {
    public static final String CLIENT_ID = "3MVG9simulated.client.id";
    public static final String CLIENT_SECRET = "simulated-client-secret-0123456789";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private volatile String orgId;
    private volatile String userId;
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final Set<String> liveRefreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> liveAccessTokens = ConcurrentHashMap.newKeySet();
    private final List<String> issuedSecrets = new CopyOnWriteArrayList<>();
    private final List<String> revoked = new CopyOnWriteArrayList<>();
    private final List<String> verifiersSeen = new CopyOnWriteArrayList<>();
    private final Map<String, String[]> refreshTokenOrgs = new ConcurrentHashMap<>();
    private final AtomicInteger refreshGrants = new AtomicInteger();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private final AtomicInteger describeCalls = new AtomicInteger();
    private final List<String> requestLog = new CopyOnWriteArrayList<>();
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Map<String, Object>>> records = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> fields = new ConcurrentHashMap<>(SalesforceSchema.standardFields());
    private final Map<String, List<Map<String, Object>>> cursors = new ConcurrentHashMap<>();
    private volatile int pageSize = 200;
    private volatile long apiMax = 15000;
    private volatile long usedBefore = 0;
    private volatile long appUsedBefore = 0;
    private volatile long appMax = 0;
    private final Map<String, List<String>> picklists = new ConcurrentHashMap<>();
    private volatile double failRate = 0;
    private volatile int latencyMillis = 0;
    private final Map<String, Integer> orgLatencyMillis = new ConcurrentHashMap<>();
    private volatile double faultRate = 0;
    private volatile int timeoutFaultMillis = 3500;
    private final AtomicInteger faultsInjected = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong faultCandidates = new java.util.concurrent.atomic.AtomicLong();
    private volatile java.time.Duration queryTimeoutWiderThan;
    private volatile java.time.Duration slowWiderThan;
    private volatile String slowType;
    private volatile int slowMillis;
    private volatile boolean rotateRefreshTokens;
    private volatile boolean denyConsent;
    private volatile int refreshDelayMillis;
    private final AtomicInteger failNextTokenRequests = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();

    private record PendingCode(String clientId, String redirectUri, String challenge, String orgId, String userId) {
    }

    public SimulatedSalesforce() {
        this("00D" + random(12) + "AAA", "005" + random(12) + "AAA");
    }

    public SimulatedSalesforce(String orgId, String userId) {
        this.orgId = orgId;
        this.userId = userId;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/services/oauth2/authorize", this::authorize);
        server.createContext("/services/oauth2/token", this::token);
        server.createContext("/services/oauth2/revoke", this::revoke);
        server.createContext("/services/data/", this::data);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String orgId() {
        return orgId;
    }

    public String userId() {
        return userId;
    }

    /** The org and user that the next consent screens sign in as. */
    public SimulatedSalesforce signInAs(String orgId, String userId) {
        this.orgId = orgId;
        this.userId = userId;
        return this;
    }

    /** A fresh org id and admin user for the next sign-ins; returns the org id. */
    public String newOrg() {
        signInAs("00D" + random(12) + "AAA", "005" + random(12) + "AAA");
        return orgId;
    }

    /** Back to the defaults between tests. */
    public void reset() {
        rotateRefreshTokens = false;
        denyConsent = false;
        failNextTokenRequests.set(0);
        pageSize = 200;
        apiMax = 15000;
        usedBefore = 0;
        appUsedBefore = 0;
        appMax = 0;
        failRate = 0;
        latencyMillis = 0;
        orgLatencyMillis.clear();
        faultRate = 0;
        queryTimeoutWiderThan = null;
        slowWiderThan = null;
        slowType = null;
        slowMillis = 0;
        requestLog.clear();
        writes.clear();
        apiCalls.set(0);
        clearRecords();
        refreshDelayMillis = 0;
        newOrg();
    }

    /** Every refresh returns a new refresh token and invalidates the one used. */
    public SimulatedSalesforce rotateRefreshTokens(boolean rotate) {
        this.rotateRefreshTokens = rotate;
        return this;
    }

    /** The user clicks "Deny" on the consent screen. */
    public SimulatedSalesforce denyConsent(boolean deny) {
        this.denyConsent = deny;
        return this;
    }

    /** Makes refreshes slow, so that concurrent callers overlap. */
    public SimulatedSalesforce refreshDelay(int millis) {
        this.refreshDelayMillis = millis;
        return this;
    }

    /** The next {@code n} token requests get Salesforce's 503 maintenance answer. */
    public SimulatedSalesforce failNextTokenRequests(int n) {
        failNextTokenRequests.set(n);
        return this;
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Stores (or replaces) a record; {@code Id} is required. */
    public void put(String type, Map<String, Object> record) {
        records.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).put(String.valueOf(record.get("Id")), new LinkedHashMap<>(record));
    }

    /** A copy of a stored record (to edit and put back), or an empty map. */
    public Map<String, Object> record(String type, String id) {
        return new LinkedHashMap<>(records.getOrDefault(type, Map.of()).getOrDefault(id, Map.of()));
    }

    /** Removes a record without a trace (as GroupMember rows disappear). */
    public void remove(String type, String id) {
        records.getOrDefault(type, Map.of()).remove(id);
    }

    /** The org's one row of {@code Organization}, with its default currency. */
    public void organization(String defaultCurrency) {
        records.put("Organization", new ConcurrentHashMap<>(Map.of(String.valueOf(orgId),
                new LinkedHashMap<>(Map.of("Id", String.valueOf(orgId), "DefaultCurrencyIsoCode", defaultCurrency)))));
    }

    /** The org made this field a picklist with these values (describe lists them). */
    public void picklist(String type, String field, String... values) {
        picklists.put(type + "." + field, List.of(values));
    }

    /** Restores a deleted record from the recycle bin: visible again, its child rows as they were. */
    public void undelete(String type, String id, String stamp) {
        Map<String, Object> row = records.get(type).get(id);
        row.put("IsDeleted", false);
        row.put("SystemModstamp", stamp);
        row.put("LastModifiedDate", stamp);
    }

    /** This connected app's own daily quota, reported as {@code per-app-api-usage} (0 max: not reported). */
    public SimulatedSalesforce appUsage(long usedBefore, long max) {
        this.appUsedBefore = usedBefore;
        this.appMax = max;
        return this;
    }

    /** Marks a record deleted (it stays visible to queryAll, with IsDeleted = true). */
    public void delete(String type, String id, String stamp) {
        Map<String, Object> row = records.get(type).get(id);
        row.put("IsDeleted", true);
        row.put("SystemModstamp", stamp);
    }

    public void clearRecords() {
        records.clear();
        fields.clear();
        picklists.clear();
        fields.putAll(SalesforceSchema.standardFields());
        organization("USD");
    }

    /** The org lacks this field (e.g. multicurrency off). */
    public void removeField(String type, String field) {
        Set<String> copy = new java.util.HashSet<>(fields.get(type));
        copy.remove(field);
        fields.put(type, copy);
    }

    /** The org lacks this object (e.g. field history not enabled). */
    public void removeObject(String type) {
        fields.remove(type);
    }

    public SimulatedSalesforce pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** The org's daily quota and what other tools have used of it already. */
    public SimulatedSalesforce apiUsage(long usedBefore, long max) {
        this.usedBefore = usedBefore;
        this.apiMax = max;
        return this;
    }

    /** A share of REST calls answered with 503. */
    public SimulatedSalesforce failRate(double rate) {
        this.failRate = rate;
        return this;
    }

    /**
     * Exactly this share of REST calls fail, spread evenly (so that a test's fault count cannot
     * fall short by chance), each with one of Salesforce's real failures picked at random: 503,
     * connection reset, a response slower than the client's read timeout, INVALID_SESSION_ID,
     * REQUEST_LIMIT_EXCEEDED, INVALID_FIELD, QUERY_TIMEOUT.
     */
    public SimulatedSalesforce faults(double rate) {
        this.faultRate = rate;
        faultCandidates.set(0);
        return this;
    }

    private boolean nextCallFaults() {
        double rate = faultRate;
        if (rate <= 0) {
            return false;
        }
        long n = faultCandidates.incrementAndGet();
        return Math.floor(n * rate) > Math.floor((n - 1) * rate);
    }

    public int faultsInjected() {
        return faultsInjected.get();
    }

    /** Every REST call takes this long. */
    /** Every API call of one org takes this long (a slow org among many); others keep {@link #latency(int)}. */
    public SimulatedSalesforce latency(String orgId, int millis) {
        orgLatencyMillis.put(orgId, millis);
        return this;
    }

    public SimulatedSalesforce latency(int millis) {
        this.latencyMillis = millis;
        return this;
    }

    /**
     * Queries over a wider time window than {@code width} take {@code millis} before they answer,
     * as a large org's do: Salesforce works on a query up to its own limit (about 120 s) before it
     * gives up with QUERY_TIMEOUT, longer than a client's read timeout (null: never).
     */
    public SimulatedSalesforce slowQueriesWiderThan(String type, java.time.Duration width, int millis) {
        this.slowType = type;
        this.slowWiderThan = width;
        this.slowMillis = millis;
        return this;
    }

    /** Queries over a wider time window than this fail with QUERY_TIMEOUT (null: never). */
    public SimulatedSalesforce queryTimeoutWiderThan(java.time.Duration width) {
        this.queryTimeoutWiderThan = width;
        return this;
    }

    public int describeCalls() {
        return describeCalls.get();
    }

    /** Every REST request received ("METHOD path", composite subrequests indented). */
    public List<String> requestLog() {
        return List.copyOf(requestLog);
    }

    /** Requests that were not reads: must stay empty. */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    /** Sessions time out: every access token issued so far stops working. */
    public void expireAccessTokens() {
        liveAccessTokens.clear();
    }

    /** An admin revokes the app in Salesforce Setup: every token stops working. */
    public void revokeEverything() {
        liveAccessTokens.clear();
        liveRefreshTokens.clear();
    }

    public int refreshGrants() {
        return refreshGrants.get();
    }

    public int apiCalls() {
        return apiCalls.get();
    }

    public List<String> revokedTokens() {
        return List.copyOf(revoked);
    }

    public List<String> verifiersSeen() {
        return List.copyOf(verifiersSeen);
    }

    /** Every code, access token and refresh token this org ever issued (to prove none is logged). */
    public List<String> issuedSecrets() {
        return List.copyOf(issuedSecrets);
    }

    public boolean isLiveRefreshToken(String token) {
        return liveRefreshTokens.contains(token);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = parse(exchange.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id"))) {
            send(exchange, 400, "text/html", "<html><body>error=invalid_client_id</body></html>");
            return;
        }
        String redirect = q.get("redirect_uri");
        if (redirect == null || !"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
                || q.get("code_challenge") == null || !"api refresh_token".equals(q.get("scope"))) {
            send(exchange, 400, "text/html", "<html><body>error=invalid_request</body></html>");
            return;
        }
        String state = q.get("state");
        String location;
        if (denyConsent) {
            location = redirect + "?error=access_denied&error_description=" + enc("end-user denied authorization")
                    + "&state=" + enc(state);
        } else {
            String code = "aPrx" + random(40);
            issuedSecrets.add(code);
            codes.put(code, new PendingCode(q.get("client_id"), redirect, q.get("code_challenge"), orgId, userId));
            location = redirect + "?code=" + enc(code) + "&state=" + enc(state);
        }
        exchange.getResponseHeaders().add("Location", location);
        send(exchange, 302, "text/html", "");
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "application/json", "{}");
            return;
        }
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        tokenRequests.incrementAndGet();
        if (failNextTokenRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            send(exchange, 503, "text/html", "<html><body>Service Unavailable: down for maintenance</body></html>");
            return;
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            oauthError(exchange, "invalid_client", "invalid client credentials");
            return;
        }
        switch (String.valueOf(form.get("grant_type"))) {
            case "authorization_code" -> {
                PendingCode pending = codes.remove(String.valueOf(form.get("code")));
                if (pending == null) {
                    oauthError(exchange, "invalid_grant", "authentication failure");
                    return;
                }
                String verifier = form.get("code_verifier");
                verifiersSeen.add(String.valueOf(verifier));
                if (verifier == null || !pending.challenge().equals(s256(verifier))) {
                    oauthError(exchange, "invalid_grant", "invalid code verifier");
                    return;
                }
                if (!pending.redirectUri().equals(form.get("redirect_uri"))) {
                    oauthError(exchange, "redirect_uri_mismatch", "redirect_uri must match configuration");
                    return;
                }
                String refresh = "5Aep" + random(60);
                liveRefreshTokens.add(refresh);
                issuedSecrets.add(refresh);
                refreshTokenOrgs.put(refresh, new String[] { pending.orgId(), pending.userId() });
                sendTokens(exchange, refresh, pending.orgId(), pending.userId());
            }
            case "refresh_token" -> {
                refreshGrants.incrementAndGet();
                sleep(refreshDelayMillis);
                String used = String.valueOf(form.get("refresh_token"));
                boolean valid = rotateRefreshTokens ? liveRefreshTokens.remove(used) : liveRefreshTokens.contains(used);
                if (!valid) {
                    oauthError(exchange, "invalid_grant", "expired access/refresh token");
                    return;
                }
                String[] identity = refreshTokenOrgs.getOrDefault(used, new String[] { orgId, userId });
                String rotated = null;
                if (rotateRefreshTokens) {
                    rotated = "5Aep" + random(60);
                    liveRefreshTokens.add(rotated);
                    issuedSecrets.add(rotated);
                    refreshTokenOrgs.put(rotated, identity);
                }
                sendTokens(exchange, rotated, identity[0], identity[1]);
            }
            default -> oauthError(exchange, "unsupported_grant_type", "grant type not supported");
        }
    }

    private void sendTokens(HttpExchange exchange, String refreshToken, String orgId, String userId) throws IOException {
        String access = orgId + "!AQ" + random(80);
        liveAccessTokens.add(access);
        issuedSecrets.add(access);
        String id = baseUri() + "/id/" + orgId + "/" + userId;
        String issuedAt = Long.toString(System.currentTimeMillis());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        body.put("signature", sign(id + issuedAt));
        body.put("scope", "refresh_token api");
        body.put("instance_url", baseUri().toString());
        body.put("id", id);
        body.put("token_type", "Bearer");
        body.put("issued_at", issuedAt);
        send(exchange, 200, "application/json", JSON.writeValueAsString(body));
    }

    private void revoke(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String token = form.get("token");
        if (token == null || !(liveRefreshTokens.remove(token) | liveAccessTokens.remove(token))) {
            send(exchange, 400, "application/json", "{\"error\":\"unsupported_token_type\",\"error_description\":\"this token type is not supported\"}");
            return;
        }
        revoked.add(token);
        if (token.startsWith("5Aep")) {
            // Revoking a refresh token ends the sessions it created.
            liveAccessTokens.clear();
        }
        send(exchange, 200, "application/json", "");
    }

    /** The org's REST API: a bearer token that lives, else Salesforce's 401; then the resource. */
    private void data(HttpExchange exchange) throws IOException {
        apiCalls.incrementAndGet();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        requestLog.add(method + " " + path + (rawQuery == null ? "" : "?" + rawQuery));
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        if (token == null || !liveAccessTokens.contains(token)) {
            send(exchange, 401, "application/json",
                    "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
            return;
        }
        // The header as Salesforce sends it; the per-app part only for apps with their own quota.
        exchange.getResponseHeaders().add("Sforce-Limit-Info", "api-usage=" + (usedBefore + apiCalls.get()) + "/" + apiMax
                + (appMax > 0 ? "; per-app-api-usage=" + (appUsedBefore + apiCalls.get()) + "/" + appMax + "(appName=Gristmill)" : ""));
        // Access tokens start with the org id ("00D...!AQ..."), as Salesforce's do.
        sleep(orgLatencyMillis.getOrDefault(token.substring(0, Math.max(0, token.indexOf('!'))), latencyMillis));
        if (failRate > 0 && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < failRate) {
            send(exchange, 503, "text/html", "<html><body>Service Unavailable</body></html>");
            return;
        }
        if (nextCallFaults()) {
            faultsInjected.incrementAndGet();
            boolean isQuery = path.contains("/queryAll") || path.contains("/composite");
            switch (java.util.concurrent.ThreadLocalRandom.current().nextInt(7)) {
                case 0 -> send(exchange, 503, "text/html", "<html><body>Service Unavailable</body></html>");
                case 1 -> exchange.close(); // connection reset: no status line at all
                case 2 -> {
                    sleep(timeoutFaultMillis);
                    send(exchange, 503, "text/html", "<html><body>too late</body></html>");
                }
                case 3 -> {
                    expireAccessTokens();
                    send(exchange, 401, "application/json",
                            "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
                }
                case 4 -> send(exchange, 403, "application/json",
                        "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
                case 5 -> send(exchange, isQuery ? 400 : 503, "application/json",
                        "[{\"message\":\"No such column 'Foo' on entity 'Task'.\",\"errorCode\":\"INVALID_FIELD\"}]");
                default -> send(exchange, isQuery ? 400 : 503, "application/json",
                        "[{\"message\":\"Your query request was running for too long.\",\"errorCode\":\"QUERY_TIMEOUT\"}]");
            }
            return;
        }
        if (path.matches("/services/data/v\\d+\\.\\d+/limits/?")) {
            send(exchange, 200, "application/json", "{\"DailyApiRequests\":{\"Max\":" + apiMax + ",\"Remaining\":14000}}");
            return;
        }
        Answer answer;
        if ("GET".equals(method) && path.matches("/services/data/v\\d+\\.\\d+/queryAll/?")) {
            answer = query(parse(exchange.getRequestURI().getRawQuery()).get("q"));
        } else if ("GET".equals(method) && path.matches("/services/data/v\\d+\\.\\d+/query/[^/]+")) {
            answer = nextPage(path.substring(path.lastIndexOf('/') + 1));
        } else if ("GET".equals(method) && path.matches("/services/data/v\\d+\\.\\d+/sobjects/\\w+/describe/?")) {
            answer = describe(path.split("/")[5]);
        } else if ("POST".equals(method) && path.matches("/services/data/v\\d+\\.\\d+/composite/?")) {
            answer = composite(exchange.getRequestBody().readAllBytes());
        } else {
            writes.add(method + " " + path);
            answer = new Answer(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
        }
        send(exchange, answer.status(), "application/json", answer.body());
    }

    private record Answer(int status, String body) {
    }

    private static final java.util.regex.Pattern SOQL = java.util.regex.Pattern.compile(
            "SELECT (.+) FROM (\\w+) WHERE (\\w+) >= (\\S+) AND \\3 < (\\S+) ORDER BY \\3 ASC, Id ASC");

    /** Every row of a child object about one parent ({@code WHERE OpportunityId = '006...'}), as after an undelete. */
    private static final java.util.regex.Pattern SOQL_OF_PARENT = java.util.regex.Pattern.compile(
            "SELECT (.+) FROM (\\w+) WHERE (\\w+) = '(\\w+)' ORDER BY (\\w+) ASC, Id ASC");

    /** A query of a whole small object, like {@code SELECT Id, DefaultCurrencyIsoCode FROM Organization}. */
    private static final java.util.regex.Pattern SOQL_ALL = java.util.regex.Pattern.compile("SELECT (.+) FROM (\\w+)");

    private Answer query(String soql) throws IOException {
        java.util.regex.Matcher byParent = SOQL_OF_PARENT.matcher(String.valueOf(soql));
        if (byParent.matches()) {
            return queryOfParent(byParent);
        }
        java.util.regex.Matcher whole = SOQL_ALL.matcher(String.valueOf(soql));
        if (whole.matches()) {
            List<String> selected = java.util.Arrays.stream(whole.group(1).split(",")).map(String::trim).toList();
            Set<String> known = fields.get(whole.group(2));
            if (known == null || !known.containsAll(selected)) {
                return new Answer(400, "[{\"errorCode\":\"INVALID_FIELD\",\"message\":\"No such column on entity '" + whole.group(2) + "'.\"}]");
            }
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            for (Map<String, Object> row : records.getOrDefault(whole.group(2), Map.of()).values()) {
                Map<String, Object> projected = new LinkedHashMap<>();
                projected.put("attributes", Map.of("type", whole.group(2), "url", "/services/data/v66.0/sobjects/" + whole.group(2) + "/" + row.get("Id")));
                selected.forEach(field -> projected.put(field, row.get(field)));
                rows.add(projected);
            }
            return new Answer(200, JSON.writeValueAsString(page(rows)));
        }
        java.util.regex.Matcher m = SOQL.matcher(String.valueOf(soql));
        if (!m.matches()) {
            return new Answer(400, "[{\"errorCode\":\"MALFORMED_QUERY\",\"message\":\"unexpected token\"}]");
        }
        String type = m.group(2);
        Set<String> known = fields.get(type);
        if (known == null) {
            return new Answer(400, "[{\"errorCode\":\"INVALID_TYPE\",\"message\":\"sObject type '" + type + "' is not supported.\"}]");
        }
        List<String> selected = java.util.Arrays.stream(m.group(1).split(",")).map(String::trim).toList();
        for (String field : selected) {
            if (!known.contains(field)) {
                // Salesforce's own form: the query quoted with a caret, a position, then the reason.
                String message = "\n" + soql.substring(0, Math.min(soql.length(), 60)) + "\n       ^\nERROR at Row:1:Column:"
                        + (soql.indexOf(field) + 1) + "\nNo such column '" + field + "' on entity '" + type
                        + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name."
                        + " Please reference your WSDL or the describe call for the appropriate names.";
                return new Answer(400, JSON.writeValueAsString(List.of(Map.of("errorCode", "INVALID_FIELD", "message", message))));
            }
        }
        String stampField = m.group(3);
        java.time.Duration width = java.time.Duration.between(io.gristmill.salesforce.objects.SalesforceTime.parse(m.group(4)),
                io.gristmill.salesforce.objects.SalesforceTime.parse(m.group(5)));
        if (slowWiderThan != null && type.equals(slowType) && width.compareTo(slowWiderThan) > 0) {
            sleep(slowMillis);
        }
        if (queryTimeoutWiderThan != null && width.compareTo(queryTimeoutWiderThan) > 0) {
            return new Answer(400, "[{\"errorCode\":\"QUERY_TIMEOUT\",\"message\":\"Your query request was running for too long.\"}]");
        }
        java.time.Instant from = io.gristmill.salesforce.objects.SalesforceTime.parse(m.group(4));
        java.time.Instant to = io.gristmill.salesforce.objects.SalesforceTime.parse(m.group(5));
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (Map<String, Object> row : records.getOrDefault(type, Map.of()).values()) {
            java.time.Instant stamp = io.gristmill.salesforce.objects.SalesforceTime.parse(row.get(stampField));
            if (!stamp.isBefore(from) && stamp.isBefore(to)) {
                Map<String, Object> projected = new LinkedHashMap<>();
                projected.put("attributes", Map.of("type", type, "url", "/services/data/v66.0/sobjects/" + type + "/" + row.get("Id")));
                for (String field : selected) {
                    projected.put(field, row.get(field));
                }
                rows.add(projected);
            }
        }
        rows.sort(java.util.Comparator.comparing((Map<String, Object> r) -> io.gristmill.salesforce.objects.SalesforceTime.parse(r.get(stampField)))
                .thenComparing(r -> String.valueOf(r.get("Id"))));
        return new Answer(200, JSON.writeValueAsString(page(rows)));
    }

    private Answer queryOfParent(java.util.regex.Matcher m) throws IOException {
        String type = m.group(2);
        Set<String> known = fields.get(type);
        if (known == null) {
            return new Answer(400, "[{\"errorCode\":\"INVALID_TYPE\",\"message\":\"sObject type '" + type + "' is not supported.\"}]");
        }
        List<String> selected = java.util.Arrays.stream(m.group(1).split(",")).map(String::trim).toList();
        if (!known.containsAll(selected) || !known.contains(m.group(3))) {
            return new Answer(400, "[{\"errorCode\":\"INVALID_FIELD\",\"message\":\"No such column on entity '" + type + "'.\"}]");
        }
        String orderField = m.group(5);
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (Map<String, Object> row : records.getOrDefault(type, Map.of()).values()) {
            if (m.group(4).equals(String.valueOf(row.get(m.group(3))))) {
                Map<String, Object> projected = new LinkedHashMap<>();
                projected.put("attributes", Map.of("type", type, "url", "/services/data/v66.0/sobjects/" + type + "/" + row.get("Id")));
                selected.forEach(field -> projected.put(field, row.get(field)));
                rows.add(projected);
            }
        }
        rows.sort(java.util.Comparator.comparing((Map<String, Object> r) -> io.gristmill.salesforce.objects.SalesforceTime.parse(r.get(orderField)))
                .thenComparing(r -> String.valueOf(r.get("Id"))));
        return new Answer(200, JSON.writeValueAsString(page(rows)));
    }

    private Map<String, Object> page(List<Map<String, Object>> rows) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totalSize", rows.size());
        List<Map<String, Object>> first = rows.subList(0, Math.min(pageSize, rows.size()));
        boolean done = rows.size() <= pageSize;
        body.put("done", done);
        if (!done) {
            String locator = "01g" + random(12) + "-" + pageSize;
            cursors.put(locator, new java.util.ArrayList<>(rows.subList(pageSize, rows.size())));
            body.put("nextRecordsUrl", "/services/data/v66.0/query/" + locator);
        }
        body.put("records", first);
        return body;
    }

    private Answer nextPage(String locator) throws IOException {
        List<Map<String, Object>> rest = cursors.remove(locator);
        if (rest == null) {
            return new Answer(400, "[{\"errorCode\":\"INVALID_QUERY_LOCATOR\",\"message\":\"invalid query locator\"}]");
        }
        return new Answer(200, JSON.writeValueAsString(page(rest)));
    }

    private Answer describe(String type) throws IOException {
        describeCalls.incrementAndGet();
        Set<String> known = fields.get(type);
        if (known == null) {
            return new Answer(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
        }
        // Field entries as describe gives them (name, type, picklistValues), trimmed to what is read.
        List<Map<String, Object>> list = known.stream().sorted().map(name -> {
            List<String> values = picklists.get(type + "." + name);
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", name);
            field.put("type", values == null ? "string" : "picklist");
            field.put("picklistValues", values == null ? List.of()
                    : values.stream().map(v -> Map.of("active", true, "defaultValue", false, "label", v, "value", v)).toList());
            return field;
        }).toList();
        return new Answer(200, JSON.writeValueAsString(Map.of("name", type, "fields", list)));
    }

    /**
     * Composite as the reference describes it (docs/salesforce-api.md): up to 25 subrequests, of
     * which at most 5 queries; here queries ({@code queryAll}) and describes, the reads we make.
     */
    private Answer composite(byte[] body) throws IOException {
        com.fasterxml.jackson.databind.JsonNode request = JSON.readTree(body);
        List<Map<String, Object>> responses = new java.util.ArrayList<>();
        int queries = 0;
        if (request.path("compositeRequest").size() > 25) {
            return new Answer(400, "[{\"errorCode\":\"INVALID_FIELD\",\"message\":\"Too many subrequests in composite\"}]");
        }
        for (com.fasterxml.jackson.databind.JsonNode sub : request.path("compositeRequest")) {
            String method = sub.path("method").asText();
            String url = sub.path("url").asText();
            requestLog.add("  composite " + method + " " + url);
            if (!"GET".equals(method)) {
                writes.add("composite " + method + " " + url);
            }
            java.util.regex.Matcher describe = java.util.regex.Pattern.compile("/services/data/v\\d+\\.\\d+/sobjects/(\\w+)/describe/?").matcher(url);
            int q = url.indexOf("?q=");
            boolean query = "GET".equals(method) && q > 0 && url.contains("/queryAll");
            if (query && ++queries > 5) {
                return new Answer(400, "[{\"errorCode\":\"INVALID_FIELD\",\"message\":\"Too many queries in composite\"}]");
            }
            Answer answer = query ? query(URLDecoder.decode(url.substring(q + 3), StandardCharsets.UTF_8))
                    : "GET".equals(method) && describe.matches() ? describe(describe.group(1))
                    : new Answer(400, "[{\"errorCode\":\"METHOD_NOT_ALLOWED\",\"message\":\"not a read\"}]");
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("body", JSON.readTree(answer.body()));
            response.put("httpHeaders", Map.of());
            response.put("httpStatusCode", answer.status());
            response.put("referenceId", sub.path("referenceId").asText());
            responses.add(response);
        }
        return new Answer(200, JSON.writeValueAsString(Map.of("compositeResponse", responses)));
    }

    private static void oauthError(HttpExchange exchange, String error, String description) throws IOException {
        send(exchange, 400, "application/json",
                "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> map = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return map;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            map.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    private static String enc(String value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    private static String random(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static void sleep(int millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static String newState() {
        return UUID.randomUUID().toString();
    }
}
