package io.gristmill.connect;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.access.Caller;

/**
 * Finishing a pending OAuth flow. The provider sends the admin's browser back to the web app's
 * connect page, which signs in and posts the code and state ({@code POST /connect/complete}). The
 * state is consumed first (so it is used at most once, even by a refused attempt); then the
 * signed-in admin must be the one, in the same tenant, who started the flow; only then does the
 * provider exchange the code. So a state started by someone else (another tenant's admin who sends
 * a victim the authorize link) cannot connect the victim's org to the starter's tenant — and no
 * cookie has to cross from the app's site to the API's, which browsers refuse between sites.
 */
@ApplicationScoped
public class OAuthCompletion {
    private static final Logger LOG = Logger.getLogger(OAuthCompletion.class);

    private final OAuthStateStore states;
    private final List<ProviderFlow> providers;

    public OAuthCompletion(OAuthStateStore states, SalesforceConnect salesforce, FrontConnect front) {
        this.states = states;
        this.providers = List.of(salesforce, front);
    }

    /** Finishes the flow the provider redirected back from ({@code state}, and {@code code} or {@code error}), as {@code admin}. */
    public OAuthFlow.Outcome complete(Map<String, String> query, Caller admin) {
        Optional<OAuthState> consumed = states.consume(query.get("state"));
        Optional<ProviderFlow> flow = consumed.flatMap(state -> providers.stream().filter(p -> p.provider().equals(state.provider())).findFirst());
        if (consumed.isEmpty() || flow.isEmpty()) {
            return OAuthFlow.Outcome.failed(null, 400, "invalid_state", "This link is no longer valid",
                    "It expired, was already used, or was not issued by Gristmill. Start connecting again from Connections.");
        }
        OAuthState state = consumed.get();
        if (!state.tenantId().equals(admin.tenantId()) || !state.adminSubject().equals(admin.subject())) {
            LOG.warnf("Refused to finish a %s flow of tenant %s for %s of tenant %s: someone else started it",
                    flow.get().displayName(), state.tenantId(), admin.subject(), admin.tenantId());
            return OAuthFlow.Outcome.failed(state.provider(), 403, "started_elsewhere", "This connection was started by someone else",
                    "Only the admin who clicked \"Connect " + flow.get().displayName()
                            + "\" can finish it. Nothing was stored; start again from Connections.");
        }
        return flow.get().finish(state, query);
    }
}
