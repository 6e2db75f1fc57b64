package io.gristmill.warmup;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.activity.Activity;
import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import io.gristmill.front.FrontEvent;
import io.gristmill.front.FrontMapper;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * SnapStart priming for the JVM build (docs/deploy.md, "SnapStart"): with SnapStart on, Lambda
 * initializes a published version once and snapshots it; this runtime hook runs just before the
 * snapshot and does, once, what every cold first event would otherwise pay for — building the SDK
 * clients and their first signed request (a read of a key that never exists), and Jackson's first
 * parse and write of an event and an activity. Nothing tenant-specific or secret is read, so the
 * snapshot holds no data and no credentials of ours. Without SnapStart (native build, or SnapStart
 * off) the hook is registered and never called.
 */
@ApplicationScoped
public class SnapStartPriming implements Resource {
    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class);
    /** A Front event of the kind webhooks carry (recorded shape, metadata only). */
    private static final String SAMPLE_EVENT = """
            {"id":"evt_priming","type":"assign","emitted_at":1700000000.000,
             "source":{"_meta":{"type":"teammate"},"data":{"id":"tea_priming"}},
             "target":{"_meta":{"type":"teammate"},"data":{"id":"tea_priming"}},
             "conversation":{"id":"cnv_priming","status":"assigned","assignee":{"id":"tea_priming"}}}
            """;

    private final DynamoDbClient dynamo;
    private final SecretsManagerClient secrets;
    private final ObjectMapper json;
    private final String table;

    public SnapStartPriming(DynamoDbClient dynamo, SecretsManagerClient secrets, ObjectMapper json, GristmillConfig config) {
        this.dynamo = dynamo;
        this.secrets = secrets;
        this.json = json;
        this.table = config.table();
    }

    void register(@Observes StartupEvent started) {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: priming kept no data, time or credentials.
    }

    /** What the first event of any function would do first; returns what it read (nothing, by design). */
    Optional<Map<String, ?>> prime() {
        long started = System.nanoTime();
        try {
            secrets.serviceClientConfiguration(); // builds the client; reads no secret
            JsonNode event = json.readTree(SAMPLE_EVENT);
            Optional<Activity> activity = FrontMapper.map("t-priming", FrontEvent.parse(event, null), (teammate, at) -> Optional.empty());
            json.writeValueAsString(activity.map(Activity::metadata).orElse(Map.of()));
            var item = dynamo.getItem(b -> b.tableName(table).key(Table.key("PRIMING#" + Instant.EPOCH, "PRIMING"))).item();
            LOG.infof("Primed for SnapStart in %d ms", (System.nanoTime() - started) / 1_000_000);
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
        } catch (Exception notPrimed) {
            // Priming only saves time: a snapshot without it still works.
            LOG.warnf("SnapStart priming skipped: %s", notPrimed.toString());
            return Optional.empty();
        }
    }
}
