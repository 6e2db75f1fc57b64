package io.gristmill.salesforce;

/**
 * A Salesforce REST error, with its {@code errorCode} ({@code INVALID_FIELD},
 * {@code REQUEST_LIMIT_EXCEEDED}, {@code QUERY_TIMEOUT}, ...).
 */
public class SalesforceApiException extends RuntimeException {
    private final int status;
    private final String errorCode;

    public SalesforceApiException(int status, String errorCode, String message) {
        super(errorCode + ": " + message);
        this.status = status;
        this.errorCode = errorCode;
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
