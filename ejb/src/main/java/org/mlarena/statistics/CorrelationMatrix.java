package org.mlarena.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * A Pearson or Spearman correlation matrix over numeric columns.
 *
 * <p>Missing values are handled <em>listwise</em>: a row with NaN in any of the columns is dropped from every
 * correlation, so that all entries rest on the same rows ({@code rows} used, {@code rowsDropped} left out).
 * This equals pandas' {@code df.dropna().corr(method)}; note that pandas' plain {@code df.corr()} is pairwise
 * instead and differs when missing values are scattered. Spearman's coefficient is Pearson's on the ranks,
 * ties given their average rank (as pandas). A constant column has no correlation: NaN, on the diagonal too.
 * As a record holding arrays it compares by identity; callers must not change the arrays.
 *
 * @param method      {@code "pearson"} or {@code "spearman"}
 * @param columns     the column names, in the order of rows and columns of {@code values}
 * @param values      the symmetric matrix of coefficients, {@code values[i][j]} between columns i and j
 * @param rows        the number of rows the coefficients rest on
 * @param rowsDropped the number of rows left out because they held a missing value
 */
public record CorrelationMatrix(String method, List<String> columns, double[][] values, int rows, int rowsDropped) {

    public CorrelationMatrix {
        columns = List.copyOf(columns);
    }

    /** Pearson's correlation between every two columns, in the map's iteration order (use a LinkedHashMap). */
    public static CorrelationMatrix pearson(Map<String, double[]> columns) {
        return of("pearson", columns);
    }

    /** Spearman's rank correlation between every two columns, in the map's iteration order. */
    public static CorrelationMatrix spearman(Map<String, double[]> columns) {
        return of("spearman", columns);
    }

    /** The coefficient between two named columns. */
    public double get(String a, String b) {
        int i = indexOf(a);
        int j = indexOf(b);
        return values[i][j];
    }

    private int indexOf(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + column + "'; columns: " + columns);
        }
        return i;
    }

    private static CorrelationMatrix of(String method, Map<String, double[]> columns) {
        int rows = Columns.checkTable(columns);
        List<String> names = new ArrayList<>(columns.keySet());
        int k = names.size();
        boolean[] complete = new boolean[rows];
        int used = 0;
        for (int r = 0; r < rows; r++) {
            boolean ok = true;
            for (double[] column : columns.values()) {
                ok &= !Double.isNaN(column[r]);
            }
            complete[r] = ok;
            used += ok ? 1 : 0;
        }
        if (used < 2) {
            throw new IllegalArgumentException("a correlation needs at least 2 rows without missing values in "
                    + names + "; there are " + used + " of " + rows);
        }
        double[][] data = new double[k][used];
        for (int c = 0; c < k; c++) {
            double[] column = columns.get(names.get(c));
            int u = 0;
            for (int r = 0; r < rows; r++) {
                if (complete[r]) {
                    data[c][u++] = column[r];
                }
            }
        }
        boolean spearman = method.equals("spearman");
        double[][] values = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                double v = spearman ? new SpearmansCorrelation().correlation(data[i], data[j])
                        : new PearsonsCorrelation().correlation(data[i], data[j]);
                values[i][j] = v;
                values[j][i] = v;
            }
        }
        return new CorrelationMatrix(method, names, values, used, rows - used);
    }
}
