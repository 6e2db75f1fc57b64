package io.gristmill.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.gristmill.recap.narration.FactComposer;
import io.gristmill.recap.narration.GroundingCheck;
import io.gristmill.recap.narration.Mistakes;
import io.gristmill.recap.narration.NarrationFacts;

/**
 * Amazon Bedrock's runtime, simulated over HTTP: {@code POST /model/{modelId}/converse} with the
 * Converse API's request and response shapes (AWS Bedrock API reference, "Converse"; the answer
 * shape {@code output.message.content[].toolUse}, {@code stopReason: tool_use} and
 * {@code usage.inputTokens/outputTokens/totalTokens} as the AWS SDKs' Converse models define them),
 * requests signed with SigV4 (the signature is accepted, not verified), errors as AWS REST-JSON
 * services send them ({@code x-amzn-ErrorType} header, {@code {"message": ...}} body: 429
 * ThrottlingException, 400 ValidationException).
 * <p>
 * Its "model" is no language model: it reads the facts in the prompt and composes paragraphs from
 * them ({@link FactComposer}), and it can be told to make a mistake, throttle, refuse or be slow,
 * per call, in the order planned. Token counts are estimated at four characters per token.
 */
public final class SimulatedBedrock implements AutoCloseable {
    /** What the next call does. */
    public enum Behaviour {
        GROUNDED, WRONG_NUMBER, INVENTED_NAME, UNKNOWN_ID, NO_TOOL, THROTTLE, INVALID, SLOW,
        /** Asked to read a request, answers with options that do not exist (another person's data, an unknown section). */
        OVERREACH,
        /** Asked to summarize a conversation, copies one of its sentences. */
        ECHO,
        /** Asked to summarize, adds an e-mail address from the conversation. */
        LEAK_EMAIL,
        /** Asked to summarize, adds a phone number from the conversation. */
        LEAK_PHONE
    }

    public static final String MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<Behaviour> plan = new ArrayDeque<>();
    private final Map<String, Deque<Behaviour>> planByName = new ConcurrentHashMap<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Duration slowness = Duration.ofSeconds(30);

    public SimulatedBedrock() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next calls behave so, one behaviour per call, then grounded again. */
    public synchronized void plan(Behaviour... behaviours) {
        plan.clear();
        plan.addAll(List.of(behaviours));
    }

    /** Calls about the employee with this first name behave so (the sandbox's scripted mistakes). */
    public void planFor(String firstName, Behaviour... behaviours) {
        planByName.put(firstName, new ArrayDeque<>(List.of(behaviours)));
    }

    public void slowness(Duration duration) {
        slowness = duration;
    }

