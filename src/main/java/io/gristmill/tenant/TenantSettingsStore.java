package io.gristmill.tenant;

import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.str;
import static io.gristmill.aws.Table.tenantKey;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One settings item per tenant ({@code T#tenant / SETTINGS}), the settings as a JSON document. */
@ApplicationScoped
public class TenantSettingsStore {
    private static final String SETTINGS = "SETTINGS";
    private static final String NOTE_TEXT_PURGE = "noteTextPurgePending";

    private final DynamoDbClient dynamo;
    private final ObjectMapper json;
    private final String table;
    private final Clock clock;
    private final SalesforceObjectNames salesforceObjects;

    public TenantSettingsStore(DynamoDbClient dynamo, ObjectMapper json, GristmillConfig config, Clock clock,
            SalesforceObjectNames salesforceObjects) {
        this.salesforceObjects = salesforceObjects;
        this.dynamo = dynamo;
        this.json = json;
        this.table = config.table();
        this.clock = clock;
    }

    /** The tenant's settings, or the defaults when an admin never saved any. */
    public StoredSettings get(String tenantId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Table.key(tenantKey(tenantId), SETTINGS)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new StoredSettings(TenantSettings.DEFAULTS.withDefaults(salesforceObjects), null, null);
        }
        try {
            return new StoredSettings(json.readValue(str(item, "settings"), TenantSettings.class).withDefaults(salesforceObjects),
                    Instant.parse(str(item, "updatedAt")), str(item, "updatedBy"),
                    item.containsKey(NOTE_TEXT_PURGE) && item.get(NOTE_TEXT_PURGE).bool());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored settings of tenant " + tenantId + " are unreadable", e);
        }
    }

    /**
     * Saves the settings. Withdrawing the note-text opt-in marks the stored note text for removal
     * ({@link StoredSettings#noteTextPurgePending()}) in the same write.
     */
    public StoredSettings put(String tenantId, TenantSettings given, String updatedBy) {
        StoredSettings before = get(tenantId);
        Instant now = clock.instant();
        TenantSettings settings = given.withSummariesStamped(before.settings(), updatedBy, now);
        boolean purge = before.noteTextPurgePending()
                || (before.settings().salesforce().noteText() && !settings.salesforce().noteText());
        Map<String, AttributeValue> item = new HashMap<>(Table.key(tenantKey(tenantId), SETTINGS));
        item.put("type", s("settings"));
        try {
            item.put("settings", s(json.writeValueAsString(settings)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Settings cannot be written as JSON", e);
        }
        item.put("updatedAt", s(now.toString()));
        item.put("updatedBy", s(updatedBy));
        if (purge && !settings.salesforce().noteText()) {
            item.put(NOTE_TEXT_PURGE, AttributeValue.fromBool(true));
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
        return new StoredSettings(settings.withDefaults(salesforceObjects), now, updatedBy, item.containsKey(NOTE_TEXT_PURGE));
    }

    /** The stored note text is gone: clears the mark (unless the settings were replaced meanwhile). */
    public void noteTextPurged(String tenantId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), SETTINGS))
                    .updateExpression("REMOVE " + NOTE_TEXT_PURGE)
                    .conditionExpression("attribute_exists(" + NOTE_TEXT_PURGE + ")"));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException notMarked) {
            // nothing to clear
        }
    }
}
