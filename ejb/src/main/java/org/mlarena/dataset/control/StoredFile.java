package org.mlarena.dataset.control;

/**
 * One file an import wrote.
 *
 * @param name   its file name in the import directory, e.g. {@code train.csv}
 * @param split  {@code "train"}, {@code "validation"} or {@code "test"}
 * @param hidden true for what participants must not see: the answers of the test split
 * @param bytes  its size
 * @param sha256 the SHA-256 of its content, lowercase hex
 */
public record StoredFile(String name, String split, boolean hidden, long bytes, String sha256) {
}
