/**
 * A use case's data: uploads, the import that checks and splits them (train, validation, hidden test), the stored files,
 * loading a split ({@code control.SplitLoader}) and the exploratory profile. Uses team (access), usecase, statistics
 * and the numerics' readers; asks how many experiments use a dataset through {@code control.DatasetUse}, which the
 * experiment component implements.
 */
package org.mlarena.dataset;
