package io.gristmill.activity;

/** What an idempotent write did. */
public enum WriteOutcome {
    /** The fact was new and is now stored. */
    CREATED,
    /** The same fact was stored before; nothing changed. */
    ALREADY_STORED
}
