package io.gristmill.connect;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.gristmill.http.ApiRouter;
import io.quarkus.funqy.Funq;

/** The {@code connect} Lambda: OAuth connect (start and finish), connection status and disconnect. */
public class ConnectFunction {
    private final ApiRouter router;

    public ConnectFunction(ApiRouter router) {
        this.router = router;
    }

    @Funq("connect")
    public APIGatewayV2HTTPResponse connect(APIGatewayV2HTTPEvent event) {
        return router.handle(event);
    }
}
