package org.mlarena.web.rest;

import java.util.List;
import java.util.function.Function;

import org.mlarena.common.Page;

/**
 * One page of a list as the API answers it: the items from {@code first}, at most {@code max} of them, and how
 * many there are in all.
 *
 * @param total how many items the whole list has
 * @param first the position of the first item of this page (from 0)
 * @param max   the most items a page holds
 */
public record PageView<T>(long total, int first, int max, List<T> items) {

    /** A boundary's page with each item turned into its API view. */
    public static <E, T> PageView<T> of(Page<E> page, Function<E, T> view) {
        return new PageView<>(page.total(), page.first(), page.max(), page.items().stream().map(view).toList());
    }
}
