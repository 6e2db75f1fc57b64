package io.gristmill.recap;

/**
 * Writes a recap's narrative from its computed content. The template narrator fills a Qute
 * template (deterministic, offline, the default and every fallback); the model narrator asks
 * Bedrock and keeps its text only when the grounding check holds it to the facts.
 */
public interface RecapNarrator {
    /** The narrative and who wrote it. */
    record Narration(String text, Narrator narrator) {
    }

    Narration narrate(String tenantId, io.gristmill.tenant.TenantSettings settings, Recap recap);
}