    /** Every Converse request body received, oldest first. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public void reset() {
        plan(new Behaviour[0]);
        planByName.clear();
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 Credential=") || !auth.contains("/bedrock/aws4_request")) {
                error(exchange, 403, "AccessDeniedException", "The request is not signed for Bedrock (SigV4, service bedrock).");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith("/model/") || !path.endsWith("/converse")) {
                error(exchange, 404, "ResourceNotFoundException", "Unknown operation " + exchange.getRequestMethod() + " " + path);
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            requests.add(body);
            String problem = invalid(body);
            if (problem != null) {
                error(exchange, 400, "ValidationException", problem);
                return;
            }
            String message = body.at("/messages/0/content/0/text").asText();
            if (message.startsWith("REQUEST\n")) {
                answerRequest(exchange, body, message, next(""));
                return;
            }
            if (message.startsWith("SUMMARIZE\n")) {
                Behaviour behaviour = next("");
                if (behaviour == Behaviour.THROTTLE) {
                    error(exchange, 429, "ThrottlingException", "Too many requests, please wait before trying again.");
                } else {
                    respondWithTool(exchange, body, message, JSON.createObjectNode()
                            .put("summary", ConversationSummarizer.summarize(message.substring("SUMMARIZE\n".length()), behaviour)));
                }
                return;
            }
            NarrationFacts facts = JSON.readValue(message.substring("FACTS\n".length(), message.indexOf("\n\nINSTRUCTIONS\n")),
                    NarrationFacts.class);
            String instructions = message.substring(message.indexOf("\n\nINSTRUCTIONS\n") + 15);
            Behaviour behaviour = next(facts.firstName());
            switch (behaviour) {
                case THROTTLE -> error(exchange, 429, "ThrottlingException", "Too many requests, please wait before trying again.");
                case INVALID -> error(exchange, 400, "ValidationException", "The model returned the following errors: input is too long.");
                case SLOW -> {
                    sleep(slowness);
                    answer(exchange, body, message, composed(facts, instructions, Behaviour.GROUNDED));
                }
                case NO_TOOL -> respond(exchange, 200, (ObjectNode) JSON.readTree("""
                        {"output":{"message":{"role":"assistant","content":[{"text":"Here is the recap."}]}},"stopReason":"end_turn",
                         "usage":{"inputTokens":10,"outputTokens":5,"totalTokens":15},"metrics":{"latencyMs":12}}"""));
                default -> answer(exchange, body, message, composed(facts, instructions, behaviour));
            }
        }
    }

    private synchronized Behaviour next(String firstName) {
        Deque<Behaviour> own = planByName.get(firstName);
        if (own != null && !own.isEmpty()) {
            return own.poll();
        }
        return plan.isEmpty() ? Behaviour.GROUNDED : plan.poll();
    }

    /** What Bedrock checks before the model runs: messages, and a forced tool that exists. */
    private static String invalid(JsonNode body) {
        if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
            return "messages: must not be empty";
        }
        String message = body.at("/messages/0/content/0/text").asText("");
        boolean narration = message.startsWith("FACTS\n") && message.contains("\n\nINSTRUCTIONS\n");
        if (!narration && !message.startsWith("REQUEST\n") && !message.startsWith("SUMMARIZE\n")) {
            return "This simulated model only writes recaps (FACTS ... INSTRUCTIONS), reads requests (REQUEST ...) and summarizes (SUMMARIZE ...)";
        }
        String forced = body.at("/toolConfig/toolChoice/tool/name").asText(null);
        if (forced == null) {
            return "toolConfig.toolChoice: a specific tool is required here";
        }
        for (JsonNode tool : body.at("/toolConfig/tools")) {
            if (forced.equals(tool.at("/toolSpec/name").asText()) && tool.at("/toolSpec/inputSchema/json").isObject()) {
                return null;
            }
        }
        return "toolConfig.toolChoice names " + forced + ", which is not among the tools";
    }

    private static List<GroundingCheck.Paragraph> composed(NarrationFacts facts, String instructions, Behaviour behaviour) {
        String lower = instructions.toLowerCase(java.util.Locale.ROOT);
        FactComposer.Composed composed = FactComposer.compose(facts, lower.contains("short") || lower.contains("brief"));
        Random random = new Random(facts.hashCode());
        Mistakes.Kind kind = switch (behaviour) {
            case WRONG_NUMBER -> Mistakes.Kind.CHANGED_NUMBER;
            case INVENTED_NAME -> Mistakes.Kind.SWAPPED_NAME;
            case UNKNOWN_ID -> Mistakes.Kind.UNKNOWN_ID;
            default -> null;
        };
        if (kind == null) {
            return composed.paragraphs();
        }
        return Mistakes.inject(composed, facts, kind, random, List.of("Wayne Enterprises renewal", "Lena"))
                .orElseGet(() -> Mistakes.inject(composed, facts, Mistakes.Kind.UNKNOWN_ID, random, List.of()).orElseThrow());
    }

    /** Reads a request as the keyword interpreter would, and answers through the forced tool; or overreaches when told to. */
    private static void answerRequest(HttpExchange exchange, JsonNode request, String message, Behaviour behaviour) throws IOException {
        if (behaviour == Behaviour.THROTTLE) {
            error(exchange, 429, "ThrottlingException", "Too many requests, please wait before trying again.");
            return;
        }
        var read = io.gristmill.recap.request.KeywordInterpreter.interpret(message.substring("REQUEST\n".length()));
        ObjectNode input = JSON.valueToTree(read);
        input.remove("by");
        if (behaviour == Behaviour.OVERREACH) {
            input.withArray("include").add("lena.sales_numbers");
            input.withArray("sections").add("payroll");
            input.put("length", "endless");
        }
        for (String field : List.of("include", "sections", "notUnderstood")) {
            input.withArray(field);
        }
        respondWithTool(exchange, request, message, input);
    }

    private static void answer(HttpExchange exchange, JsonNode request, String message, List<GroundingCheck.Paragraph> paragraphs)
            throws IOException {
        ObjectNode input = JSON.createObjectNode();
        ArrayNode list = input.putArray("paragraphs");
        for (GroundingCheck.Paragraph p : paragraphs) {
            ObjectNode paragraph = list.addObject();
            paragraph.put("text", p.text());
            p.cites().forEach(paragraph.putArray("cites")::add);
        }
        respondWithTool(exchange, request, message, input);
    }

    private static void respondWithTool(HttpExchange exchange, JsonNode request, String message, ObjectNode input) throws IOException {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode toolUse = response.putObject("output").putObject("message").put("role", "assistant").putArray("content").addObject()
                .putObject("toolUse");
        toolUse.put("toolUseId", "tooluse_" + UUID.randomUUID().toString().replace("-", "").substring(0, 22));
        toolUse.put("name", request.at("/toolConfig/toolChoice/tool/name").asText());
        toolUse.set("input", input);
        response.put("stopReason", "tool_use");
        int in = (message.length() + request.at("/system/0/text").asText("").length()) / 4;
        int out = input.toString().length() / 4;
        response.putObject("usage").put("inputTokens", in).put("outputTokens", out).put("totalTokens", in + out);
        response.putObject("metrics").put("latencyMs", 20);
        respond(exchange, 200, response);
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        respond(exchange, status, JSON.createObjectNode().put("message", message));
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Starts one for the application under test and points the narrator at it. */
    public static class Resource implements io.quarkus.test.common.QuarkusTestResourceLifecycleManager {
        private static SimulatedBedrock bedrock;

        public static SimulatedBedrock bedrock() {
            return bedrock;
        }

        @Override
        public Map<String, String> start() {
            bedrock = new SimulatedBedrock();
            // The narrator's client reads credentials the SDK's default way; these stand in for the function role's.
            System.setProperty("aws.accessKeyId", LocalAws.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", LocalAws.SECRET_KEY);
            return Map.of("gristmill.narrator.model-id", MODEL_ID,
                    "gristmill.bedrock.region", "us-east-1",
                    "gristmill.bedrock.endpoint-override", bedrock.baseUri().toString(),
                    "gristmill.narrator.call-timeout", "PT2S",
                    "gristmill.narrator.deadline", "PT5S");
        }

        @Override
        public void stop() {
            if (bedrock != null) {
                bedrock.close();
            }
        }
    }
}
