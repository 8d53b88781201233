package org.mlarena.numerics.data;

import java.util.List;

/**
 * A data file that cannot be used, with a message that names the file, where in it each problem is
 * (line and column, or byte offset), and what is wrong. A checked exception: callers decide what a person
 * sees. Readers that validate a whole file report every problem they found, up to {@link #MAX_LISTED}.
 */
public class InvalidDataException extends Exception {

    private static final long serialVersionUID = 1L;
    public static final int MAX_LISTED = 20;

    private final List<String> problems;

    public InvalidDataException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public InvalidDataException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** One exception for several problems of one file; the message lists the first {@value #MAX_LISTED}. */
    public InvalidDataException(String source, List<String> problems, int total) {
        super(source + ": " + total + (total == 1 ? " problem" : " problems") + ":\n  " + String.join("\n  ", problems)
                + (total > problems.size() ? "\n  … and " + (total - problems.size()) + " more" : ""));
        this.problems = List.copyOf(problems);
    }

    /** Each problem in words, with its place; at most {@value #MAX_LISTED}. */
    public List<String> problems() {
        return problems;
    }
}
