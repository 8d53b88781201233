package org.mlarena.web.rest;

import java.util.List;

import org.mlarena.common.InvalidInputException;
import org.mlarena.common.Page;

/**
 * The {@code ?first=0&max=20} of a list, checked: a value that is not a whole number, or out of range,
 * answers 400 naming the parameter (JAX-RS alone would answer 404 for an unparsable one).
 *
 * @param first the position of the first item (from 0)
 * @param max   the most items, 1 to {@value Page#MAX_PAGE_SIZE}
 */
public record PageRequest(int first, int max) {

    public static final String DEFAULT_FIRST = "0";
    public static final String DEFAULT_MAX = "20";

    public static PageRequest of(String first, String max) {
        PageRequest page = new PageRequest(whole("first", first, 0), whole("max", max, 20));
        Page.check(page.first(), page.max());
        return page;
    }

    /** Cuts this page from a whole list the boundary gave. */
    public <T> Page<T> cut(List<T> all) {
        return Page.of(all, first, max);
    }

    private static int whole(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, name + " must be a whole number, got '" + value + "'.");
        }
    }
}
