package io.gristmill.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gristmill.config.GristmillConfig;
import io.gristmill.testing.Ids;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Reading a Query one page ahead gives what the SDK's paginator gives (DynamoDB Local). */
@QuarkusTest
class QueryPagesAheadTest {
    @Inject
    DynamoDbClient dynamo;

    @Inject
    GristmillConfig config;

    private QueryRequest partition(String pk, int pageSize) {
        return QueryRequest.builder().tableName(config.table()).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Table.PK)).expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                .limit(pageSize).build();
    }

    @Test
    void every_item_of_every_page_comes_mapped_in_the_paginators_order() {
        String pk = "T#" + Ids.tenant() + "#PAGES";
        for (int i = 0; i < 23; i++) {
            String sk = "ITEM#%03d".formatted(i);
            dynamo.putItem(b -> b.tableName(config.table()).item(Table.key(pk, sk)));
        }
        List<String> paginated = new ArrayList<>();
        dynamo.queryPaginator(partition(pk, 5)).items().forEach(item -> paginated.add(item.get(Table.SK).s()));
        AtomicInteger mapped = new AtomicInteger();

        List<String> ahead = QueryPagesAhead.mapAll(dynamo, partition(pk, 5), item -> {
            mapped.incrementAndGet();
            return item.get(Table.SK).s();
        });

        assertThat(ahead).hasSize(23).isEqualTo(paginated);
        assertThat(mapped).hasValue(23);
        assertThat(QueryPagesAhead.mapAll(dynamo, partition(pk + "#NOTHING", 5), item -> item)).isEmpty();
    }

    @Test
    void a_failing_page_fails_the_read_with_the_sdks_own_exception() {
        QueryRequest missingTable = partition("T#x", 5).toBuilder().tableName("no-such-table").build();

        assertThatThrownBy(() -> QueryPagesAhead.mapAll(dynamo, missingTable, item -> item)).isInstanceOf(ResourceNotFoundException.class);
    }
}
