package io.gristmill.recap;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who wrote a recap's narrative, stored with every version.
 *
 * @param kind          {@code model} or {@code template}
 * @param modelId       the Bedrock model, when one was asked (also when its text was rejected)
 * @param promptVersion the prompt's version, when a model was asked
 * @param inputTokens   tokens sent to the model over all attempts (what a recap costs)
 * @param outputTokens  tokens the model wrote over all attempts
 * @param attempts      model calls made (2: the first answer was rejected and it wrote again)
 * @param rejection     why the model's text is not the narrative (grounding violations, throttling,
 *                      timeout), when the template wrote it instead
 * @param citations     per paragraph of a model's narrative, the figure keys and evidence ids it
 *                      rests on (what the page links each paragraph's figures to)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Narrator(String kind, String modelId, String promptVersion, Integer inputTokens, Integer outputTokens, Integer attempts,
        String rejection, List<List<String>> citations) {
    public static final String MODEL = "model";
    public static final String TEMPLATE = "template";
    public static final Narrator BY_TEMPLATE = new Narrator(TEMPLATE, null, null, null, null, null, null, null);

    public boolean byModel() {
        return MODEL.equals(kind);
    }
}
