package io.gristmill.sandbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * What AWS's managed {@code java21} runtime does for the JVM build, in a few lines: load the
 * handler named in {@code _HANDLER} (here Funqy's {@code FunqyStreamHandler}, which starts Quarkus),
 * then fetch invocations from the Lambda Runtime API, call {@code handleRequest} and post each
 * result or error back. It runs in the function's own process, with only the packaged artifact
 * and this class on the class path. (The native build has this loop built in; Quarkus only
 * compiles it into native images.)
 */
public final class JavaRuntimeClient {
    private JavaRuntimeClient() {
    }

    public static void main(String[] args) throws Exception {
        String api = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime";
        HttpClient http = HttpClient.newHttpClient();
        RequestStreamHandler handler;
        try {
            String className = System.getenv("_HANDLER").split("::")[0];
            handler = (RequestStreamHandler) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (Throwable e) {
            post(http, api + "/init/error", error(e));
            throw e;
        }
        while (true) {
            HttpResponse<byte[]> next;
            try {
                next = http.send(HttpRequest.newBuilder(URI.create(api + "/invocation/next")).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.io.IOException gone) {
                // The sandbox that served the Runtime API has stopped (even if killed): stop with it.
                System.err.println("Lambda Runtime API unreachable (" + gone + "); stopping");
                System.exit(0);
                return;
            }
            String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            long deadline = next.headers().firstValue("Lambda-Runtime-Deadline-Ms").map(Long::parseLong).orElse(Long.MAX_VALUE);
            String arn = next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElse("");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(next.body()), out, context(requestId, deadline, arn));
                post(http, api + "/invocation/" + requestId + "/response", out.toByteArray());
            } catch (Throwable e) {
                e.printStackTrace();
                post(http, api + "/invocation/" + requestId + "/error", error(e));
            }
        }
    }

    private static byte[] error(Throwable e) {
        String message = String.valueOf(e.getMessage()).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
        return ("{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + e.getClass().getName() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void post(HttpClient http, String url, byte[] body) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static Context context(String requestId, long deadline, String arn) {
        return new Context() {
            @Override
            public String getAwsRequestId() {
                return requestId;
            }

            @Override
            public String getLogGroupName() {
                return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
            }

            @Override
            public String getLogStreamName() {
                return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
            }

            @Override
            public String getFunctionName() {
                return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
            }

            @Override
            public String getFunctionVersion() {
                return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
            }

            @Override
            public String getInvokedFunctionArn() {
                return arn;
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getRemainingTimeInMillis() {
                return (int) Math.max(0, Math.min(Integer.MAX_VALUE, deadline - System.currentTimeMillis()));
            }

            @Override
            public int getMemoryLimitInMB() {
                return Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"));
            }

            @Override
            public LambdaLogger getLogger() {
                return new LambdaLogger() {
                    @Override
                    public void log(String message) {
                        System.out.print(message);
                    }

                    @Override
                    public void log(byte[] message) {
                        System.out.write(message, 0, message.length);
                    }
                };
            }
        };
    }
}
