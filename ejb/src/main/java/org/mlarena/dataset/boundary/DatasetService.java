package org.mlarena.dataset.boundary;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.common.ActionForbiddenException;
import org.mlarena.common.ControlCharacters;
import org.mlarena.common.InvalidInputException;
import org.mlarena.common.ResourceNotFoundException;
import org.mlarena.common.StateConflictException;
import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.dataset.control.DatasetStore;
import org.mlarena.dataset.control.DatasetUse;
import org.mlarena.dataset.control.ImportSpec;
import org.mlarena.dataset.control.UploadStore;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.dataset.entity.DatasetFile;
import org.mlarena.dataset.entity.Upload;
import org.mlarena.identity.control.Caller;
import org.mlarena.identity.control.Roles;
import org.mlarena.team.entity.Membership;
import org.mlarena.team.control.Participation;
import org.mlarena.team.control.UseCaseAccess;
import org.mlarena.usecase.entity.UseCase;

/**
 * Datasets: hosts upload files and import them into their use case; everyone who sees the use case reads
 * its description and downloads its public files. Hidden files (the test labels) reach hosts only.
 */
@Stateless
@RolesAllowed(Roles.USER)
public class DatasetService {

    @Resource
    SessionContext session;

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Inject
    UseCaseAccess access;

    @Inject
    DatasetStore store;

    @Inject
    UploadStore uploads;

    @Inject
    DatasetUse datasetUse;

    /** A dataset as the caller may see it: hidden files are listed to hosts only. */
    public record View(Dataset dataset, boolean host) {

        public java.util.List<DatasetFile> files() {
            return dataset.getFiles().stream().filter(f -> host || !f.isHidden()).toList();
        }

        /**
         * The seed of the test set's public/private split as the caller may see it: hosts always, everyone once the
         * use case is closed (before, only its commitment), or null.
         */
        public Long splitSeed() {
            return host || dataset.getUseCase().getStatus() == org.mlarena.usecase.entity.UseCaseStatus.CLOSED ? dataset.scoreSplitSeed() : null;
        }
    }

    /** Keeps a file for a later import; for people who host a use case or may create one. */
    public Upload upload(InputStream body, String fileName, String contentType) {
        Caller caller = Caller.of(session);
        boolean hostsSomething = em.createNamedQuery(Membership.ALL_OF_USER, Membership.class).setParameter("user", caller.name())
                .getResultList().stream().anyMatch(Membership::isHost);
        if (!caller.platformHost() && !hostsSomething) {
            throw new ActionForbiddenException("Uploads are for hosts of a use case, who import datasets.");
        }
        if (fileName != null && ControlCharacters.firstIn(fileName, false) >= 0) {
            throw new InvalidInputException("name", "The file name contains a control character; name the file with printable characters.");
        }
        if (fileName != null && fileName.length() > 255) {
            throw new InvalidInputException("name", "The file name has more than 255 characters.");
        }
        Path given = fileName == null || fileName.isBlank() ? null : Path.of(fileName.strip()).getFileName();
        String name = given == null ? "upload" : given.toString();
        return uploads.store(body, name, contentType, caller.name());
    }

    public View dataset(String slug) {
        Participation participation = access.visible(slug, Caller.of(session));
        Dataset dataset = store.of(participation.useCase());
        if (dataset == null) {
            throw new ResourceNotFoundException("'" + slug + "' has no dataset yet" + (participation.isHost()
                    ? "; import one with PUT /api/v1/use-cases/" + slug + "/dataset." : "; its hosts have not imported it."));
        }
        return new View(dataset, participation.isHost());
    }

