package io.gristmill.salesforce;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API usage from the {@code Sforce-Limit-Info} header: the org's rolling 24 h usage and, when
 * Salesforce reports it, this connected app's own quota
 * ({@code api-usage=25/15000; per-app-api-usage=17/250(appName=Gristmill)}), which can run out
 * before the org's.
 *
 * @param appUsed the app's own usage (0 and {@code appMax} 0 when not reported)
 */
public record ApiUsage(long used, long max, long appUsed, long appMax) {
    private static final Pattern API_USAGE = Pattern.compile("(?<![\\w-])api-usage\\s*=\\s*(\\d+)\\s*/\\s*(\\d+)");
    private static final Pattern PER_APP = Pattern.compile("per-app-api-usage\\s*=\\s*(\\d+)\\s*/\\s*(\\d+)");

    public ApiUsage(long used, long max) {
        this(used, max, 0, 0);
    }

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
        if (max <= 0) {
            return Optional.empty();
        }
        Matcher app = PER_APP.matcher(header);
        boolean perApp = app.find() && Long.parseLong(app.group(2)) > 0;
        return Optional.of(new ApiUsage(Long.parseLong(m.group(1)), max, perApp ? Long.parseLong(app.group(1)) : 0,
                perApp ? Long.parseLong(app.group(2)) : 0));
    }

    /** The larger of the org's and the app's used share: whichever runs out first stops the poll. */
    public double share() {
        double org = (double) used / max;
        return appMax > 0 ? Math.max(org, (double) appUsed / appMax) : org;
    }

    /** Which quota is nearer its end: "this app's" or "the org's". */
    public String limiting() {
        return appMax > 0 && (double) appUsed / appMax > (double) used / max ? "this app's" : "the org's";
    }

    /** For the connection status: "API usage 1,234 of 15,000 today (this app: 17 of 250)". */
    public String describe() {
        String app = appMax > 0 ? String.format(java.util.Locale.ROOT, " (this app: %,d of %,d)", appUsed, appMax) : "";
        return String.format(java.util.Locale.ROOT, "API usage %,d of %,d today%s", used, max, app);
    }
}
