package io.gristmill.front;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Gristmill receives Front webhooks (prefix {@code gristmill.front}). */
@ConfigMapping(prefix = "gristmill.front")
public interface FrontConfig {

    /** Largest accepted gap between an app webhook's timestamp and now (replay window). */
    @WithDefault("PT5M")
    Duration signatureTolerance();

    /** How long a received event id is remembered to recognize redeliveries of ignored events. */
    @WithDefault("P3D")
    Duration deliveryMemory();
}
