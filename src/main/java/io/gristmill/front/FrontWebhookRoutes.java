package io.gristmill.front;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.config.FunctionName;
import io.gristmill.http.ApiException;
import io.gristmill.http.ApiResult;
import io.gristmill.http.RouteTable;
import io.gristmill.http.Routes;

/** The {@code front-webhook} function's public routes; authenticity comes from the signatures. */
@ApplicationScoped
public class FrontWebhookRoutes implements Routes {
    private final FrontWebhooks webhooks;

    public FrontWebhookRoutes(FrontWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public FunctionName function() {
        return FunctionName.FRONT_WEBHOOK;
    }

    @Override
    public void register(RouteTable table) {
        table.addPublic("POST", "/webhooks/front", (request, caller) -> answer(() -> webhooks.receiveAppWebhook(request.body(),
                request.header("x-front-request-timestamp"), request.header("x-front-signature"), request.header("x-front-challenge"))));
        table.addPublic("POST", "/webhooks/front/{tenantId}", (request, caller) -> answer(() -> webhooks.receiveRuleWebhook(
                request.pathParameter("tenantId"), request.body(), request.header("x-front-signature"))));
    }

    private static ApiResult answer(java.util.function.Supplier<FrontWebhooks.Outcome> receive) {
        FrontWebhooks.Outcome outcome;
        try {
            outcome = receive.get();
        } catch (FrontUnavailableException | FrontRateLimitedException | FrontApiException | FrontUnauthorizedException
                | FrontNotConnectedException e) {
            // Only reached when checking the chosen inboxes needed Front: nothing was stored, so
            // Front should deliver again (reconciliation catches what it does not).
            throw new ApiException(503, "front_unavailable", "The event could not be checked against the chosen inboxes; retry later");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        switch (outcome) {
            // One fixed answer for every refusal: the reason (missing header, mismatch, no secret) stays in the log.
            case FrontWebhooks.Outcome.Refused refused -> throw new ApiException(401, "invalid_signature",
                    "The webhook signature could not be verified");
            case FrontWebhooks.Outcome.Challenge challenge -> body.put("challenge", challenge.value());
            case FrontWebhooks.Outcome.Stored stored -> {
                body.put("status", stored.duplicate() ? "duplicate" : "stored");
                body.put("eventId", stored.eventId());
            }
            case FrontWebhooks.Outcome.Ignored ignored -> {
                body.put("status", "ignored");
                body.put("eventId", ignored.eventId());
                body.put("reason", ignored.reason());
            }
        }
        return ApiResult.ok(body);
    }
}
