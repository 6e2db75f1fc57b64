package io.gristmill.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gristmill.config.GristmillConfig;
import io.gristmill.testing.Ids;
import io.gristmill.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@QuarkusTest
class OAuthStateStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @Inject
    DynamoDbClient dynamo;

    @Inject
    GristmillConfig config;

    private static OAuthState pending(String tenant) {
        return new OAuthState(OAuthState.randomToken(), "salesforce", tenant, "auth0|admin", OAuthState.randomToken(),
                "login.salesforce.com", NOW);
    }

    @Test
    void a_state_is_consumed_exactly_once_with_everything_the_callback_needs() {
        OAuthStateStore store = new OAuthStateStore(dynamo, config, new MutableClock(NOW.plusSeconds(30)));
        OAuthState state = pending(Ids.tenant());
        store.save(state, Duration.ofMinutes(10));

        assertThat(store.consume(state.state())).contains(state);
        assertThat(store.consume(state.state())).as("replayed").isEmpty();
    }

    @Test
    void an_expired_state_is_refused() {
        MutableClock clock = new MutableClock(NOW);
        OAuthStateStore store = new OAuthStateStore(dynamo, config, clock);
        OAuthState state = pending(Ids.tenant());
        store.save(state, Duration.ofMinutes(10));

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertThat(store.consume(state.state())).isEmpty();
    }

    @Test
    void unknown_or_malformed_states_are_refused() {
        OAuthStateStore store = new OAuthStateStore(dynamo, config, new MutableClock(NOW));
        assertThat(store.consume(OAuthState.randomToken())).isEmpty();
        assertThat(store.consume("")).isEmpty();
        assertThat(store.consume(null)).isEmpty();
        assertThat(store.consume("x".repeat(500))).isEmpty();
    }

    @Test
    void concurrent_callbacks_with_one_state_let_only_one_through() throws Exception {
        OAuthStateStore store = new OAuthStateStore(dynamo, config, new MutableClock(NOW));
        OAuthState state = pending(Ids.tenant());
        store.save(state, Duration.ofMinutes(10));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Optional<OAuthState>>> results = pool.invokeAll(Collections.nCopies(5, () -> store.consume(state.state())));
            long winners = 0;
            for (Future<Optional<OAuthState>> result : results) {
                winners += result.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void the_pkce_verifier_is_not_in_the_string_form() {
        OAuthState state = pending("acme");
        assertThat(state.toString()).doesNotContain(state.codeVerifier()).doesNotContain(state.state());
    }

    @Test
    void random_tokens_are_long_and_distinct() {
        String a = OAuthState.randomToken();
        assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(OAuthState.randomToken()).isNotEqualTo(a);
    }
}
