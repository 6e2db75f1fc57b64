package io.gristmill.front.summary;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gristmill.front.FrontConfig;
import io.gristmill.model.ModelClient;

/**
 * Asks the model for a short neutral summary of a conversation's problem and resolution, and
 * keeps it only when {@link LeakCheck} finds nothing of the conversation in it; a rejected answer
 * is asked for once more, then given up. The conversation text goes to the model and nowhere
 * else: not into a log line, an exception message or a field of what this returns.
 */
@ApplicationScoped
public class SummaryWriter {
    static final String TOOL = "record_summary";
    static final String SYSTEM = """
            You summarize a resolved customer-support conversation for the support agent's weekly work recap.
            Write one neutral sentence of at most 200 characters naming the kind of problem and how it was resolved,
            e.g. "Customer could not sign in after a password change; agent reset the session and confirmed access."
            Never include names of people, companies or products, e-mail addresses, phone numbers, or order, account,
            ticket or card numbers, and never copy a phrase from the conversation: describe, do not quote.
            Answer only through the record_summary tool.""";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelClient model;
    private final FrontConfig.Summaries config;

    public SummaryWriter(ModelClient model, FrontConfig config) {
        this.model = model;
        this.config = config.summaries();
    }

    /**
     * @param summary   what may be stored, when the model wrote something that passed the leak check
     * @param rejection why the last answer was refused ({@link LeakCheck}'s reason), when none passed
     */
    public record Written(Optional<String> summary, Optional<String> rejection, int inputTokens, int outputTokens) {
    }

    public boolean enabled() {
        return config.modelId().filter(id -> !id.isBlank()).isPresent();
    }

    /** Throws {@link io.gristmill.model.ModelUnavailableException} (throttled, timed out ...): the caller retries another run. */
    public Written summarize(String conversationText) {
        String modelId = config.modelId().orElseThrow(() -> new IllegalStateException("No summary model is configured"));
        int in = 0;
        int out = 0;
        String rejection = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            ModelClient.Answer answer = model.callTool(modelId, SYSTEM, "SUMMARIZE\n" + conversationText, tool(), config.maxTokens(),
                    config.callTimeout());
            in += answer.inputTokens();
            out += answer.outputTokens();
            String summary = answer.input().path("summary").asText("").strip();
            Optional<String> problem = LeakCheck.problem(summary, conversationText);
            if (problem.isEmpty()) {
                return new Written(Optional.of(summary), Optional.empty(), in, out);
            }
            rejection = problem.get();
        }
        return new Written(Optional.empty(), Optional.of(rejection), in, out);
    }

    private static ModelClient.ToolSpec tool() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("summary").put("type", "string").put("maxLength", LeakCheck.MAX_CHARS)
                .put("description", "One neutral sentence: the kind of problem and how it was resolved; no names, numbers or quotes.");
        schema.putArray("required").add("summary");
        return new ModelClient.ToolSpec(TOOL, "Records the summary of the conversation.", schema);
    }
}
