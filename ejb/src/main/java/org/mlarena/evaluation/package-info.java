/**
 * Evaluation metrics: a registry of classification and regression metrics whose values equal
 * scikit-learn's (golden fixtures in {@code ejb/src/test/resources/evaluation}, written by
 * {@code ejb/src/test/python/make_golden.py}).
 *
 * <p>Plain Java, no container services. Implementations work on primitive arrays ({@code int[]} labels,
 * {@code double[][]} probabilities, {@code double[]} targets) so that a bootstrap can call any metric on
 * index-resampled inputs ({@link org.mlarena.evaluation.MetricInput#resample(int[])}). Each metric's
 * code snippet, shown to participants, is cut at build time from this package's own source (regions
 * marked {@code // <snippet:key>}), so the snippet and the implementation cannot drift apart.
 */
package org.mlarena.evaluation;
