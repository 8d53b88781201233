package org.mlarena.dataset.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jakarta.annotation.Resource;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.mlarena.common.ArenaClock;
import org.mlarena.common.DataDirectory;
import org.mlarena.common.InvalidInputException;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.dataset.entity.DatasetFile;
import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.usecase.entity.UseCase;

/**
 * Imports a use case's dataset into the data directory and records it, all or nothing: the files go into a
 * new directory; if the transaction commits, the previous import's directory is deleted, if it rolls back,
 * the new one is, so that a failed import changes nothing.
 */
@Stateless
public class DatasetStore {

    private static final Logger LOG = Logger.getLogger(DatasetStore.class.getName());

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Event<DatasetImported> imported;

    public Dataset of(UseCase useCase) {
        List<Dataset> found = em.createNamedQuery(Dataset.OF_USE_CASE, Dataset.class).setParameter("useCase", useCase).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Imports files into the use case's dataset, replacing an earlier import.
     *
     * @throws InvalidInputException listing every problem of the files (line and column) when they cannot be used
     */
    public Dataset importFiles(UseCase useCase, Map<String, Path> files, ImportSpec spec, String sourceNames, String importedBy) {
        return importFiles(useCase, files, spec, Map.of(), Map.of(), sourceNames, importedBy);
    }

    /**
     * Imports the files as the use case's dataset, with the host's names of its classes and meanings of its columns,
     * checked against what was imported (a wrong one refuses the import and keeps nothing of it).
     */
    public Dataset importFiles(UseCase useCase, Map<String, Path> files, ImportSpec spec, Map<String, String> labelNames,
                               Map<String, String> columns, String sourceNames, String importedBy) {
        String relative = "use-case-" + useCase.getId() + "/import-" + System.currentTimeMillis();
        Path directory = DataDirectory.datasets().resolve(relative);
        ImportResult result;
        try {
            Files.createDirectories(directory.getParent());
            result = DatasetImporter.importFiles(files, spec, useCase.getCategory(), directory);
        } catch (InvalidDataException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the dataset of " + useCase.getSlug() + " under " + directory, e);
        }
        DataDictionary dictionary;
        try {
            dictionary = DataDictionary.checked(labelNames, columns, result.classNames(), result.format() == DatasetFormat.CSV ? result.featureNames() : List.of());
        } catch (InvalidInputException e) {
            deleteQuietly(directory);
            throw e;
        }
        Dataset dataset = of(useCase);
        Path previous = dataset == null || dataset.getDirectory() == null ? null : DataDirectory.datasets().resolve(dataset.getDirectory());
        if (dataset == null) {
            dataset = new Dataset(useCase);
            em.persist(dataset);
        }
        List<DatasetFile> stored = result.files().stream()
                .map(f -> new DatasetFile(f.name(), f.split(), f.hidden(), f.bytes(), f.sha256())).toList();
        dataset.imported(result.format(), spec.targetColumn(), spec.textColumn(),
                new int[]{result.trainRows(), result.validationRows(), result.testRows()}, result.imageShape(),
                result.featureNames(), result.classNames(), relative, spec.seed(), spec.validationFraction(), spec.testFraction(),
                sourceNames, stored, importedBy, ArenaClock.now());
        dataset.encoded(result.categoricalColumns(), result.inputWidth());
        dataset.setDictionary(dictionary.toJson());
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the commit
            }

            @Override
            public void afterCompletion(int status) {
                deleteQuietly(status == Status.STATUS_COMMITTED ? previous : directory);
            }
        });
        em.flush();
        imported.fire(new DatasetImported(dataset.getId()));
        return dataset;
    }

    /** The stored file of a dataset. */
    public Path file(Dataset dataset, String name) {
        return DataDirectory.datasets().resolve(dataset.getDirectory()).resolve(name);
    }

    /** The import problems as field errors a person can act on (at most {@value InvalidDataException#MAX_LISTED}). */
    private InvalidInputException invalid(InvalidDataException e) {
        if (e.problems().size() <= 1) {
            return new InvalidInputException("files", e.getMessage());
        }
        return new InvalidInputException(e.problems().stream().map(p -> new InvalidInputException.FieldError("files", p)).toList());
    }

    private void deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete " + directory, e);
        }
    }
}
