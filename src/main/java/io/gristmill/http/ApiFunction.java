package io.gristmill.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.quarkus.funqy.Funq;

/** The {@code api} Lambda: API Gateway HTTP API events in, responses out. */
public class ApiFunction {
    private final ApiRouter router;

    public ApiFunction(ApiRouter router) {
        this.router = router;
    }

    @Funq("api")
    public APIGatewayV2HTTPResponse api(APIGatewayV2HTTPEvent event) {
        return router.handle(event);
    }
}
