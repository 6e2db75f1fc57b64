package io.gristmill.salesforce;

import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gristmill.aws.TokenVault;
import io.gristmill.connect.ConnectTestSupport;
import io.gristmill.testing.CapturedLogs;
import io.gristmill.testing.ConnectProfile;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The token provider the poller uses, against the simulated org's OAuth server and REST API. */
@QuarkusTest
@TestProfile(ConnectProfile.class)
class SalesforceTokensTest {

    @Inject
    SalesforceTokens tokens;

    @Inject
    TokenVault vault;

    SimulatedSalesforce salesforce;

    @BeforeEach
    void freshOrg() {
        salesforce = SimulatedSalesforceResource.salesforce();
        salesforce.reset();
    }

    private String connected() {
        String tenant = Ids.tenant();
        ConnectTestSupport.connect(tenant);
        return tenant;
    }

    @Test
    void the_stored_token_is_reused_without_refreshing() {
        String tenant = connected();
        int before = salesforce.refreshGrants();

        assertThat(tokens.withAccessToken(tenant, SalesforceCalls::limits)).contains("DailyApiRequests");
        assertThat(tokens.withAccessToken(tenant, SalesforceCalls::limits)).contains("DailyApiRequests");

        assertThat(salesforce.refreshGrants()).isEqualTo(before);
    }

    @Test
    void an_expired_session_is_refreshed_once_and_the_call_retried() {
        String tenant = connected();
        String oldAccess = vault.read(tenant, "salesforce").orElseThrow().field("access_token");
        salesforce.expireAccessTokens();
        int before = salesforce.refreshGrants();

        assertThat(tokens.withAccessToken(tenant, SalesforceCalls::limits)).contains("DailyApiRequests");

        assertThat(salesforce.refreshGrants()).isEqualTo(before + 1);
        assertThat(vault.read(tenant, "salesforce").orElseThrow().field("access_token")).isNotEqualTo(oldAccess);
    }

    @Test
    void a_refresh_whose_answer_is_lost_is_not_sent_again_and_one_invalid_grant_after_it_is_not_yet_a_disconnect() {
        // Salesforce rotates refresh tokens and answers this refresh after the 3 s read timeout:
        // it used up the stored refresh token, and the new one never reached us.
        salesforce.rotateRefreshTokens(true).refreshDelay(4000);
        String tenant = connected();
        salesforce.expireAccessTokens();
        int before = salesforce.refreshGrants();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tokens.withAccessToken(tenant, SalesforceCalls::limits))
                .isInstanceOf(SalesforceGrantInDoubtException.class);
        assertThat(salesforce.refreshGrants() - before).as("a grant that may have been used is not sent again").isEqualTo(1);
        assertThat(ConnectTestSupport.state(tenant)).isEqualTo("connected");

