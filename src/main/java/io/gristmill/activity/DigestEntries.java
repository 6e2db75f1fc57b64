package io.gristmill.activity;

import static io.gristmill.aws.Table.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a conversation digest keeps of one activity: kind, time, the source's fact id and the two
 * metadata fields recaps measure with, as one attribute named after the activity's id, so that
 * storing it again, in any order, changes nothing. Only the kinds recaps measure conversations by
 * are kept (see {@code front.ConversationMetrics} and the recap's customer section): the inbound
 * and outbound messages, archive and reopen, tag and untag.
 */
final class DigestEntries {
    static final Set<String> KINDS = Set.of("front.message.received", "front.message.sent", "front.conversation.archived",
            "front.conversation.reopened", "front.conversation.tagged", "front.conversation.untagged");
    /** Metadata a recap reads from conversation history: a sent message's "automatic" mark and a tag's name. */
    static final List<String> METADATA = List.of("automatic", "tagName");
    static final String PREFIX = "e_";
    private static final String CONVERSATION = "conversationId";

    private DigestEntries() {
    }

    /** Whether the activity belongs in its conversation's digest. */
    static boolean digested(Activity a) {
        return a.source() == Source.FRONT && KINDS.contains(a.kind()) && a.sourceRecordId().equals(a.references().get(CONVERSATION));
    }

    static String attributeName(String activityId) {
        return PREFIX + activityId;
    }

    static AttributeValue entry(Activity a) {
        Map<String, AttributeValue> entry = new HashMap<>();
        entry.put("k", s(a.kind()));
        entry.put("t", s(a.occurredAt().toString()));
        entry.put("f", s(a.sourceFactId()));
        Map<String, AttributeValue> metadata = new HashMap<>();
        METADATA.forEach(key -> Optional.ofNullable(a.metadata().get(key)).ifPresent(v -> metadata.put(key, s(v))));
        if (!metadata.isEmpty()) {
            entry.put("m", AttributeValue.fromM(metadata));
        }
        return AttributeValue.fromM(entry);
    }

    /**
     * The activity an entry stands for, credited to nobody: who did it is read from the employee's
     * own timeline, which is where a recap looks for it.
     */
    static Activity activity(String tenantId, String conversationId, AttributeValue value) {
        Map<String, AttributeValue> entry = value.m();
        Map<String, String> metadata = new HashMap<>();
        entry.getOrDefault("m", AttributeValue.fromM(Map.of())).m().forEach((k, v) -> metadata.put(k, v.s()));
        return new Activity(tenantId, Optional.empty(), Instant.parse(entry.get("t").s()), Source.FRONT, entry.get("k").s(), conversationId,
                entry.get("f").s(), Map.of(CONVERSATION, conversationId), Map.of(), metadata);
    }
}
