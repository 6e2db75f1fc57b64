package io.gristmill.front;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.gristmill.http.ApiRouter;
import io.quarkus.funqy.Funq;

/** The {@code front-webhook} Lambda: signed Front webhooks in, metadata-only activity out. */
public class FrontWebhookFunction {
    private final ApiRouter router;

    public FrontWebhookFunction(ApiRouter router) {
        this.router = router;
    }

    @Funq("front-webhook")
    public APIGatewayV2HTTPResponse frontWebhook(APIGatewayV2HTTPEvent event) {
        return router.handle(event);
    }
}
