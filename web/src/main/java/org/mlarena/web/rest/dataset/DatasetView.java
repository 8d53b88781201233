package org.mlarena.web.rest.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.mlarena.dataset.boundary.DatasetService;
import org.mlarena.dataset.control.DataDictionary;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.dataset.entity.DatasetFile;
import org.mlarena.evaluation.ScoreSplit;

/**
 * The dataset of a use case: what was imported, how it is split, and the files the caller may download. The
 * hidden files (the answers of the test split), the split seed and the uploaded file names go to hosts only.
 *
 * @param format       CSV, IDX or TEXT
 * @param features     CSV: the feature columns in file order; TEXT: the text column; IDX: empty
 * @param categoricalFeatures CSV: the feature columns that hold categories (texts), one-hot encoded by each model
 * @param inputWidth   CSV: the inputs a model gets from a row once the training split's preprocessing encoded it; else 0
 * @param imageShape   IDX: [rows, columns] of every image; otherwise empty
 * @param classes      classification: the classes, sorted; regression: empty
 * @param seed         the seed of the split (hosts only, else null)
 * @param sourceFiles  the uploads it was imported from, with their checksums (hosts only, else null)
 * @param labelNames   the hosts' names of the classes, by class label (empty when they gave none)
 * @param columnDescriptions the hosts' meanings of the feature columns, by column (empty when they gave none)
 */
public record DatasetView(String useCase, String format, String targetColumn, String textColumn, int trainRows, int validationRows,
                          int testRows, List<String> features, List<String> categoricalFeatures, int inputWidth, List<Integer> imageShape, List<String> classes,
                          double validationFraction, double testFraction, Long seed, String sourceFiles, String importedBy,
                          Instant importedAt, String profileStatus, String profileReason, List<FileView> files, TestSplit testSplit,
                          Map<String, String> labelNames, Map<String, String> columnDescriptions) {

    /**
     * How the test set is split into its public part (ranking while the use case runs) and its private part (the final
     * ranking), auditable: the commitment is published from the start, the seed to hosts always and to everyone once the
     * use case is closed, when anyone can recompute which rows were public.
     *
     * @param publicFraction the expected share of public rows
     * @param commitment     the SHA-256 of the seed's decimal text, lowercase hex
     * @param seed           the split's seed, or null until the use case is closed (hosts: always)
     * @param rule           how a row's side follows from the seed
     */
    public record TestSplit(double publicFraction, String commitment, Long seed, String rule) {
    }

    /**
     * A stored file; download it from {@code .../dataset/files/{name}}.
     *
     * @param split  train, validation or test
     * @param hidden true for the test answers, which only hosts see
     * @param sha256 the SHA-256 of its content, lowercase hex
     */
    public record FileView(String name, String split, boolean hidden, long bytes, String sha256) {

        static FileView of(DatasetFile f) {
            return new FileView(f.getName(), f.getSplit(), f.isHidden(), f.getBytes(), f.getSha256());
        }
    }

    static DatasetView of(DatasetService.View view) {
        Dataset d = view.dataset();
        boolean host = view.host();
        List<Integer> shape = d.getImageRows() > 0 ? List.of(d.getImageRows(), d.getImageColumns()) : List.of();
        return new DatasetView(d.getUseCase().getSlug(), d.getFormat().name(), d.getTargetColumn(), d.getTextColumn(), d.getTrainRows(),
                d.getValidationRows(), d.getTestRows(), d.featureNameList(), d.categoricalColumnList(),
                d.getFormat() == org.mlarena.dataset.entity.DatasetFormat.CSV ? d.inputWidth() : 0, shape, d.classNameList(), d.getValidationFraction(),
                d.getTestFraction(), host ? d.getSeed() : null, host ? d.getSourceFiles() : null, d.getImportedBy(), d.getImportedAt(),
                d.getProfileStatus(), d.getProfileReason(),
                // view.files(), never the dataset's own list: it leaves the hidden files out for non-hosts
                view.files().stream().map(FileView::of).toList(),
                new TestSplit(d.getUseCase().getPublicFraction(), ScoreSplit.commitment(d.scoreSplitSeed()),
                        view.splitSeed(), ScoreSplit.RULE),
                new java.util.TreeMap<>(DataDictionary.fromJson(d.getDictionary()).labelNames()),
                new java.util.TreeMap<>(DataDictionary.fromJson(d.getDictionary()).columns()));
    }
}
