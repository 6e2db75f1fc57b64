package io.gristmill.outbound;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * Tells apart why an outgoing HTTP call failed. A request that never reached the server
 * (unknown host, refused or timed-out connect) can be sent again safely; one that timed out or
 * broke after it was sent may have been processed, which matters for single-use grants (an OAuth
 * code, a rotating refresh token): sending those again could use up a grant the server already
 * honoured.
 */
public final class CallFailures {
    private CallFailures() {
    }

    /** Whether the call was sent and then waited longer for an answer than its read timeout. */
    public static boolean timedOut(Throwable failure) {
        if (neverSent(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure happened before the request reached the server. */
    public static boolean neverSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return true;
            }
            // Netty/Vert.x name their connect timeouts so (io.netty.channel.ConnectTimeoutException).
            if (t.getClass().getSimpleName().contains("ConnectTimeout")) {
                return true;
            }
        }
        return false;
    }
}
