package io.gristmill.front;

/** Front's token endpoint refused a grant ({@code invalid_grant} and the like). */
public class FrontOAuthException extends FrontException {
    private final boolean invalidGrant;

    public FrontOAuthException(String message, boolean invalidGrant) {
        super(message);
        this.invalidGrant = invalidGrant;
    }

    public boolean invalidGrant() {
        return invalidGrant;
    }
}
