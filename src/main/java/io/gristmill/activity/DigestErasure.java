package io.gristmill.activity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Keeps conversation digests true to an erasure: run over the same queries as the deletion and
 * before it, so that an interrupted erasure, run again, still finds what it has to take out.
 */
@ApplicationScoped
public class DigestErasure {
    private static final int PAGE = 100;

    private final DynamoDbClient dynamo;
    private final ConversationDigests digests;
    private final Clock clock;

    public DigestErasure(DynamoDbClient dynamo, ConversationDigests digests, Clock clock) {
        this.dynamo = dynamo;
        this.digests = digests;
        this.clock = clock;
    }

    /** Takes the entries of the activities a query finds out of their digests; false when the deadline came first. */
    public boolean forget(QueryRequest activities, Instant deadline) {
        List<Activity> page = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(activities).items()) {
            Activity activity = ActivityItems.fromItem(item);
            if (DigestEntries.digested(activity)) {
                page.add(activity);
            }
            if (page.size() == PAGE) {
                if (clock.instant().isAfter(deadline)) {
                    return false;
                }
                digests.forget(page);
                page.clear();
            }
        }
        digests.forget(page);
        return true;
    }

    /** Deletes the digests of the conversations the activities a query finds belong to (the whole tenant goes). */
    public boolean deleteAll(String tenantId, QueryRequest activities, Instant deadline) {
        Set<String> conversations = new LinkedHashSet<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(activities).items()) {
            Activity activity = ActivityItems.fromItem(item);
            if (DigestEntries.digested(activity)) {
                conversations.add(activity.sourceRecordId());
            }
            if (conversations.size() == PAGE) {
                if (clock.instant().isAfter(deadline)) {
                    return false;
                }
                digests.delete(tenantId, conversations);
                conversations.clear();
            }
        }
        digests.delete(tenantId, conversations);
        return true;
    }
}
