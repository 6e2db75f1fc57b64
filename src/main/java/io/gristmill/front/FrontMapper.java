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
 * event. Unknown event types map to nothing (they are recorded as ignored).
 */
@ApplicationScoped
public class FrontMapper {
    private final EmployeeDirectory directory;

    public FrontMapper(EmployeeDirectory directory) {
        this.directory = directory;
    }

    public Optional<Activity> map(String tenantId, FrontEvent event) {
        String kind = kind(event.type());
        if (kind == null) {
            return Optional.empty();
        }
        Optional<String> actor = switch (event.type()) {
            case "outbound", "out_reply" -> event.messageAuthorId().or(event::actingTeammateId);
            case "inbound" -> event.assigneeId();
            default -> event.actingTeammateId();
        };
        Optional<String> employee = actor.flatMap(teammate -> directory.creditFor(tenantId, IdentityKind.FRONT, teammate, event.emittedAt()));
        Map<String, String> refs = new HashMap<>();
        event.conversationId().ifPresent(c -> refs.put("conversationId", c));
        Map<String, String> meta = new HashMap<>();
        meta.put("eventType", event.type());
        actor.ifPresent(a -> meta.put("frontTeammateId", a));
        event.targetTeammateId().ifPresent(t -> meta.put("targetTeammateId", t));
        event.tagId().ifPresent(t -> meta.put("tagId", t));
        event.tagName().ifPresent(t -> meta.put("tagName", t.length() > 100 ? t.substring(0, 100) : t));
        return Optional.of(new Activity(tenantId, employee, event.emittedAt(), Source.FRONT, kind,
                event.conversationId().orElse(event.id()), event.id(), refs, Map.of(), meta));
    }

    static String kind(String type) {
        if (type.startsWith("call_")) {
            return "call_missed".equals(type) ? "front.call.missed" : "front.call.handled";
        }
        return switch (type) {
            case "inbound" -> "front.message.received";
            case "outbound", "out_reply" -> "front.message.sent";
            case "assign" -> "front.conversation.assigned";
            case "unassign" -> "front.conversation.unassigned";
            case "archive" -> "front.conversation.archived";
            case "reopen" -> "front.conversation.reopened";
            case "tag" -> "front.conversation.tagged";
            case "untag" -> "front.conversation.untagged";
            case "comment" -> "front.comment.added";
            case "move" -> "front.conversation.moved";
            case "ticket_status_update" -> "front.ticket.status_changed";
            default -> null;
        };
    }
}
