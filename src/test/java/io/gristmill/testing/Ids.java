package io.gristmill.testing;

import java.util.UUID;

/** Fresh tenant ids, so that tests sharing one table never see each other's data. */
public final class Ids {
    private Ids() {
    }

    public static String tenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
