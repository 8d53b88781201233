package org.mlarena.numerics.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The classes of a classification target as they are read: each distinct label once, at most {@link #MAX_CLASSES}
 * of them. The cap is checked at every new label, so a column of 100,000 distinct values (an id, or a regression
 * target) is refused after its 1,001st instead of after indexing them all (that had taken 35 s of server CPU).
 */
public final class ClassIndex {

    /** The most classes a classification use case or a metric takes (a 1,000 x 1,000 confusion matrix is 8 MB). */
    public static final int MAX_CLASSES = 1000;

    private final String source;
    private final String column;
    private final List<String> labels = new ArrayList<>();
    private final Map<String, Boolean> distinct = new HashMap<>();
    private boolean allNumbers = true;

    /** @param column how to name the column in a message, e.g. "column 'species'" */
    public ClassIndex(String source, String column) {
        this.source = source;
        this.column = column;
    }

    /** Adds the next row's label, read on {@code line}; refuses the table when it is one class too many. */
    public void add(String label, int line) throws InvalidDataException {
        labels.add(label);
        if (distinct.put(label, Boolean.TRUE) == null) {
            allNumbers &= CsvTable.isFiniteNumber(label);
            if (distinct.size() > MAX_CLASSES) {
                throw new InvalidDataException(source + ": " + column + " has more than " + MAX_CLASSES + " distinct values (by line "
                        + line + "), and a classification target takes at most " + MAX_CLASSES + " classes. "
                        + (allNumbers ? "They are all numbers: it looks like a regression target; host the use case as tabular regression."
                        : "Is it an identifier or free text rather than a class? Choose the column that holds the classes."));
            }
        }
    }

    /** The class names, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeSet<>(distinct.keySet()));
    }

    /** Each row's class, as an index into {@link #names()}. */
    public int[] indices() {
        List<String> names = names();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        return labels.stream().mapToInt(index::get).toArray();
    }
}
