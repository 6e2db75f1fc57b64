package io.gristmill.recap;

import static io.gristmill.aws.Table.PK;
import static io.gristmill.aws.Table.SK;
import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.tenantKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Prompt templates: {@code PK = T#tenant}, {@code SK = TPL#<employee or ~tenant>#<templateId>}. */
@ApplicationScoped
public class PromptTemplateStore {
    static final String TENANT_OWNER = "~tenant";

    private final DynamoDbClient dynamo;
    private final ObjectMapper json;
    private final String table;

    public PromptTemplateStore(DynamoDbClient dynamo, ObjectMapper json, GristmillConfig config) {
        this.dynamo = dynamo;
        this.json = json;
        this.table = config.table();
    }

    public Optional<PromptTemplate> find(String tenantId, String owner, String templateId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Table.key(tenantKey(tenantId), sortKey(owner, templateId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    /** An owner's templates (an employee id, or {@link #TENANT_OWNER}), by name. */
    public List<PromptTemplate> list(String tenantId, String owner) {
        List<PromptTemplate> templates = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(tenantKey(tenantId)), ":prefix", s("TPL#" + owner + "#")))
                .consistentRead(true))
                .items().forEach(item -> templates.add(read(item)));
        templates.sort(Comparator.comparing(PromptTemplate::name).thenComparing(PromptTemplate::templateId));
        return templates;
    }

    /** The tenant default: the most recently saved tenant template marked default. */
    public Optional<PromptTemplate> tenantDefault(String tenantId) {
        return list(tenantId, TENANT_OWNER).stream().filter(PromptTemplate::tenantDefault)
                .max(Comparator.comparing(PromptTemplate::updatedAt));
    }

    /** Creates or overwrites; {@code mustExist} refuses to recreate one deleted meanwhile. */
    public boolean save(String tenantId, PromptTemplate template, boolean mustExist) {
        String owner = template.ownerId() == null ? TENANT_OWNER : template.ownerId();
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(PK, s(tenantKey(tenantId)), SK, s(sortKey(owner, template.templateId())),
                            "type", s("prompt_template"), "template", s(write(template))))
                    .conditionExpression(mustExist ? "attribute_exists(#pk)" : "attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public boolean delete(String tenantId, PromptTemplate template) {
        String owner = template.ownerId() == null ? TENANT_OWNER : template.ownerId();
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), sortKey(owner, template.templateId())))
                    .conditionExpression("attribute_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK)));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    /** Every template an employee owns, for erasure. */
    public software.amazon.awssdk.services.dynamodb.model.QueryRequest ownedBy(String tenantId, String employeeId) {
        return software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(tenantKey(tenantId)), ":prefix", s("TPL#" + employeeId + "#")))
                .build();
    }

    private static String sortKey(String owner, String templateId) {
        return "TPL#" + owner + "#" + templateId;
    }

    private PromptTemplate read(Map<String, AttributeValue> item) {
        try {
            return json.readValue(item.get("template").s(), PromptTemplate.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(PromptTemplate template) {
        try {
            return json.writeValueAsString(template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