    /** A stored file of the dataset; hidden ones to hosts only. */
    public Path file(String slug, String name) {
        View view = dataset(slug);
        DatasetFile file = view.files().stream().filter(f -> f.getName().equals(name)).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("The dataset of '" + slug + "' has no file '" + name + "' that you can read; its files are "
                        + view.files().stream().map(DatasetFile::getName).toList() + "."));
        Path path = store.file(view.dataset(), file.getName());
        if (!Files.isRegularFile(path)) {
            throw new StateConflictException("The file '" + name + "' is missing from the data directory; ask the hosts to import the dataset again.");
        }
        return path;
    }

    /** The EDA profile of the dataset, for everyone who may see the use case; a conflict while it is computed. */
    public Path profile(String slug) {
        Dataset dataset = dataset(slug).dataset();
        String status = dataset.getProfileStatus();
        if (Dataset.PROFILE_FAILED.equals(status)) {
            throw new StateConflictException(dataset.getProfileReason() + " Ask the hosts to import the dataset again.");
        }
        Path file = store.file(dataset, Dataset.PROFILE_FILE);
        if (!Dataset.PROFILE_READY.equals(status) || !Files.isRegularFile(file)) {
            throw new StateConflictException("The profile of '" + slug + "' is being computed; it is ready in a few seconds.");
        }
        return file;
    }

    /** Imports the dataset of a use case from the caller's uploads, which it consumes. */
    public View importDataset(String slug, ImportRequest request) {
        Caller caller = Caller.of(session);
        UseCase useCase = access.hosted(slug, caller, "import its dataset").useCase();
        if (request == null) {
            throw new InvalidInputException(null, "The request has no body; send the import as JSON (see /openapi).");
        }
        long experiments = datasetUse.experimentsOn(useCase);
        if (experiments > 0) {
            throw new StateConflictException("'" + slug + "' already has " + experiments + " experiments trained on its dataset; a new dataset"
                    + " would make them meaningless. Create a new use case for new data.");
        }
        ImportSpec spec = spec(request);
        Set<String> roles = spec.format() == DatasetFormat.IDX ? Set.of("images", "labels") : Set.of("table");
        Map<String, Long> ids = request.files() == null ? Map.of() : request.files();
        if (!ids.keySet().equals(roles)) {
            throw new InvalidInputException("files", "A " + spec.format() + " import needs the upload ids of " + roles + ", got " + ids.keySet()
                    + ". Upload each file with POST /api/v1/uploads first.");
        }
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, Upload> used = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : ids.entrySet()) {
            Upload upload = entry.getValue() == null ? null : em.find(Upload.class, entry.getValue());
            if (upload == null || !upload.getOwner().equals(caller.name())) {
                throw new InvalidInputException("files." + entry.getKey(), "There is no upload " + entry.getValue() + " of yours; upload the file first.");
            }
            files.put(entry.getKey(), uploads.path(upload));
            used.put(entry.getKey(), upload);
        }
        String sources = used.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().getFileName() + " (sha256 " + e.getValue().getSha256() + ")")
                .collect(Collectors.joining(", "));
        Dataset dataset = store.importFiles(useCase, files, spec, request.labelNames() == null ? Map.of() : request.labelNames(),
                request.columnDescriptions() == null ? Map.of() : request.columnDescriptions(), sources, caller.name());
        used.values().forEach(uploads::discard);
        return new View(dataset, true);
    }

    private static ImportSpec spec(ImportRequest request) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        DatasetFormat format = null;
        try {
            format = request.format() == null ? null : DatasetFormat.valueOf(request.format().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (format == null) {
            errors.add("format", "Say the format: CSV (a table with a target column), IDX (images and labels) or TEXT (a text and a label column).");
        }
        String delimiter = request.delimiter() == null ? "," : request.delimiter();
        char separator = switch (delimiter.toLowerCase(Locale.ROOT)) {
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "\t", "tab", "\\t" -> '\t';
            default -> {
                errors.add("delimiter", "The delimiter is ',', ';' or 'tab', got '" + delimiter + "'.");
                yield ',';
            }
        };
        String missing = request.missingValues() == null ? "keep" : request.missingValues().strip().toLowerCase(Locale.ROOT);
        if (!missing.equals("keep") && !missing.equals("refuse")) {
            errors.add("missingValues", "missingValues is 'keep' (missing feature values are imputed by each model) or 'refuse', got '"
                    + request.missingValues() + "'.");
        }
        errors.throwIfAny();
        try {
            return new ImportSpec(format, request.targetColumn(), request.textColumn(), separator,
                    request.validationFraction() == null ? 0.15 : request.validationFraction(),
                    request.testFraction() == null ? 0.2 : request.testFraction(), request.seed() == null ? 1 : request.seed(),
                    missing.equals("keep"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage());
        }
    }
}
