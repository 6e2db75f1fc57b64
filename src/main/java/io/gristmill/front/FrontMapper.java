package io.gristmill.front;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.activity.Activity;
import io.gristmill.activity.Source;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.IdentityKind;

/**
 * Front event → activity, credited to the teammate who acted: the message author for replies,
 * the conversation's assignee for inbound messages, otherwise the teammate who triggered the
 * event. Unknown event types map to nothing (they are recorded as ignored). A phone call is one
 * activity however many events it emits, keyed by the call's message.
 */
@ApplicationScoped
public class FrontMapper {
    private final EmployeeDirectory directory;

    public FrontMapper(EmployeeDirectory directory) {
        this.directory = directory;
    }

    /** Who is credited with what a Front teammate did at a time (empty: unattributed). */
    @FunctionalInterface
    public interface Credit {
        Optional<String> employeeFor(String teammateId, java.time.Instant at);
    }

    /** Maps with the directory's attribution. */
    public Optional<Activity> map(String tenantId, FrontEvent event) {
        return map(tenantId, event, (teammate, at) -> directory.creditFor(tenantId, IdentityKind.FRONT, teammate, at));
    }

    public static Optional<Activity> map(String tenantId, FrontEvent event, Credit credit) {
        String kind = kind(event.type());
        if (kind == null) {
            return Optional.empty();
        }
        Optional<String> actor = switch (event.type()) {
            case "outbound", "out_reply" -> event.messageAuthorId().or(event::actingTeammateId);
            case "inbound" -> event.assigneeId();
            case "call_connected" -> event.actingTeammateId().or(event::messageAuthorId);
            // Nobody acted: the caller hung up before reaching anyone; a reminder fired.
            case "call_abandoned", "reminder" -> Optional.empty();
            default -> event.actingTeammateId();
        };
        Optional<String> employee = actor.flatMap(teammate -> credit.employeeFor(teammate, event.emittedAt()));
        Map<String, String> refs = new HashMap<>();
        event.conversationId().ifPresent(c -> refs.put("conversationId", c));
        Map<String, String> meta = new HashMap<>();
        meta.put("eventType", event.type());
        event.sourceType().ifPresent(t -> meta.put("sourceType", t));
        actor.ifPresent(a -> meta.put("frontTeammateId", a));
        event.targetTeammateId().ifPresent(t -> meta.put("targetTeammateId", t));
        event.tagId().ifPresent(t -> meta.put("tagId", t));
        event.tagName().ifPresent(t -> meta.put("tagName", t.length() > 100 ? t.substring(0, 100) : t));
        if (kind.equals("front.message.sent") && actor.isEmpty()) {
            // Sent by the API, a rule or an integration with no teammate author: an automatic
            // acknowledgement, not a person's reply (and never a first response).
            meta.put(AUTOMATIC, "true");
        }
        Map<String, java.math.BigDecimal> measures = new HashMap<>();
        String fact = event.id();
        if (event.type().startsWith("call_")) {
            fact = callFact(event);
            event.callSeconds().ifPresent(seconds -> measures.put(CALL_SECONDS, seconds));
        }
        return Optional.of(new Activity(tenantId, employee, event.emittedAt(), Source.FRONT, kind,
                event.conversationId().orElse(event.id()), fact, refs, measures, meta));
    }

    /** Marks a sent message that no teammate wrote. */
    public static final String AUTOMATIC = "automatic";
    static final String CALL_SECONDS = "durationSeconds";

    /**
     * A call's end: the id of its handled-call activity and how long it lasted, when Front gives
     * the duration ({@code call_hangup} targets the call's message, whose {@code metadata.duration}
     * is in seconds). The call itself is recorded once, when it connects.
     */
    public Optional<Map.Entry<String, java.math.BigDecimal>> callDuration(String tenantId, FrontEvent event) {
        if (!"call_hangup".equals(event.type()) || event.targetMessageId().isEmpty() || event.callSeconds().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(Activity.idOf(tenantId, Source.FRONT, HANDLED, callFact(event)), event.callSeconds().get()));
    }

    /** One call, one fact: every event of a call targets its message. */
    private static String callFact(FrontEvent event) {
        return "call:" + event.targetMessageId().orElse(event.id());
    }

    static final String HANDLED = "front.call.handled";

    static String kind(String type) {
        if (type.startsWith("call_")) {
            // A call is a lifecycle of events (started, queued, connected, on hold, resumed,
            // transferred, hangup, transcript): only its outcome is a fact.
            return switch (type) {
                case "call_connected" -> HANDLED;
                case "call_missed" -> "front.call.missed";
                case "call_abandoned" -> "front.call.abandoned";
                default -> null;
            };
        }
        return switch (type) {
            case "inbound" -> "front.message.received";
            case "outbound", "out_reply" -> "front.message.sent";
            case "assign" -> "front.conversation.assigned";
            case "unassign" -> "front.conversation.unassigned";
            case "archive" -> "front.conversation.archived";
            case "reopen", "reminder" -> "front.conversation.reopened"; // a reminder reopens the conversation
            case "tag" -> "front.conversation.tagged";
            case "untag" -> "front.conversation.untagged";
            case "comment" -> "front.comment.added";
            case "move" -> "front.conversation.moved";
            case "ticket_status_update" -> "front.ticket.status_changed";
            default -> null;
        };
    }
}
