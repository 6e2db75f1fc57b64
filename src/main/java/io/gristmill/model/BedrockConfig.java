package io.gristmill.model;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Gristmill reaches Amazon Bedrock's runtime (prefix {@code gristmill.bedrock}). */
@ConfigMapping(prefix = "gristmill.bedrock")
public interface BedrockConfig {

    /** Region of the models (the template's {@code NarratorRegion}); defaults to the function's own ({@code AWS_REGION}). */
    Optional<String> region();

    /** Another Bedrock runtime endpoint: the simulated one in tests and the sandbox. */
    Optional<URI> endpointOverride();

    /** Attempts per call when Bedrock throttles or fails on its side; the SDK backs off between them. */
    @WithDefault("2")
    int attempts();

    /** Time to open a connection to Bedrock. */
    @WithDefault("PT2S")
    java.time.Duration connectTimeout();
}
