package io.gristmill.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Proof by exhaustion: every item of the whole test table that mentions a value anywhere (a key, an attribute). */
public final class TableScan {
    private TableScan() {
    }

    public static List<Map<String, AttributeValue>> itemsMentioning(DynamoDbClient dynamo, String value) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(LocalAws.TABLE)).items().forEach(item -> {
            if (item.toString().contains(value)) {
                items.add(item);
            }
        });
        return items;
    }
}
