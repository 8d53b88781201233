package org.mlarena.dataset.entity;

/** What kind of files a host imports; each fits one kind of use case (see {@link DatasetImporter}). */
public enum DatasetFormat {
    /** A table (CSV or TSV) of numeric feature columns and one named target column. */
    CSV,
    /** Images and their labels as two IDX files (unsigned-byte images, gzip or not), as MNIST ships them. */
    IDX,
    /** A table (CSV or TSV) with a text column and a label column. */
    TEXT
}
