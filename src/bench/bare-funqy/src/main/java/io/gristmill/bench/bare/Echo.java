package io.gristmill.bench.bare;

import io.quarkus.funqy.Funq;

/** The whole function: answers with what it was given. */
public class Echo {
    @Funq
    public String echo(String input) {
        return input;
    }
}
