/**
 * Reading training data: IDX files (gzip or not) as Fashion-MNIST ships them, and CSV tables with a
 * named target column. Every problem in a file is reported with where it is (file, line, column or byte
 * offset) and what to do, as {@link org.mlarena.numerics.data.InvalidDataException}.
 */
package org.mlarena.numerics.data;
