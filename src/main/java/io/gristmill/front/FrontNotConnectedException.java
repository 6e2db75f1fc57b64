package io.gristmill.front;

/** The tenant has no usable Front connection (never connected, disconnected, or needs a reconnect). */
public class FrontNotConnectedException extends FrontException {
    public FrontNotConnectedException(String tenantId, String why) {
        super("Front is not usable for tenant " + tenantId + ": " + why);
    }
}
