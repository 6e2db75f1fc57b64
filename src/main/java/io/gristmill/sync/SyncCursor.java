package io.gristmill.sync;

import java.time.Instant;

/**
 * How far one tenant's sync of one provider object has read.
 *
 * @param position  everything stamped before this instant (minus the sync's lookback) is stored
 * @param updatedAt when the cursor last moved
 */
public record SyncCursor(Instant position, Instant updatedAt) {
}
