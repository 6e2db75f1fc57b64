package io.gristmill.activity;

import static io.gristmill.aws.Table.PK;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Stores an activity that belongs in a conversation digest: the conditional put and the digest
 * entry in one TransactWriteItems, so that one round trip still stores the activity once (the
 * put's condition is the dedupe) and the digest never lacks a stored activity. Two transactions
 * on the same digest at once conflict; the loser tries again after a short pause.
 */
final class DigestedWrite {
    private static final Logger LOG = Logger.getLogger(DigestedWrite.class);
    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ConversationDigests digests;

    DigestedWrite(DynamoDbClient dynamo, String table, ConversationDigests digests) {
        this.dynamo = dynamo;
        this.table = table;
        this.digests = digests;
    }

    /** {@code plainPut} stores the activity alone: for a conversation whose digest overflowed. */
    WriteOutcome record(Activity activity, Map<String, AttributeValue> item, Supplier<WriteOutcome> plainPut) {
        Put put = Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PK)).build();
        for (int attempt = 1;; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().put(put).build(),
                        TransactWriteItem.builder().update(digests.update(activity)).build()));
                return WriteOutcome.CREATED;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                if (failed(reasons, 0, "ConditionalCheckFailed")) {
                    return WriteOutcome.ALREADY_STORED;
                }
                if (failed(reasons, 1, "ConditionalCheckFailed")) {
                    return plainPut.get(); // the digest overflowed: this conversation is read in full
                }
                if (failed(reasons, 1, "ValidationError") && ConversationDigests.tooLarge(reasons.get(1).message())) {
                    return overflowed(activity, plainPut);
                }
                if (!reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code())) || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            } catch (DynamoDbException e) {
                if (!ConversationDigests.tooLarge(e.getMessage())) {
                    throw e;
                }
                return overflowed(activity, plainPut);
            }
        }
    }

    private WriteOutcome overflowed(Activity activity, Supplier<WriteOutcome> plainPut) {
        LOG.infof("Conversation %s of tenant %s outgrew its digest; recaps read its history in full", activity.sourceRecordId(),
                activity.tenantId());
        digests.overflow(activity.tenantId(), activity.sourceRecordId());
        return plainPut.get();
    }

    private static boolean failed(List<CancellationReason> reasons, int index, String code) {
        return reasons.size() > index && code.equals(reasons.get(index).code());
    }

    /** 20 ms, doubling, with jitter: transactions that collided should not collide again. */
    private static void pause(int attempt) {
        try {
            Thread.sleep((10L << attempt) + java.util.concurrent.ThreadLocalRandom.current().nextLong(10L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing activity", e);
        }
    }
}
