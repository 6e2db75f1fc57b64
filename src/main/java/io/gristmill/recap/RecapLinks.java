package io.gristmill.recap;

import java.util.Optional;

import io.gristmill.activity.Activity;
import io.gristmill.activity.Source;

/**
 * Where a recap item links to: a Salesforce record on the tenant's org ({@code instance/recordId},
 * which Salesforce redirects to the record page in Lightning) or a Front conversation.
 *
 * @param salesforceInstanceUrl the connected org's instance URL; without it Salesforce items have no link
 * @param frontOpenUrl          prefix of a Front conversation link, e.g. {@code https://app.frontapp.com/open/}
 */
public record RecapLinks(Optional<String> salesforceInstanceUrl, String frontOpenUrl) {

    public String to(Activity activity) {
        return to(activity.source(), activity.sourceRecordId());
    }

    public String to(Source source, String recordId) {
        return switch (source) {
            case SALESFORCE -> salesforceInstanceUrl.map(base -> stripSlash(base) + "/" + recordId).orElse(null);
            case FRONT -> recordId.startsWith("cnv_") ? frontOpenUrl + recordId : null;
        };
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
