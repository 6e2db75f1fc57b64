package io.gristmill.recap.narration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.gristmill.model.ModelClient;
import io.gristmill.model.ModelUnavailableException;
import io.gristmill.model.Resources;
import io.gristmill.recap.Narrator;
import io.gristmill.recap.Recap;
import io.gristmill.recap.RecapNarrator.Narration;

/**
 * The recap narrator on Bedrock: shows the model the recap's facts and nothing else, takes its
 * paragraphs through the {@code write_recap} tool, and keeps them only when the
 * {@link GroundingCheck} holds. A rejected answer is asked for once more with the violations; a
 * second rejection, throttling, a timeout or any other failure leaves the narrative to the
 * template, with the reason recorded. All within {@link NarratorConfig#deadline()}.
 */
@ApplicationScoped
public class ModelNarrator {
    private static final Logger LOG = Logger.getLogger(ModelNarrator.class);
    static final String TOOL = "write_recap";
    private static final ModelClient.ToolSpec WRITE_RECAP = new ModelClient.ToolSpec(TOOL,
            "Write the recap as paragraphs of plain prose, each citing the figure keys and evidence ids it rests on.",
            Resources.json("/narrator/write_recap.schema.json"));
    /** Below this, a retry could not get an answer before the deadline; the template writes at once. */
    private static final Duration SHORTEST_CALL = Duration.ofSeconds(1);
    /** Longest narrative when the request asks for a short one. */
    static final int SHORT_CHARS = 700;

    private final ModelClient models;
    private final NarratorConfig config;
    private final Clock clock;

    public ModelNarrator(ModelClient models, NarratorConfig config, Clock clock) {
        this.models = models;
        this.config = config;
        this.clock = clock;
    }

    public boolean available() {
        return config.modelId().filter(id -> !id.isBlank()).isPresent();
    }

    /**
     * @param forbidden names the text must not use (the company's other people)
     * @param template  the template's text for the same recap, used when the model's is not
     */
    public Narration narrate(Recap recap, Set<String> forbidden, String template) {
        String modelId = config.modelId().orElseThrow();
        NarrationFacts facts = NarrationFacts.of(recap);
        GroundingCheck check = new GroundingCheck(facts, forbidden);
        // A request for a short version bounds the text; the check holds the model to it.
        int maxChars = recap.asksShort() ? Math.min(SHORT_CHARS, config.maxChars())
                : config.maxChars();
        Instant deadline = clock.instant().plus(config.deadline());
        List<String> violations = List.of();
        int inputTokens = 0;
        int outputTokens = 0;
        int attempts = 0;
        String rejection;
        while (true) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(SHORTEST_CALL) < 0) {
                rejection = attempts == 0 ? "timeout: no time left for the model" : "grounding: " + String.join("; ", violations);
                break;
            }
            NarratorPrompt.Rendered prompt = NarratorPrompt.render(facts, maxChars, violations);
            attempts++;
            ModelClient.Answer answer;
            try {
                answer = models.callTool(modelId, prompt.system(), prompt.message(), WRITE_RECAP, config.maxTokens(),
                        min(config.callTimeout(), left));
            } catch (ModelUnavailableException e) {
                rejection = e.reason() + ": " + e.getMessage();
                LOG.warnf("Recap narrator: model %s gave no answer for attempt %d (%s); the template writes the narrative", modelId, attempts,
                        e.reason());
                break;
            }
            inputTokens += answer.inputTokens();
            outputTokens += answer.outputTokens();
            List<GroundingCheck.Paragraph> paragraphs = paragraphs(answer.input());
            violations = paragraphs == null ? List.of("the answer did not follow the write_recap schema (paragraphs of text and cites)")
                    : check.violations(paragraphs, maxChars);
            if (violations.isEmpty()) {
                String text = String.join("\n\n", paragraphs.stream().map(p -> p.text().strip()).toList());
                return new Narration(text, new Narrator(Narrator.MODEL, modelId, NarratorPrompt.VERSION, inputTokens, outputTokens, attempts,
                        null, paragraphs.stream().map(GroundingCheck.Paragraph::cites).toList()));
            }
            LOG.infof("Recap narrator: attempt %d of model %s broke %d grounding rule(s)", attempts, modelId, violations.size());
            if (attempts >= 2) {
                rejection = "grounding: " + String.join("; ", violations);
                break;
            }
        }
        return new Narration(template, new Narrator(Narrator.TEMPLATE, modelId, NarratorPrompt.VERSION, inputTokens, outputTokens, attempts,
                rejection.length() > 1000 ? rejection.substring(0, 997) + "..." : rejection, null));
    }

    /** The tool's input as paragraphs; null when it is not in the schema's shape. */
    static List<GroundingCheck.Paragraph> paragraphs(JsonNode input) {
        JsonNode list = input == null ? null : input.get("paragraphs");
        if (list == null || !list.isArray() || list.isEmpty()) {
            return null;
        }
        List<GroundingCheck.Paragraph> paragraphs = new ArrayList<>();
        for (JsonNode p : list) {
            if (!p.path("text").isTextual() || (p.has("cites") && !p.get("cites").isArray())) {
                return null;
            }
            List<String> cites = new ArrayList<>();
            p.path("cites").forEach(c -> cites.add(c.asText()));
            paragraphs.add(new GroundingCheck.Paragraph(p.get("text").asText(), cites));
        }
        return paragraphs;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
