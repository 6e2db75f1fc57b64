package io.gristmill.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * Creates the Gristmill table from the {@code AWS::DynamoDB::Table} resource in
 * {@code template.yaml}, so that tests, the local sandbox and AWS share one key schema that cannot
 * drift. Only the key schema, attribute definitions, indexes and TTL are taken; the rest (KMS,
 * point-in-time recovery) only matters in AWS.
 */
public final class TableSchema {
    /** Logical id of the table resource in template.yaml. */
    public static final String RESOURCE = "GristmillTable";

    private final JsonNode properties;

    private TableSchema(JsonNode properties) {
        this.properties = properties;
    }

    public static TableSchema fromTemplate(Path template) {
        try {
            // CloudFormation tags (!Ref, !Sub, ...) are read as plain values: the key schema never uses them.
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(template));
            JsonNode resource = root.path("Resources").path(RESOURCE);
            if (!"AWS::DynamoDB::Table".equals(resource.path("Type").asText())) {
                throw new IllegalStateException(template + " has no AWS::DynamoDB::Table resource named " + RESOURCE);
            }
            return new TableSchema(resource.path("Properties"));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the table definition from " + template, e);
        }
    }

    public String ttlAttribute() {
        return properties.path("TimeToLiveSpecification").path("AttributeName").asText(null);
    }

    public CreateTableRequest createRequest(String tableName) {
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (JsonNode gsi : properties.path("GlobalSecondaryIndexes")) {
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(gsi.path("IndexName").asText())
                    .keySchema(keySchema(gsi.path("KeySchema")))
                    .projection(Projection.builder().projectionType(gsi.path("Projection").path("ProjectionType").asText("ALL")).build())
                    .build());
        }
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (JsonNode attribute : properties.path("AttributeDefinitions")) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName(attribute.path("AttributeName").asText())
                    .attributeType(attribute.path("AttributeType").asText())
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(properties.path("KeySchema")));
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        return request.build();
    }

    /** Creates the table (and its TTL) unless it exists already. */
    public void createIfMissing(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.createTable(createRequest(tableName));
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        String ttl = ttlAttribute();
        if (ttl != null) {
            dynamo.updateTimeToLive(b -> b.tableName(tableName)
                    .timeToLiveSpecification(TimeToLiveSpecification.builder().attributeName(ttl).enabled(true).build()));
        }
    }

    private static List<KeySchemaElement> keySchema(JsonNode keys) {
        List<KeySchemaElement> schema = new ArrayList<>();
        for (JsonNode key : keys) {
            schema.add(KeySchemaElement.builder()
                    .attributeName(key.path("AttributeName").asText())
                    .keyType(key.path("KeyType").asText())
                    .build());
        }
        return schema;
    }
}
