package io.gristmill.salesforce;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.salesforce.objects.SalesforceTime;
import io.gristmill.sync.SyncCursorStore;

/** Where a poll has got to in each object: its cursor, moved forward only, after each page or window stored. */
@ApplicationScoped
class CursorPositions {
    private final SyncCursorStore cursors;
    private final SalesforceConfig config;

    CursorPositions(SyncCursorStore cursors, SalesforceConfig config) {
        this.cursors = cursors;
        this.config = config;
    }

    /**
     * After a page that is not the last, where a resumed read may start: the page's last row's
     * cursor value (rows come in that order). Rows at that same instant may go on in the next page,
     * so the resumed read starts at it, not after it (and its look-back re-reads a little more;
     * storing is idempotent). Objects whose rows are applied together at the end have none.
     */
    private static Optional<Instant> storedUpTo(ObjectPlan plan, QueryPage page) {
        if (plan.snapshot() || !plan.object().storesRowByRow() || page.records().isEmpty()) {
            return Optional.empty();
        }
        Object last = page.records().get(page.records().size() - 1).get(plan.object().definition().cursorField());
        return last == null ? Optional.empty() : Optional.of(SalesforceTime.parse(last.toString()));
    }

    /** Where the object's cursor is now: as this poll moved it, or as the poll found it. */
    static Optional<Instant> of(ObjectPlan plan, PollState state) {
        return Optional.ofNullable(state.positions.get(plan.name())).or(plan::cursor);
    }

    /** Moves the object's cursor forward to {@code to} (never back; a cursor moved by someone else stays). */
    void advance(ObjectPlan plan, PollState state, Instant to) {
        Optional<Instant> at = of(plan, state);
        if (at.isPresent() && !to.isAfter(at.get())) {
            return;
        }
        if (cursors.advance(state.tenantId(), SalesforceSecret.PROVIDER, plan.name(), at, to)) {
            state.positions.put(plan.name(), to);
        }
    }

    /**
     * After an object's whole window is read: its cursor moves to the window's end, unless the
     * window held nothing and the cursor is less than {@code idle-cursor-step} behind that end.
     */
    void readWindow(ObjectPlan plan, PollState state, Instant to, boolean readNothing) {
        Optional<Instant> at = of(plan, state);
        if (readNothing && at.isPresent() && at.get().plus(config.idleCursorStep()).isAfter(to)) {
            return;
        }
        advance(plan, state, to);
    }

    /** After a page that is not the last: the cursor moves to where a resumed read may start. */
    void storedPage(ObjectPlan plan, QueryPage page, PollState state) {
        storedUpTo(plan, page).ifPresent(at -> advance(plan, state, at));
    }
}
