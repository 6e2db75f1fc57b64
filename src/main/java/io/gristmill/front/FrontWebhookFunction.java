package io.gristmill.front;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.http.ApiRouter;
import io.gristmill.http.RestApiEvents;
import io.quarkus.funqy.Funq;

/**
 * The {@code front-webhook} Lambda: signed Front webhooks in, metadata-only activity out. In AWS
 * the webhooks come through a REST API guarded by WAF (payload 1.0); an HTTP API (payload 2.0)
 * event is answered too, so the function does not depend on which API fronts it.
 */
public class FrontWebhookFunction {
    private final ApiRouter router;
    private final ObjectMapper json;

    public FrontWebhookFunction(ApiRouter router, ObjectMapper json) {
        this.router = router;
        this.json = json;
    }

    @Funq("front-webhook")
    public Object frontWebhook(Map<String, Object> event) {
        if (RestApiEvents.isRestApiRequest(event)) {
            return RestApiEvents.toRestApiResponse(router.handle(RestApiEvents.toHttpApiEvent(event)));
        }
        return router.handle(json.convertValue(event, APIGatewayV2HTTPEvent.class));
    }
}
