package io.gristmill.salesforce;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The org's rolling 24 h API usage, from the {@code Sforce-Limit-Info} header. */
public record ApiUsage(long used, long max) {
    private static final Pattern API_USAGE = Pattern.compile("api-usage\\s*=\\s*(\\d+)\\s*/\\s*(\\d+)");

    /** Parses tolerantly: {@code api-usage=10018/100000}, with or without more {@code ; key=value} parts. */
    public static Optional<ApiUsage> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = API_USAGE.matcher(header);
        if (!m.find()) {
            return Optional.empty();
        }
        long max = Long.parseLong(m.group(2));
        return max <= 0 ? Optional.empty() : Optional.of(new ApiUsage(Long.parseLong(m.group(1)), max));
    }

    public double share() {
        return (double) used / max;
    }
}
