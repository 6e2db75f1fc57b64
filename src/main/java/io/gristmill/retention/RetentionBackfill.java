package io.gristmill.retention;

import static io.gristmill.aws.Table.EXPIRES_AT;
import static io.gristmill.aws.Table.PK;
import static io.gristmill.aws.Table.SK;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.RetentionPolicy;
import io.gristmill.config.GristmillConfig;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.recap.IsoWeek;
import io.gristmill.recap.RecapStore;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Applies a changed retention to what is already stored: every activity and recap item written
 * with another retention gets the expiry the current setting gives it (activity: months after it
 * happened; a recap: months after its week). Items carry the months their expiry was computed
 * with, so a run skips what it or an earlier run updated, and runs within a time budget: calling
 * it again continues, and it reports when nothing is left.
 */
@ApplicationScoped
public class RetentionBackfill {
    private static final Logger LOG = Logger.getLogger(RetentionBackfill.class);

    private final DynamoDbClient dynamo;
    private final ActivityStore activities;
    private final RecapStore recaps;
    private final EmployeeDirectory directory;
    private final TenantSettingsStore settings;
    private final String table;
    private final Clock clock;

    public RetentionBackfill(DynamoDbClient dynamo, ActivityStore activities, RecapStore recaps, EmployeeDirectory directory,
            TenantSettingsStore settings, GristmillConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.activities = activities;
        this.recaps = recaps;
        this.directory = directory;
        this.settings = settings;
        this.table = config.table();
        this.clock = clock;
    }

    public record Applied(int retentionMonths, int itemsUpdated, boolean finished) {
    }

    public Applied apply(String tenantId, Duration budget) {
        TenantSettings tenant = settings.get(tenantId).settings();
        int months = tenant.retentionMonths();
        Instant deadline = clock.instant().plus(budget);
        List<String> employees = directory.allIds(tenantId);
        int updated = 0;
        List<QueryRequest> activityQueries = new ArrayList<>();
        employees.forEach(e -> activityQueries.add(activities.creditedTo(tenantId, e)));
        activityQueries.add(activities.unattributed(tenantId));
        for (QueryRequest query : activityQueries) {
            for (Map<String, AttributeValue> item : dynamo.queryPaginator(otherRetention(query, months)).items()) {
                if (clock.instant().isAfter(deadline)) {
                    return new Applied(months, updated, false);
                }
                updated += update(item, expiry(Instant.parse(item.get("occurredAt").s()), months), months);
            }
        }
        for (String employee : employees) {
            QueryRequest everything = recaps.everything(tenantId, employee).toBuilder().projectionExpression(null).build();
            for (Map<String, AttributeValue> item : dynamo.queryPaginator(otherRetention(everything, months)).items()) {
                if (clock.instant().isAfter(deadline)) {
                    return new Applied(months, updated, false);
                }
                IsoWeek week = IsoWeek.parse(item.get(SK).s().substring(0, 8));
                updated += update(item, expiry(week.end(tenant.zone(), tenant.weekStart()), months), months);
            }
        }
        LOG.infof("Retention of %d months applied to %d stored items of tenant %s", months, updated, tenantId);
        return new Applied(months, updated, true);
    }

    /** The same rule as {@link RetentionPolicy#expiresAt}, with the months just read (not a cached value). */
    private static long expiry(Instant basis, int months) {
        return basis.atZone(java.time.ZoneOffset.UTC).plusMonths(months).toEpochSecond();
    }

    /** The query, keeping only items whose expiry was computed with another retention (or none). */
    private static QueryRequest otherRetention(QueryRequest query, int months) {
        Map<String, String> names = new java.util.HashMap<>(query.expressionAttributeNames());
        names.put("#months", ActivityStore.RETENTION_MONTHS);
        Map<String, AttributeValue> values = new java.util.HashMap<>(query.expressionAttributeValues());
        values.put(":months", AttributeValue.fromN(Integer.toString(months)));
        return query.toBuilder().filterExpression("attribute_not_exists(#months) OR #months <> :months")
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    private int update(Map<String, AttributeValue> item, long expiresAt, int months) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of(PK, item.get(PK), SK, item.get(SK)))
                    .updateExpression("SET #expires = :expires, #months = :months")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#expires", EXPIRES_AT, "#months", ActivityStore.RETENTION_MONTHS, "#pk", PK))
                    .expressionAttributeValues(Map.of(":expires", AttributeValue.fromN(Long.toString(expiresAt)),
                            ":months", AttributeValue.fromN(Integer.toString(months)))));
            return 1;
        } catch (ConditionalCheckFailedException goneMeanwhile) {
            return 0;
        }
    }
}
