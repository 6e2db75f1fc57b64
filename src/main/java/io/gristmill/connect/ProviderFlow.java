package io.gristmill.connect;

import java.util.Map;

/** A provider's half of finishing an OAuth flow: exchanging the code once {@link OAuthCompletion} has checked who finishes it. */
interface ProviderFlow {
    /** The provider's id, as in {@link OAuthState#provider()}. */
    String provider();

    /** The provider's name as people read it ("Salesforce"). */
    String displayName();

    /**
     * Finishes a consumed state from the provider's redirect query ({@code code}, or {@code error}
     * and {@code error_description}).
     */
    OAuthFlow.Outcome finish(OAuthState state, Map<String, String> query);
}
