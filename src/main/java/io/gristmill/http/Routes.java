package io.gristmill.http;


import io.gristmill.config.FunctionName;

/**
 * A feature's HTTP routes. Each feature package has one bean implementing this; the
 * {@link ApiRouter} of a Lambda serves the routes of the function that Lambda runs, so each
 * function (and its IAM role) only answers its own paths.
 */
public interface Routes {
    /** The function that serves these routes. */
    FunctionName function();

    void register(RouteTable table);
}
