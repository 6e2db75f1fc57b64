package io.gristmill.front;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The metadata of one Front event, read from either shape Front sends: the full event (objects
 * under {@code data}) or the preview (ids next to {@code _meta}). Only ids, types, times and tag
 * names are taken; subjects, bodies, blurbs, texts, attachments and signatures are never read.
 */
public record FrontEvent(
        String id,
        String type,
        Instant emittedAt,
        Optional<String> conversationId,
        Optional<String> actingTeammateId,
        Optional<String> targetTeammateId,
        Optional<String> messageAuthorId,
        Optional<String> assigneeId,
        Optional<String> tagId,
        Optional<String> tagName,
        java.util.List<String> inboxIds,
        Optional<String> sourceType,
        Optional<String> targetMessageId,
        Optional<BigDecimal> callSeconds) {

    /** App webhook event names, mapped to the API event types they stand for. */
    private static final Map<String, String> APP_NAMES = Map.ofEntries(
            Map.entry("inbound_received", "inbound"), Map.entry("outbound_sent", "outbound"),
            Map.entry("conversation_archived", "archive"), Map.entry("conversation_reopened", "reopen"),
            Map.entry("new_comment_added", "comment"), Map.entry("assignee_changed", "assign"),
            Map.entry("tag_added", "tag"), Map.entry("tag_removed", "untag"), Map.entry("conversation_moved", "move"),
            Map.entry("conversation_deleted", "trash"), Map.entry("conversation_restored", "restore"));

    /**
     * Reads an event; {@code envelopeType} is the app webhook's outer {@code type}, if any.
     *
     * @throws IllegalArgumentException when it has no id, type or time
     */
    public static FrontEvent parse(JsonNode event, String envelopeType) {
        String id = text(event.path("id")).orElseThrow(() -> new IllegalArgumentException("event has no id"));
        String type = text(event.path("type"))
                .or(() -> Optional.ofNullable(envelopeType).map(t -> APP_NAMES.getOrDefault(t, t)))
                .orElseThrow(() -> new IllegalArgumentException("event has no type"))
                .toLowerCase(Locale.ROOT);
        JsonNode emitted = event.path("emitted_at");
        if (!emitted.isNumber() && !emitted.isTextual()) {
            throw new IllegalArgumentException("event has no emitted_at");
        }
        BigDecimal seconds = new BigDecimal(emitted.asText());
        Instant emittedAt = Instant.ofEpochMilli(seconds.movePointRight(3).longValue());

        JsonNode source = event.path("source");
        JsonNode target = event.path("target");
        JsonNode conversation = event.path("conversation");
        Optional<String> acting = "teammate".equals(source.path("_meta").path("type").asText()) ? objectId(source) : Optional.empty();
        String targetType = target.path("_meta").path("type").asText();
        Optional<String> targetTeammate = "teammate".equals(targetType) ? objectId(target) : Optional.empty();
        Optional<String> author = "message".equals(targetType) ? text(target.path("data").path("author").path("id")) : Optional.empty();
        Optional<String> tagId = "tag".equals(targetType) ? objectId(target) : Optional.empty();
        Optional<String> tagName = "tag".equals(targetType) ? text(target.path("data").path("name")) : Optional.empty();
        // Inboxes named by the event itself: where an inbound message arrived, where a conversation moved to.
        java.util.List<String> inboxes = new java.util.ArrayList<>();
        for (JsonNode side : new JsonNode[] {"move".equals(type) ? target : source}) {
            if ("inboxes".equals(side.path("_meta").path("type").asText())) {
                side.path("data").forEach(inbox -> text(inbox.path("id")).ifPresent(inboxes::add));
            }
        }
        // A call is a message: every event of one call targets the same message (its id keys the call).
        Optional<String> message = "message".equals(targetType) ? objectId(target) : Optional.empty();
        JsonNode duration = target.path("data").path("metadata").path("duration");
        Optional<BigDecimal> callSeconds = "message".equals(targetType) && duration.isNumber() && duration.asLong() >= 0
                ? Optional.of(BigDecimal.valueOf(duration.asLong())) : Optional.empty();
        return new FrontEvent(id, type, emittedAt, text(conversation.path("id")), acting, targetTeammate, author,
                text(conversation.path("assignee").path("id")), tagId, tagName, java.util.List.copyOf(inboxes),
                text(source.path("_meta").path("type")), message, callSeconds);
    }

    /** The id of a source/target object: {@code data.id} in full events, top-level {@code id} in previews. */
    private static Optional<String> objectId(JsonNode node) {
        return text(node.path("data").path("id")).or(() -> text(node.path("id")));
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
