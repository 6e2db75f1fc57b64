package io.gristmill.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gristmill.testing.CapturedLogs;
import io.gristmill.testing.Ids;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

@QuarkusTest
class TokenVaultTest {
    @Inject
    TokenVault vault;

    @Inject
    SecretsManagerClient secretsManager;

    private static Map<String, String> tokens(String refresh, String access) {
        return Map.of("refresh_token", refresh, "access_token", access, "instance_url", "https://acme.my.salesforce.com");
    }

    @Test
    void creates_reads_updates_and_deletes_one_secret_per_tenant_connection() {
        String tenant = Ids.tenant();
        VaultSecret created = vault.create(tenant, "salesforce", tokens("rt-1", "at-1"));

        VaultSecret read = vault.read(tenant, "salesforce").orElseThrow();
        assertThat(read.fields()).isEqualTo(tokens("rt-1", "at-1"));
        assertThat(read.versionId()).isEqualTo(created.versionId());

        VaultSecret updated = vault.update(tenant, "salesforce", read, tokens("rt-2", "at-2"));
        assertThat(vault.read(tenant, "salesforce").orElseThrow()).isEqualTo(updated);

        vault.delete(tenant, "salesforce");
        assertThat(vault.read(tenant, "salesforce")).isEmpty();
        vault.delete(tenant, "salesforce"); // deleting again is not an error
        assertThat(vault.read(tenant, "salesforce")).isEmpty();
    }

    @Test
    void refreshed_tokens_go_over_the_latest_version_keeping_what_others_wrote_and_what_the_refresh_did_not_return() {
        for (String provider : java.util.List.of("salesforce", "front")) {
            String tenant = Ids.tenant();
            VaultSecret read = vault.create(tenant, provider, tokens("rt-1", "at-1"));
            // Meanwhile someone else adds a field (Front's rule-webhook API secret, say).
            java.util.Map<String, String> withSecret = new java.util.HashMap<>(read.fields());
            withSecret.put("api_secret", "kept");
            vault.update(tenant, provider, read, withSecret);

            VaultSecret stored = RefreshedTokens.store(vault, tenant, provider, read, Map.of("access_token", "at-2"),
                    () -> vault.read(tenant, provider).orElseThrow(), java.time.Instant.now().plusSeconds(10), java.time.Clock.systemUTC());

            assertThat(vault.read(tenant, provider).orElseThrow().fields()).as(provider).isEqualTo(Map.of("access_token", "at-2",
                    "refresh_token", "rt-1", "instance_url", "https://acme.my.salesforce.com", "api_secret", "kept"));
            assertThat(stored.fields()).containsEntry("access_token", "at-2");
        }
    }

    @Test
    void secret_is_named_and_tagged_with_its_tenant() {
        String tenant = Ids.tenant();
        vault.create(tenant, "front", tokens("rt", "at"));

        String name = vault.secretName(tenant, "front");
        assertThat(name).isEqualTo("gristmill/" + tenant + "/front");
        List<Tag> tags = secretsManager.describeSecret(b -> b.secretId(name)).tags();
        assertThat(tags).contains(Tag.builder().key("gristmill:tenant").value(tenant).build(),
                Tag.builder().key("gristmill:provider").value("front").build());
    }

    @Test
    void creating_an_existing_secret_fails_instead_of_overwriting() {
        String tenant = Ids.tenant();
        vault.create(tenant, "salesforce", tokens("rt-1", "at-1"));

        assertThatThrownBy(() -> vault.create(tenant, "salesforce", tokens("rt-other", "at-other")))
                .isInstanceOf(SecretAlreadyExistsException.class);
        assertThat(vault.read(tenant, "salesforce").orElseThrow().fields()).isEqualTo(tokens("rt-1", "at-1"));
    }

    @Test
    void a_writer_with_a_stale_version_fails_and_the_newer_value_stays() {
        String tenant = Ids.tenant();
        vault.create(tenant, "salesforce", tokens("rt-1", "at-1"));
        VaultSecret first = vault.read(tenant, "salesforce").orElseThrow();
        VaultSecret second = vault.read(tenant, "salesforce").orElseThrow();

        vault.update(tenant, "salesforce", first, tokens("rt-2", "at-2"));

        assertThatThrownBy(() -> vault.update(tenant, "salesforce", second, tokens("rt-stale", "at-stale")))
                .isInstanceOf(StaleSecretVersionException.class);
        assertThat(vault.read(tenant, "salesforce").orElseThrow().fields()).isEqualTo(tokens("rt-2", "at-2"));
    }

    @Test
    void of_ten_concurrent_updates_from_one_version_exactly_one_wins() throws Exception {
        String tenant = Ids.tenant();
        vault.create(tenant, "salesforce", tokens("rt-0", "at-0"));
        VaultSecret base = vault.read(tenant, "salesforce").orElseThrow();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                String refresh = "rt-writer-" + i;
                Callable<String> writer = () -> {
                    start.await();
                    try {
                        vault.update(tenant, "salesforce", base, tokens(refresh, "at"));
                        return refresh;
                    } catch (StaleSecretVersionException lost) {
                        return null;
                    }
                };
                results.add(pool.submit(writer));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<String> result : results) {
                if (result.get() != null) {
                    winners.add(result.get());
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(vault.read(tenant, "salesforce").orElseThrow().field("refresh_token")).isEqualTo(winners.get(0));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void token_values_never_reach_logs_exceptions_or_to_string() {
        String tenant = Ids.tenant();
        String refresh = "REFRESH-" + java.util.UUID.randomUUID();
        String access = "ACCESS-" + java.util.UUID.randomUUID();
        String staleRefresh = "STALE-" + java.util.UUID.randomUUID();
        List<String> surfaced = new ArrayList<>();
        try (CapturedLogs logs = new CapturedLogs("io.gristmill", "software.amazon.awssdk")) {
            vault.create(tenant, "salesforce", tokens(refresh, access));
            VaultSecret read = vault.read(tenant, "salesforce").orElseThrow();
            surfaced.add(read.toString());
            VaultSecret updated = vault.update(tenant, "salesforce", read, tokens(refresh + "-2", access + "-2"));
            surfaced.add(updated.toString());
            try {
                vault.update(tenant, "salesforce", read, tokens(staleRefresh, access));
            } catch (StaleSecretVersionException e) {
                surfaced.add(e.toString());
            }
            try {
                vault.create(tenant, "salesforce", tokens(staleRefresh, access));
            } catch (SecretAlreadyExistsException e) {
                surfaced.add(e.toString());
            }
            vault.delete(tenant, "salesforce");
            surfaced.addAll(logs.lines());

            assertThat(logs.lines()).as("the vault and the AWS SDK did log at DEBUG").isNotEmpty();
        }
        assertThat(String.join("\n", surfaced))
                .doesNotContain(refresh)
                .doesNotContain(access)
                .doesNotContain(staleRefresh);
    }
}
