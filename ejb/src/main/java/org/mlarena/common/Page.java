package org.mlarena.common;

import java.util.List;

/**
 * One page of a list: the items from {@code first}, at most {@code max} of them, and the total.
 *
 * @param total how many there are in all
 */
public record Page<T>(long total, int first, int max, List<T> items) {

    public static final int MAX_PAGE_SIZE = 100;

    /** Refuses a page that cannot be served, with a message that says what is accepted. */
    public static void check(int first, int max) {
        if (first < 0 || max < 1 || max > MAX_PAGE_SIZE) {
            throw new InvalidInputException(first < 0 ? "first" : "max", "first must be 0 or more and max from 1 to "
                    + MAX_PAGE_SIZE + ", got first=" + first + ", max=" + max + ".");
        }
    }

    /** A page cut from a whole list. */
    public static <T> Page<T> of(List<T> all, int first, int max) {
        int from = Math.min(first, all.size());
        return new Page<>(all.size(), first, max, List.copyOf(all.subList(from, Math.min(all.size(), from + max))));
    }

    public <R> Page<R> map(java.util.function.Function<T, R> mapping) {
        return new Page<>(total, first, max, items.stream().map(mapping).toList());
    }
}
