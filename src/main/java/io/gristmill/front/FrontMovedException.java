package io.gristmill.front;

import java.util.Optional;

/** Front answered 3xx: the resource lives elsewhere now (a merged conversation answers 301 with the surviving one). */
public class FrontMovedException extends FrontApiException {
    private final String location;

    public FrontMovedException(int status, String location) {
        super(status, "moved to " + location);
        this.location = location;
    }

    /** The conversation id ({@code cnv_...}) the answer points to, if it names one. */
    public Optional<String> conversationId() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/conversations/(cnv_[A-Za-z0-9]+)").matcher(String.valueOf(location));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
