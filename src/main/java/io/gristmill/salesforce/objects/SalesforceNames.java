package io.gristmill.salesforce.objects;

import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.str;
import static io.gristmill.aws.Table.tenantKey;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Names of Salesforce roles and public groups by id ({@code T#t / SFNAME#role|group#id}), kept
 * because incremental polls only see the roles and groups that changed, while users and
 * memberships refer to all of them.
 */
@ApplicationScoped
public class SalesforceNames {
    private final DynamoDbClient dynamo;
    private final String table;

    public SalesforceNames(DynamoDbClient dynamo, GristmillConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    public void put(String tenantId, String kind, String id, String name) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, kind, id));
        item.put("type", s("salesforce-name"));
        item.put("name", s(name));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    public void remove(String tenantId, String kind, String id) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(tenantId, kind, id)));
    }

    public Optional<String> get(String tenantId, String kind, String id) {
        if (id == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(tenantId, kind, id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(str(item, "name"));
    }

    private static Map<String, AttributeValue> key(String tenantId, String kind, String id) {
        return Table.key(tenantKey(tenantId), "SFNAME#" + kind + "#" + id);
    }
}
