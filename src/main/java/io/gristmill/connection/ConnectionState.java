package io.gristmill.connection;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a tenant's connection to a provider stands. */
public enum ConnectionState {
    /** Tokens are stored and work. */
    CONNECTED,
    /** The provider refused the stored grant: an admin must connect again; syncing is stopped. */
    RECONNECT_REQUIRED,
    /** Never connected, or disconnected by an admin; history already synced stays. */
    DISCONNECTED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
