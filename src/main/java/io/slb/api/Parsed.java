package io.slb.api;

/**
 * Parsed is the result of parsing a request: the validated value, or the problem to reply with.
 * Parsing never throws for bad input; every bad input becomes an {@link Invalid} with a 4xx problem.
 */
public sealed interface Parsed<T> {
    /** Ok carries the validated value. */
    record Ok<T>(T value) implements Parsed<T> {}

    /** Invalid carries the 4xx problem that says what is wrong and where. */
    record Invalid<T>(Problem problem) implements Parsed<T> {}
}
