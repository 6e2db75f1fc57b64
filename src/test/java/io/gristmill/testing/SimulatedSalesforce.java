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

    /** Any REST resource: answers 200 with a bearer token that lives, else Salesforce's 401. */
    private void data(HttpExchange exchange) throws IOException {
        apiCalls.incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        if (token == null || !liveAccessTokens.contains(token)) {
            send(exchange, 401, "application/json",
                    "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
            return;
        }
        exchange.getResponseHeaders().add("Sforce-Limit-Info", "api-usage=" + apiCalls.get() + "/15000");
        send(exchange, 200, "application/json", "{\"DailyApiRequests\":{\"Max\":15000,\"Remaining\":14000}}");
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
