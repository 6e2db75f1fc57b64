package io.gristmill.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * The smallest Lambda handler: answers with the event it was given, after holding it for a while if
 * the event says {@code "hold"} (so that {@link LocalLambdaTest} can kill it mid-run).
 */
public final class EchoHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        if (new String(event, java.nio.charset.StandardCharsets.UTF_8).contains("\"hold\"")) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        output.write(event);
    }
}
