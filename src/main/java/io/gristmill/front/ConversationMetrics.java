package io.gristmill.front;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.gristmill.activity.Activity;

/**
 * What recaps measure about one Front conversation, computed from its stored activities in the
 * order Front emitted them ({@code occurredAt}), never the order they arrived — a reconciled event
 * can be stored hours after a later webhook. Ties are broken by the event id, so the result is
 * the same for any arrival order.
 *
 * @param firstResponse        first inbound message → first reply by a teammate after it (automatic
 *                             replies sent by the API or a rule do not count)
 * @param firstResponder       the employee credited with that reply (empty: unattributed or none)
 * @param repliesUntilResolved replies sent between the first inbound message and the first archive
 * @param resolution           first inbound message → first archive (the first resolution)
 * @param resolved             whether the conversation's latest state is archived
 * @param reopens              how often it was reopened
 * @param firstReply           the activity of that first reply (evidence for the response time)
 * @param firstResolution      the activity of that first archive (evidence for the resolution time)
 */
public record ConversationMetrics(String conversationId, Optional<Duration> firstResponse, Optional<String> firstResponder,
        int repliesUntilResolved, Optional<Duration> resolution, boolean resolved, int reopens,
        Optional<Activity> firstReply, Optional<Activity> firstResolution) {

    public static final String RECEIVED = "front.message.received";
    public static final String SENT = "front.message.sent";
    public static final String ARCHIVED = "front.conversation.archived";
    public static final String REOPENED = "front.conversation.reopened";

    public static ConversationMetrics of(String conversationId, List<Activity> activities) {
        List<Activity> ordered = activities.stream()
                .filter(a -> conversationId.equals(a.sourceRecordId()))
                .sorted(Comparator.comparing(Activity::occurredAt).thenComparing(Activity::sourceFactId))
                .toList();
        Instant firstInbound = null;
        Activity firstReply = null;
        Activity firstArchive = null;
        int replies = 0;
        int reopens = 0;
        boolean resolved = false;
        for (Activity a : ordered) {
            switch (a.kind()) {
                case RECEIVED -> firstInbound = firstInbound == null ? a.occurredAt() : firstInbound;
                case SENT -> {
                    if ("true".equals(a.metadata().get(FrontMapper.AUTOMATIC))) {
                        continue; // an automatic acknowledgement is nobody's response
                    }
                    if (firstInbound != null && firstReply == null) {
                        firstReply = a;
                    }
                    if (firstInbound != null && firstArchive == null) {
                        replies++;
                    }
                }
                case ARCHIVED -> {
                    resolved = true;
                    if (firstInbound != null && firstArchive == null) {
                        firstArchive = a;
                    }
                }
                case REOPENED -> {
                    resolved = false;
                    reopens++;
                }
                default -> {
                    // assignments, tags, moves, comments: not part of these measures
                }
            }
        }
        Instant inbound = firstInbound;
        return new ConversationMetrics(conversationId,
                Optional.ofNullable(firstReply).map(r -> Duration.between(inbound, r.occurredAt())),
                Optional.ofNullable(firstReply).flatMap(Activity::employeeId),
                replies,
                Optional.ofNullable(firstArchive).map(archive -> Duration.between(inbound, archive.occurredAt())),
                resolved, reopens, Optional.ofNullable(firstReply), Optional.ofNullable(firstArchive));
    }
}
