package io.gristmill.front;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

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

    /** The answer to a webhook: what became of the event, or the challenge echoed back (absent fields are left out). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Received(String status, String eventId, String reason, String challenge) {
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
        return ApiResult.ok(switch (outcome) {
            // One fixed answer for every refusal: the reason (missing header, mismatch, no secret) stays in the log.
            case FrontWebhooks.Outcome.Refused refused -> throw new ApiException(401, "invalid_signature",
                    "The webhook signature could not be verified");
            case FrontWebhooks.Outcome.Challenge challenge -> new Received(null, null, null, challenge.value());
            case FrontWebhooks.Outcome.Stored stored -> new Received(stored.duplicate() ? "duplicate" : "stored", stored.eventId(), null, null);
            case FrontWebhooks.Outcome.Ignored ignored -> new Received("ignored", ignored.eventId(), ignored.reason(), null);
        });
    }
}
