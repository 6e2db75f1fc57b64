package io.gristmill.front.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.gristmill.front.FrontApiException;
import io.gristmill.front.FrontClient;
import io.gristmill.front.FrontConfig;
import io.gristmill.front.FrontPage;
import io.gristmill.front.FrontRateMeter;

/**
 * A conversation's messages and comments as one text, read through Front's read-only API into
 * memory for one summary and dropped when the caller returns: nothing here is stored, cached or
 * logged. Oldest first; a message's plain text ({@code text}, else its HTML body without tags); at
 * most {@code max-source-chars}, keeping the newest part, where the resolution is.
 */
@ApplicationScoped
public class ConversationText {
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("[ \\t\\x0B\\f\\r]+");

    private final FrontClient client;
    private final FrontConfig.Summaries config;

    public ConversationText(FrontClient client, FrontConfig config) {
        this.client = client;
        this.config = config.summaries();
    }

    private record Part(double at, String text) {
    }

    /** The text, or empty when Front no longer has the conversation (deleted, or merged into another: its own resolution counts). */
    public Optional<String> read(String token, String conversationId, FrontRateMeter meter) {
        List<Part> parts = new ArrayList<>();
        try {
            Optional<String> pageToken = Optional.empty();
            for (int page = 0; page < config.maxMessagePages(); page++) {
                FrontPage messages = client.messages(token, conversationId, pageToken, meter);
                messages.results().forEach(m -> parts.add(new Part(m.path("created_at").asDouble(), messageText(m))));
                pageToken = messages.nextPageToken();
                if (pageToken.isEmpty()) {
                    break;
                }
            }
            client.comments(token, conversationId, meter).results()
                    .forEach(c -> parts.add(new Part(c.path("posted_at").asDouble(), plain(c.path("body").asText("")))));
        } catch (FrontApiException gone) {
            if (gone.status() == 404 || gone.status() / 100 == 3) {
                return Optional.empty();
            }
            throw gone;
        }
        parts.sort(Comparator.comparingDouble(Part::at));
        StringBuilder text = new StringBuilder();
        parts.stream().map(Part::text).filter(t -> !t.isBlank()).forEach(t -> text.append(t).append("\n\n"));
        int max = config.maxSourceChars();
        return Optional.of(text.length() <= max ? text.toString() : text.substring(text.length() - max));
    }

    private static String messageText(JsonNode message) {
        String text = message.path("text").asText("");
        return text.isBlank() ? plain(message.path("body").asText("")) : text.strip();
    }

    private static String plain(String html) {
        String text = TAG.matcher(html.replace("<br>", "\n").replace("</p>", "\n")).replaceAll(" ")
                .replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&quot;", "\"");
        return SPACE.matcher(text).replaceAll(" ").strip();
    }
}
