package io.gristmill.http;

/**
 * A feature's HTTP routes. Each feature package has one bean implementing this; the
 * {@link ApiRouter} collects them all.
 */
public interface Routes {
    void register(RouteTable table);
}
