package org.mlarena.dataset.control;

/** A dataset was imported (fired inside the import's transaction; observers act after it commits). */
public record DatasetImported(long datasetId) {
}
