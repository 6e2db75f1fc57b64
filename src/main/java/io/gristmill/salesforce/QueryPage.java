package io.gristmill.salesforce;

import java.util.List;
import java.util.Map;

/** One page of a SOQL result; follow {@code nextRecordsUrl} while it is set. */
public record QueryPage(List<Map<String, Object>> records, String nextRecordsUrl) {
    public boolean hasMore() {
        return nextRecordsUrl != null && !nextRecordsUrl.isBlank();
    }
}
