package io.gristmill.recap;

/**
 * Reads an employee's request in words ("include my call metrics this time") into recap options.
 * Implemented in {@code recap.request}, so recap depends on the seam and not on how it is read.
 */
public interface RequestReader {
    /** What the words ask for; {@code useModel}: the tenant writes recaps with the model narrator. */
    Interpretation interpret(String words, boolean useModel);
}
