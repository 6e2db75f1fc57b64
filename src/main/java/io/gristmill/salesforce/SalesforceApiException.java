package io.gristmill.salesforce;

/**
 * A Salesforce REST error, with its {@code errorCode} ({@code INVALID_FIELD},
 * {@code REQUEST_LIMIT_EXCEEDED}, {@code QUERY_TIMEOUT}, ...).
 */
public class SalesforceApiException extends SalesforceException {
    private final int status;
    private final String errorCode;

    public SalesforceApiException(int status, String errorCode, String message) {
        super(errorCode + ": " + firstLine(message));
        this.status = status;
        this.errorCode = errorCode;
    }

    /**
     * Salesforce's messages can span lines and quote the SOQL around the error
     * ({@code "\nSELECT Id, ... FROM Foo\n       ^\nERROR at Row:1:Column:43\n..."}): the status an
     * admin reads, and the logs, keep one short line.
     */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        java.util.List<String> lines = message.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        // A SOQL error quotes the query, a caret line and "ERROR at Row:1:Column:43"; the reason follows.
        int errorAt = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("ERROR at Row")) {
                errorAt = i;
            }
        }
        String reason = errorAt >= 0 && errorAt + 1 < lines.size() ? lines.get(errorAt + 1) : lines.isEmpty() ? "" : lines.get(0);
        return reason.length() <= 120 ? reason : reason.substring(0, 119) + "…";
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    /** The org lacks the object or a field (history tracking off, no multicurrency, ...). */
    public boolean isMissingObjectOrField() {
        return "INVALID_FIELD".equals(errorCode) || "INVALID_TYPE".equals(errorCode) || "NOT_FOUND".equals(errorCode);
    }

    public boolean isQuotaExhausted() {
        return "REQUEST_LIMIT_EXCEEDED".equals(errorCode);
    }
}
