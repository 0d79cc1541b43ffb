package io.slb.api;

/**
 * ProblemException carries a 4xx {@link Problem} from deep in parsing to {@link RequestParser}'s entry
 * points, which turn it into {@link Parsed.Invalid}; it never leaves this package. Stackless: it is
 * control flow for bad client input, not a bug report.
 */
final class ProblemException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
