package io.gristmill.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gristmill.aws.TokenVault;
import io.gristmill.connect.ConnectTestSupport;
import io.gristmill.testing.AwsFaultsProfile;
import io.gristmill.testing.FaultyAwsEndpoint;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Secrets Manager failing while an org's tokens are refreshed, with refresh-token rotation on (a
 * used refresh token is dead): no token is ever lost, the connection stays connected, the
 * status says why, and a rotation is never half applied.
 */
@QuarkusTest
@TestProfile(AwsFaultsProfile.class)
class SecretsManagerFaultsTest {
    private static final Logger LOG = Logger.getLogger(SecretsManagerFaultsTest.class);

    @Inject
    SalesforceTokens tokens;
    @Inject
    SalesforcePoller poller;
    @Inject
    TokenVault vault;

    SimulatedSalesforce salesforce;
    final FaultyAwsEndpoint secrets = AwsFaultsProfile.secrets();

    @BeforeEach
    void rotatingOrg() {
        salesforce = SimulatedSalesforceResource.salesforce();
        salesforce.reset();
        salesforce.rotateRefreshTokens(true);
    }

    @AfterEach
    void secretsManagerBack() {
        secrets.reset();
    }

    private String connected() {
        String tenant = Ids.tenant();
        ConnectTestSupport.connect(tenant);
        return tenant;
    }

    private void assertConnectedWithTheLiveToken(String tenant) {
        assertThat(ConnectTestSupport.state(tenant)).isEqualTo("connected");
        String stored = vault.read(tenant, "salesforce").orElseThrow().field("refresh_token");
        assertThat(salesforce.isLiveRefreshToken(stored)).as("the stored refresh token is the live one: nothing lost").isTrue();
        assertThat(tokens.withAccessToken(tenant, SalesforceCalls::limits)).contains("DailyApiRequests");
    }

    @Test
    void with_secrets_manager_down_no_refresh_is_asked_for_and_nothing_is_lost() {
        String tenant = connected();
        salesforce.expireAccessTokens();
        int grants = salesforce.refreshGrants();

        secrets.faults(1.0);
        assertThatThrownBy(() -> tokens.withAccessToken(tenant, SalesforceCalls::limits)).isInstanceOf(SdkException.class);
        secrets.faults(0);

        assertThat(salesforce.refreshGrants()).as("no refresh token used up").isEqualTo(grants);
        assertConnectedWithTheLiveToken(tenant);
    }

    @Test
    void when_secrets_manager_refuses_writes_no_refresh_is_asked_for_since_its_result_could_not_be_kept() {
        String tenant = connected();
        salesforce.expireAccessTokens();
        int grants = salesforce.refreshGrants();

        secrets.only(FaultyAwsEndpoint.operationsNamed(List.of("PutSecretValue", "UpdateSecretVersionStage"))).faults(1.0);
        assertThatThrownBy(() -> tokens.withAccessToken(tenant, SalesforceCalls::limits)).isInstanceOf(SdkException.class);
        secrets.reset();

        assertThat(salesforce.refreshGrants()).as("no refresh token used up").isEqualTo(grants);
        assertConnectedWithTheLiveToken(tenant);
    }

    @Test
    void twenty_rotations_while_secrets_manager_fails_a_third_of_its_calls_lose_no_token() {
        String tenant = connected();
        secrets.faults(0.33).bursts(5, 3);
        int failures = 0;
        int faults = 0;
        try {
            for (int rotation = 0; rotation < 20; rotation++) {
                salesforce.expireAccessTokens();
                boolean refreshed = false;
                for (int attempt = 0; attempt < 8 && !refreshed; attempt++) {
                    try {
                        tokens.withAccessToken(tenant, SalesforceCalls::limits);
                        refreshed = true;
                    } catch (SdkException | io.gristmill.aws.StaleSecretVersionException failedThisTime) {
                        failures++;
                    }
                }
                assertThat(refreshed).as("rotation " + rotation + " went through within 8 tries").isTrue();
                assertThat(ConnectTestSupport.state(tenant)).isEqualTo("connected");
            }
        } finally {
            faults = secrets.faultsInjected();
            LOG.infof("20 rotations under Secrets Manager faults: %d failed tries, %d faults of %d calls", failures, faults,
                    secrets.requests());
            secrets.reset();
        }
        assertThat(faults).isPositive();
        assertConnectedWithTheLiveToken(tenant);
    }

    @Test
    void a_poll_that_cannot_reach_secrets_manager_says_why_in_the_connection_status() {
        String tenant = connected();
        secrets.faults(1.0);
        assertThatThrownBy(() -> poller.poll(tenant)).isInstanceOf(SdkException.class);
        secrets.faults(0);

        assertThat(ConnectTestSupport.connectionField(tenant, "syncStatus")).contains("failed this cycle").contains("AWS");
        assertThat(ConnectTestSupport.state(tenant)).isEqualTo("connected");
    }
}
