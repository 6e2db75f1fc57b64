package io.gristmill.recap.request;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.gristmill.model.ModelClient;
import io.gristmill.model.ModelUnavailableException;
import io.gristmill.model.Resources;
import io.gristmill.recap.Inclusion;
import io.gristmill.recap.Interpretation;
import io.gristmill.recap.RequestReader;
import io.gristmill.recap.SectionId;
import io.gristmill.recap.narration.NarratorConfig;

/**
 * Turns a request in words into options. Where the tenant uses the model narrator, the model reads
 * the words (and nothing else) and answers through the {@code shape_recap} tool; its answer is
 * held to the known options (anything else lands in {@code notUnderstood}). Otherwise, or when
 * the model fails, the {@link KeywordInterpreter} reads them.
 */
@ApplicationScoped
public class RequestInterpreter implements RequestReader {
    private static final Logger LOG = Logger.getLogger(RequestInterpreter.class);
    public static final int MAX_WORDS_CHARS = 500;
    private static final ModelClient.ToolSpec SHAPE = new ModelClient.ToolSpec("shape_recap",
            "The options one employee's request asks for, for their own weekly recap.", Resources.json("/narrator/shape_recap.schema.json"));
    private static final String RULES = Resources.text("/narrator/request-v1.txt");

    private final ModelClient models;
    private final NarratorConfig config;

    public RequestInterpreter(ModelClient models, NarratorConfig config) {
        this.models = models;
        this.config = config;
    }

    @Override
    public Interpretation interpret(String words, boolean useModel) {
        if (useModel && config.modelId().filter(id -> !id.isBlank()).isPresent()) {
            try {
                ModelClient.Answer answer = models.callTool(config.modelId().get(), RULES, "REQUEST\n" + words, SHAPE, 400,
                        config.callTimeout());
                return held(answer.input());
            } catch (ModelUnavailableException e) {
                LOG.warnf("Request interpreter: the model gave no answer (%s); reading the request by keywords", e.reason());
            }
        }
        return KeywordInterpreter.interpret(words);
    }

    /** The model's answer held to the schema: unknown values are reported, never applied. */
    static Interpretation held(JsonNode input) {
        List<String> notUnderstood = new ArrayList<>();
        input.path("notUnderstood").forEach(n -> notUnderstood.add(clip(n.asText())));
        List<Inclusion> include = inclusions(input.path("include"), notUnderstood);
        List<Inclusion> exclude = inclusions(input.path("exclude"), notUnderstood);
        List<SectionId> sections = new ArrayList<>();
        for (JsonNode s : input.path("sections")) {
            try {
                sections.add(SectionId.fromId(s.asText()));
            } catch (IllegalArgumentException e) {
                notUnderstood.add("section " + clip(s.asText()));
            }
        }
        String length = Interpretation.LENGTHS.contains(input.path("length").asText()) ? input.path("length").asText() : null;
        String tone = Interpretation.TONES.contains(input.path("tone").asText()) ? input.path("tone").asText() : null;
        String focus = input.path("focus").isTextual() && !input.path("focus").asText().isBlank() ? clip(input.path("focus").asText()) : null;
        include.removeAll(exclude);
        return new Interpretation(include, exclude, sections, length, tone, focus, notUnderstood, "model");
    }

    private static List<Inclusion> inclusions(JsonNode values, List<String> notUnderstood) {
        List<Inclusion> inclusions = new ArrayList<>();
        for (JsonNode v : values) {
            try {
                inclusions.add(Inclusion.fromId(v.asText()));
            } catch (IllegalArgumentException e) {
                notUnderstood.add("include " + clip(v.asText()));
            }
        }
        return inclusions;
    }

    private static String clip(String text) {
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
