package io.gristmill.salesforce;

import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.str;
import static io.gristmill.aws.Table.tenantKey;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which fields each object has in a tenant's org ({@code T#t / DESCRIBE#salesforce#Object}),
 * from describe, reused for a day so that polls do not spend API calls on it. An object the org
 * lacks is remembered too (empty field list), with the reason.
 */
@ApplicationScoped
public class DescribeCache {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final SalesforceConfig config;

    /**
     * @param picklists for the few fields whose values are kept only when they are one of the org's
     *                  picklist values (free text otherwise): field → its active values
     */
    public record Described(List<String> fields, Optional<String> missingReason, Map<String, List<String>> picklists) {
        public Described(List<String> fields, Optional<String> missingReason) {
            this(fields, missingReason, Map.of());
        }
    }

    public DescribeCache(DynamoDbClient dynamo, GristmillConfig gristmill, SalesforceConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = gristmill.table();
        this.config = config;
        this.clock = clock;
    }

    public Described fields(String tenantId, String object, java.util.function.Supplier<Described> describe) {
        return cached(tenantId, object).orElseGet(() -> remember(tenantId, object, describe.get()));
    }

    /** The object's fields as described less than {@code describeCache} ago, if they are. */
    public Optional<Described> cached(String tenantId, String object) {
        return fresh(dynamo.getItem(b -> b.tableName(table).key(key(tenantId, object))).item());
    }

    /** Every object's fresh describe of the tenant, in one Query (a poll asks for all of them at once). */
    public Map<String, Described> cachedAll(String tenantId) {
        Map<String, Described> all = new HashMap<>();
        String prefix = "DESCRIBE#salesforce#";
        dynamo.queryPaginator(b -> Table.withPrefix(b, table, tenantKey(tenantId), prefix))
                .items().forEach(item -> fresh(item).ifPresent(d -> all.put(str(item, Table.SK).substring(prefix.length()), d)));
        return all;
    }

    private Optional<Described> fresh(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty() || !Instant.parse(str(item, "fetchedAt")).plus(config.describeCache()).isAfter(clock.instant())) {
            return Optional.empty();
        }
        Map<String, List<String>> picklists = new HashMap<>();
        if (item.containsKey("picklists")) {
            item.get("picklists").m().forEach((field, values) -> picklists.put(field, values.l().stream().map(AttributeValue::s).toList()));
        }
        return Optional.of(new Described(item.get("fields").l().stream().map(AttributeValue::s).toList(),
                Optional.ofNullable(str(item, "missingReason")), picklists));
    }

    /** Keeps a fresh describe for {@code describeCache}; returns it. */
    public Described remember(String tenantId, String object, Described fresh) {
        Map<String, AttributeValue> write = new HashMap<>(key(tenantId, object));
        write.put("type", s("describe"));
        write.put("fields", AttributeValue.fromL(fresh.fields().stream().map(Table::s).toList()));
        fresh.missingReason().ifPresent(r -> write.put("missingReason", s(r)));
        if (!fresh.picklists().isEmpty()) {
            Map<String, AttributeValue> picklists = new HashMap<>();
            fresh.picklists().forEach((field, values) -> picklists.put(field, AttributeValue.fromL(values.stream().map(Table::s).toList())));
            write.put("picklists", AttributeValue.fromM(picklists));
        }
        write.put("fetchedAt", s(clock.instant().toString()));
        dynamo.putItem(b -> b.tableName(table).item(write));
        return fresh;
    }

    /** Forgets an object's fields (the org changed: a field went away). */
    public void forget(String tenantId, String object) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(tenantId, object)));
    }

    private static Map<String, AttributeValue> key(String tenantId, String object) {
        return Table.key(tenantKey(tenantId), "DESCRIBE#salesforce#" + object);
    }
}
