/**
 * Statistics for exploratory data analysis of a use case's data: per-column summaries as pandas'
 * {@code describe()} and {@code skew()}, histograms as {@code numpy.histogram}, Pearson and Spearman
 * correlation matrices, class distributions and pixel statistics of image data sets.
 *
 * <p>Plain Java on primitive arrays, no container services; Apache Commons Math does the descriptive
 * statistics, percentiles and correlations. Values equal pandas 1.5 / numpy 1.24 to a relative 1e-9 (golden
 * fixture {@code ejb/src/test/resources/statistics/golden-statistics.json}, written by
 * {@code ejb/src/test/python/make_statistics_golden.py}). Missing values are NaN. Bad input (an empty column,
 * a column of missing values only, columns of different lengths, infinite values) is an
 * {@link java.lang.IllegalArgumentException} naming the column and the problem.
 */
package org.mlarena.statistics;
