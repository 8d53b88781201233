package org.mlarena.statistics;

import java.util.Map;

/** Checks shared by the statistics: every message names the column and the problem. */
final class Columns {

    private Columns() {
    }

    /** The number of non-missing values of a column that must be non-empty, finite or NaN, and not all NaN. */
    static int checkColumn(String name, double[] values) {
        if (values == null) {
            throw new IllegalArgumentException("column '" + name + "' is missing (null)");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("column '" + name + "' is empty");
        }
        int present = 0;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("column '" + name + "' row " + i + " is " + v
                        + "; values must be finite numbers, or NaN for missing");
            }
            if (!Double.isNaN(v)) {
                present++;
            }
        }
        if (present == 0) {
            throw new IllegalArgumentException("column '" + name + "' has only missing values (NaN), "
                    + values.length + " of them");
        }
        return present;
    }

    /** The common length of the columns, checked one by one. */
    static int checkTable(Map<String, double[]> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("no columns given");
        }
        int rows = -1;
        String first = null;
        for (Map.Entry<String, double[]> column : columns.entrySet()) {
            checkColumn(column.getKey(), column.getValue());
            if (rows < 0) {
                rows = column.getValue().length;
                first = column.getKey();
            } else if (column.getValue().length != rows) {
                throw new IllegalArgumentException("column '" + column.getKey() + "' has "
                        + column.getValue().length + " rows but column '" + first + "' has " + rows);
            }
        }
        return rows;
    }

    /** The non-missing values, in order. */
    static double[] present(double[] values) {
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        double[] out = new double[n];
        int k = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                out[k++] = v;
            }
        }
        return out;
    }
}