        sleepUntilTheLostRefreshWasProcessed();
        salesforce.refreshDelay(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tokens.withAccessToken(tenant, SalesforceCalls::limits))
                .isInstanceOf(SalesforceUnavailableException.class).isNotInstanceOf(ConnectionNeedsReauthException.class);
        assertThat(ConnectTestSupport.state(tenant)).as("one refusal right after a lost answer is not yet a revocation").isEqualTo("connected");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tokens.withAccessToken(tenant, SalesforceCalls::limits))
                .isInstanceOf(ConnectionNeedsReauthException.class);
        assertThat(ConnectTestSupport.state(tenant)).isEqualTo("reconnect_required");
    }

    /** Salesforce finishes the refresh whose answer was lost (4 s) a second after the client gave up (3 s). */
    private static void sleepUntilTheLostRefreshWasProcessed() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void ten_concurrent_callers_during_rotation_cause_exactly_one_refresh_and_the_connection_keeps_working() throws Exception {
        salesforce.rotateRefreshTokens(true).refreshDelay(300);
        String tenant = connected();
        String firstRefresh = vault.read(tenant, "salesforce").orElseThrow().field("refresh_token");
        salesforce.expireAccessTokens();
        int before = salesforce.refreshGrants();

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Callable<String> caller = () -> {
                    go.await();
                    return tokens.withAccessToken(tenant, SalesforceCalls::limits);
                };
                results.add(pool.submit(caller));
            }
            go.countDown();
            for (Future<String> result : results) {
                assertThat(result.get()).contains("DailyApiRequests");
            }
        } finally {
            pool.shutdown();
        }

        assertThat(salesforce.refreshGrants() - before).as("refresh grants sent").isEqualTo(1);
        String rotated = vault.read(tenant, "salesforce").orElseThrow().field("refresh_token");
        assertThat(rotated).isNotEqualTo(firstRefresh);
        assertThat(salesforce.isLiveRefreshToken(rotated)).as("the stored refresh token is the live one").isTrue();

        salesforce.expireAccessTokens();
        assertThat(tokens.withAccessToken(tenant, SalesforceCalls::limits)).contains("DailyApiRequests");
        assertThat(salesforce.refreshGrants() - before).isEqualTo(2);
        assertThat(ConnectTestSupport.state(tenant)).isEqualTo("connected");
    }

    @Test
    void invalid_grant_marks_the_connection_reconnect_required_once_and_stops_refreshing() {
        String tenant = connected();
        salesforce.revokeEverything();
        String logs;
        try (CapturedLogs captured = new CapturedLogs("io.gristmill")) {
            assertThatThrownBy(() -> tokens.withAccessToken(tenant, SalesforceCalls::limits))
                    .isInstanceOf(ConnectionNeedsReauthException.class);
            int grantsAfterFirst = salesforce.refreshGrants();
            assertThatThrownBy(() -> tokens.withAccessToken(tenant, SalesforceCalls::limits))
                    .isInstanceOf(ConnectionNeedsReauthException.class);
            assertThat(salesforce.refreshGrants()).as("no more refresh attempts").isEqualTo(grantsAfterFirst);
            logs = captured.all();
        }
        assertThat(ConnectTestSupport.state(tenant)).isEqualTo("reconnect_required");
        assertThat(request("GET", "/connections").claims(admin(tenant)).send().body().at("/connections/0/reason").asText())
                .contains("reconnect");
        assertThat(logs.split("needs a reconnect", -1)).as("logged once").hasSize(2);

        ConnectTestSupport.connect(tenant);
        assertThat(ConnectTestSupport.state(tenant)).isEqualTo("connected");
        assertThat(tokens.withAccessToken(tenant, SalesforceCalls::limits)).contains("DailyApiRequests");
    }

    @Test
    void a_refresh_that_meets_salesforce_maintenance_is_retried_with_backoff() {
        String tenant = connected();
        salesforce.expireAccessTokens();
        salesforce.failNextTokenRequests(2);
        int before = salesforce.tokenRequests();

        assertThat(tokens.withAccessToken(tenant, SalesforceCalls::limits)).contains("DailyApiRequests");

        assertThat(salesforce.tokenRequests() - before).as("two 503s, then success").isEqualTo(3);
    }

    @Test
    void salesforce_down_for_longer_fails_the_call_but_keeps_the_connection() {
        String tenant = connected();
        salesforce.expireAccessTokens();
        salesforce.failNextTokenRequests(10);
        int before = salesforce.tokenRequests();

        assertThatThrownBy(() -> tokens.withAccessToken(tenant, SalesforceCalls::limits))
                .isInstanceOf(SalesforceUnavailableException.class);

        assertThat(salesforce.tokenRequests() - before).as("bounded: 1 try + 2 retries").isEqualTo(3);
        assertThat(ConnectTestSupport.state(tenant)).isEqualTo("connected");
        salesforce.failNextTokenRequests(0);
        assertThat(tokens.withAccessToken(tenant, SalesforceCalls::limits)).contains("DailyApiRequests");
    }

    @Test
    void a_tenant_without_a_connection_gets_a_clear_error() {
        assertThatThrownBy(() -> tokens.current(Ids.tenant())).isInstanceOf(NotConnectedException.class);
    }

    @Test
    void the_access_token_is_not_in_its_string_form() {
        String tenant = connected();
        AccessToken token = tokens.current(tenant);
        assertThat(token.toString()).doesNotContain(token.value());
    }
}
