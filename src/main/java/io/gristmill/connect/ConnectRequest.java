package io.gristmill.connect;

/** Body of {@code POST /connect/salesforce}; all optional. */
public record ConnectRequest(String loginHost) {
}
