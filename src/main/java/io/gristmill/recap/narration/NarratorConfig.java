package io.gristmill.recap.narration;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The model narrator (prefix {@code gristmill.narrator}); without a model id there is none and recaps use the template. */
@ConfigMapping(prefix = "gristmill.narrator")
public interface NarratorConfig {

    /** Bedrock model or inference-profile id (the template's {@code NarratorModelId}); empty: no model narrator. */
    Optional<String> modelId();

    /**
     * Time one model call may take, throttling retries included. Two calls (an answer and one
     * retry) must fit in {@link #deadline()}.
     */
    @WithDefault("PT9S")
    Duration callTimeout();

    /**
     * Time the whole narration may take before the template writes the text instead: well inside
     * the API's 30 s (API Gateway's limit) with the recap's own reads around it.
     */
    @WithDefault("PT18S")
    Duration deadline();

    /** Most tokens the model may write per call. */
    @WithDefault("1200")
    int maxTokens();

    /** Longest narrative in characters; a request for a short version asks for less. */
    @WithDefault("2400")
    int maxChars();

    /** How long the company's employee names (which a narrative must not use) are reused between recaps. */
    @WithDefault("PT5M")
    Duration directoryCacheTtl();
}
