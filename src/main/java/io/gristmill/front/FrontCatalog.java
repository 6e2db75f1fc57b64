package io.gristmill.front;

import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.str;
import static io.gristmill.aws.Table.tenantKey;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The ids of the inboxes and teams of a tenant's Front account ({@code T#t / FRONT#catalog}), as
 * reconciliation last read them: settings refuse an inbox or team Front does not have.
 */
@ApplicationScoped
public class FrontCatalog {
    private final DynamoDbClient dynamo;
    private final String table;

    public record Known(Set<String> inboxes, Set<String> teams, Instant readAt) {
    }

    public FrontCatalog(DynamoDbClient dynamo, GristmillConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    public Optional<Known> get(String tenantId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(tenantId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Known(ids(item, "inboxes"), ids(item, "teams"), Instant.parse(str(item, "readAt"))));
    }

    public void put(String tenantId, List<String> inboxes, List<String> teams, Instant readAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId));
        item.put("type", s("front-catalog"));
        item.put("inboxes", AttributeValue.fromL(inboxes.stream().map(Table::s).toList()));
        item.put("teams", AttributeValue.fromL(teams.stream().map(Table::s).toList()));
        item.put("readAt", s(readAt.toString()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** Ids among {@code chosen} that the account does not have; none when the catalog was never read. */
    public List<String> unknown(String tenantId, List<String> inboxes, List<String> teams) {
        Optional<Known> known = get(tenantId);
        if (known.isEmpty()) {
            return List.of();
        }
        List<String> unknown = new java.util.ArrayList<>();
        inboxes.stream().filter(id -> !known.get().inboxes().contains(id)).forEach(unknown::add);
        teams.stream().filter(id -> !known.get().teams().contains(id)).forEach(unknown::add);
        return unknown;
    }

    private static Set<String> ids(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Set.copyOf(item.get(name).l().stream().map(AttributeValue::s).toList()) : Set.of();
    }

    private static Map<String, AttributeValue> key(String tenantId) {
        return Table.key(tenantKey(tenantId), "FRONT#catalog");
    }
}
