package io.gristmill.recap;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Recap settings (prefix {@code gristmill.recap}). */
@ConfigMapping(prefix = "gristmill.recap")
public interface RecapConfig {

    /** Prefix of a link to a Front conversation; the conversation id ({@code cnv_...}) is appended. */
    @WithDefault("https://app.frontapp.com/open/")
    String frontConversationUrl();

    /** Front conversations whose history is read at once while building a recap (one Query each). */
    @WithDefault("16")
    int parallelConversationReads();

    /** Longest period a review context covers, in days. */
    @WithDefault("366")
    int maxReviewDays();

    /** Most activities one review context reads; a busier period is refused with a request to shorten it. */
    @WithDefault("20000")
    int maxReviewActivities();

    /** Most Front conversations one review context reads the history of (one Query each). */
    @WithDefault("1500")
    int maxReviewConversations();

    /** Time one tenant's weekly drafts may take per run; the next run drafts the rest (drafting is idempotent). */
    @WithDefault("PT4M")
    java.time.Duration draftDeadline();

    /** Tenants whose weekly drafts are written at once by the scheduled function. */
    @WithDefault("4")
    int draftConcurrency();

    /**
     * Longest a function instance keeps a tenant's settings, Salesforce instance and default
     * template for recap builds (see {@link RecapLookups}): how late a change saved through
     * another instance may reach a recap.
     */
    @WithDefault("PT30S")
    java.time.Duration lookupsMaxAge();
}
