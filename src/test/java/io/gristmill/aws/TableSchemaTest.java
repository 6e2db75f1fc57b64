package io.gristmill.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.gristmill.testing.LocalAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The table tests use is the one template.yaml declares: same keys, indexes and TTL. */
class TableSchemaTest {

    @Test
    void the_test_table_has_the_keys_indexes_and_ttl_of_template_yaml() {
        LocalAws aws = LocalAws.get();
        try (DynamoDbClient dynamo = aws.dynamo()) {
            TableDescription table = dynamo.describeTable(b -> b.tableName(LocalAws.TABLE)).table();

            assertThat(table.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly(Table.PK, Table.SK);
            assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName()).containsExactlyInAnyOrder(Table.GSI1, Table.GSI2);
            assertThat(table.globalSecondaryIndexes()).filteredOn(i -> i.indexName().equals(Table.GSI1))
                    .flatExtracting(i -> i.keySchema()).extracting(KeySchemaElement::attributeName)
                    .containsExactly(Table.GSI1PK, Table.GSI1SK);
            assertThat(table.globalSecondaryIndexes()).filteredOn(i -> i.indexName().equals(Table.GSI2))
                    .flatExtracting(i -> i.keySchema()).extracting(KeySchemaElement::attributeName)
                    .containsExactly(Table.GSI2PK, Table.GSI2SK);
            assertThat(dynamo.describeTimeToLive(b -> b.tableName(LocalAws.TABLE)).timeToLiveDescription().attributeName())
                    .isEqualTo(Table.EXPIRES_AT);
        }
    }

    @Test
    void the_template_declares_the_ttl_attribute_the_code_writes() {
        TableSchema schema = TableSchema.fromTemplate(LocalAws.projectDir().resolve("template.yaml"));

        assertThat(schema.ttlAttribute()).isEqualTo(Table.EXPIRES_AT);
    }
}
