package io.gristmill.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;


import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.testing.AwsFaultsProfile;
import io.gristmill.testing.FaultyAwsEndpoint;
import io.gristmill.testing.FrontWebhookSigner;
import io.gristmill.testing.SimulatedFront;
import io.gristmill.testing.SimulatedFrontResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * 1,000 Front webhooks while DynamoDB fails at least 10 % of calls (some in bursts past the SDK's
 * retries): a delivery is answered 2xx only once its event is stored, and every failed one 5xx, so
 * that Front delivers it again; after the redeliveries every event is stored exactly once.
 */
@QuarkusTest
@TestProfile(AwsFaultsProfile.Webhooks.class)
class WebhookDynamoDbFaultsTest {
    private static final Logger LOG = Logger.getLogger(WebhookDynamoDbFaultsTest.class);
    private static final int EVENTS = 1000;

    @Inject
    ConnectionStore connections;
    @Inject
    TokenVault vault;
    @Inject
    ActivityStore activities;

    @Test
    void every_webhook_is_answered_2xx_only_once_stored_and_5xx_otherwise_so_redelivery_loses_nothing() throws Exception {
        FaultyAwsEndpoint dynamo = AwsFaultsProfile.dynamo();
        SimulatedFront front = SimulatedFrontResource.front();
        front.reset();
        String tenant = FrontWebhookSigner.connectedTenant(connections, vault, front);
        front.event("evt_template", "out_reply", Instant.now(), "cnv_faults", "inb_support", "tea_ada");
        String template = front.eventJson("evt_template");

        Set<String> pending = new LinkedHashSet<>();
        for (int i = 0; i < EVENTS; i++) {
            pending.add("evt_f" + i);
        }
        List<String> acknowledged = new ArrayList<>();
        int failedDeliveries = 0;
        int rounds = 0;
        dynamo.faults(0.10).bursts(20, 4);
        int requestsBefore = dynamo.requests();
        try {
            while (!pending.isEmpty() && rounds < 10) {
                rounds++;
                for (String eventId : List.copyOf(pending)) {
                    int status = deliver(template, front.company(), eventId);
                    assertThat(status / 100).as("never a 4xx for a signed event").isNotEqualTo(4);
                    if (status < 300) {
                        acknowledged.add(eventId);
                        pending.remove(eventId);
                    } else {
                        failedDeliveries++;
                    }
                }
            }
        } finally {
            LOG.infof("webhooks under DynamoDB faults: %d rounds, %d failed deliveries (5xx), %d requests, %d faults", rounds,
                    failedDeliveries, dynamo.requests() - requestsBefore, dynamo.faultsInjected());
            dynamo.reset();
        }

        assertThat(pending).as("delivered within 10 rounds").isEmpty();
        assertThat(failedDeliveries).as("some deliveries failed and were answered 5xx").isPositive();
        for (String eventId : acknowledged) {
            assertThat(activities.find(tenant, Activity.idOf(tenant, Source.FRONT, "front.message.sent", eventId)))
                    .as("acknowledged " + eventId + " is stored").isPresent();
        }
        assertThat(activities.forSourceRecord(tenant, Source.FRONT, "cnv_faults")).as("each event once").hasSize(EVENTS);
    }

    private static int deliver(String template, String company, String eventId) {
        return FrontWebhookSigner.appWebhook(FrontWebhookSigner.envelope(template, "evt_template", company, eventId), true).send().status();
    }
}
