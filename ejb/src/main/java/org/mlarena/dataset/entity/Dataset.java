package org.mlarena.dataset.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;

import org.mlarena.common.ServerNode;
import org.mlarena.usecase.entity.UseCase;

/**
 * The data of a use case as imported by a host: its format, its split sizes, its columns or image shape,
 * its classes, and the stored files with their checksums (under the data directory, in {@link #getDirectory()}).
 */
@Entity
@Table(name = "DATASET", uniqueConstraints = @UniqueConstraint(name = "DATASET_ONE_PER_USE_CASE", columnNames = "USECASE_ID"))
@NamedQuery(name = Dataset.OF_USE_CASE, query = "SELECT d FROM Dataset d WHERE d.useCase = :useCase")
public class Dataset {

    public static final String OF_USE_CASE = "Dataset.ofUseCase";
    private static final String SEPARATOR = "\n";

    @Id
    @TableGenerator(name = "DATASET_IDS", table = "ARENA_IDS", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            pkColumnValue = "DATASET", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "DATASET_IDS")
    private Long id;

    @Version
    private long version;

    @OneToOne(optional = false)
    private UseCase useCase;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private DatasetFormat format;

    @Column(length = 200)
    private String targetColumn;
    @Column(length = 200)
    private String textColumn;

    private int trainRows;
    private int validationRows;
    private int testRows;
    private int imageRows;
    private int imageColumns;

    /** Feature (or text) column names, one per line. */
    @Column(length = 20000)
    private String featureNames;
    /** Class names, one per line; empty for regression. */
    @Column(length = 20000)
    private String classNames;
    /** The host's names of the classes and meanings of the columns ({@code DataDictionary} as JSON); null: none given. */
    @Column(length = 60000)
    private String dictionary;
    /** CSV: the feature columns that hold categories, one per line. */
    @Column(length = 20000)
    private String categoricalColumns;
    /** CSV: the inputs a model gets from a row once encoded (0: as many as features, an import from before encodings). */
    private int inputWidth;

    /** Relative to the datasets directory. */
    @Column(nullable = false, length = 200)
    private String directory;

    private long seed;
    private double validationFraction;
    private double testFraction;

    @Column(length = 500)
    private String sourceFiles;

    @Column(nullable = false, length = 200)
    private String importedBy;
    @Column(nullable = false)
    private Instant importedAt;

    /** The EDA profile of this import: PENDING while the profiling job runs, READY, or FAILED with its reason. */
    @Column(length = 10)
    private String profileStatus;
    @Column(length = 1000)
    private String profileReason;
    /** The server node whose job profiles it while PENDING (another takes it over when that node is lost). */
    @Column(length = ServerNode.NAME_LENGTH)
    private String profileNode;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "DATASET_FILE", joinColumns = @JoinColumn(name = "DATASET_ID"))
    @OrderColumn(name = "POSITION")
    private List<DatasetFile> files = new ArrayList<>();

    protected Dataset() {
    }

    public Dataset(UseCase useCase) {
        this.useCase = useCase;
    }

    /** Records a completed import, replacing what an earlier import recorded. */
    public void imported(DatasetFormat format, String targetColumn, String textColumn, int[] rows, int[] imageShape,
            List<String> featureNames, List<String> classNames, String directory, long seed, double validationFraction,
            double testFraction, String sourceFiles, List<DatasetFile> files, String importedBy, Instant importedAt) {
        this.format = format;
        this.targetColumn = targetColumn;
        this.textColumn = textColumn;
        this.trainRows = rows[0];
        this.validationRows = rows[1];
        this.testRows = rows[2];
        this.imageRows = imageShape.length == 2 ? imageShape[0] : 0;
        this.imageColumns = imageShape.length == 2 ? imageShape[1] : 0;
        this.featureNames = String.join(SEPARATOR, featureNames);
        this.classNames = String.join(SEPARATOR, classNames);
        this.directory = directory;
        this.seed = seed;
        this.validationFraction = validationFraction;
        this.testFraction = testFraction;
        this.sourceFiles = sourceFiles;
        this.files.clear();
        this.files.addAll(files);
        this.importedBy = importedBy;
        this.importedAt = importedAt;
        this.profileStatus = PROFILE_PENDING;
        this.profileReason = null;
        this.profileNode = null;
    }

    /** The profiling job of {@code node} profiles it. */
    public void profiling(String node) {
        this.profileNode = node;
    }

    public String getProfileNode() {
        return profileNode;
    }

    public static final String PROFILE_PENDING = "PENDING";
    public static final String PROFILE_READY = "READY";
    public static final String PROFILE_FAILED = "FAILED";
    /** The profile's file name in the dataset's directory. */
    public static final String PROFILE_FILE = "profile.json";

    public void profiled(String status, String reason) {
        this.profileStatus = status;
        this.profileReason = reason;
    }

    public String getProfileStatus() {
        return profileStatus;
    }

    public String getProfileReason() {
        return profileReason;
    }

    public List<String> featureNameList() {
        return split(featureNames);
    }

    public List<String> classNameList() {
        return split(classNames);
    }

    public List<String> categoricalColumnList() {
        return split(categoricalColumns);
    }

    /** CSV: the inputs a model gets from one row, its categories one-hot encoded and its missing values flagged. */
    public int inputWidth() {
        return inputWidth > 0 ? inputWidth : featureNameList().size();
    }

    /** A table's categorical columns, and the width its rows have once encoded. */
    public String getDictionary() {
        return dictionary;
    }

    public void setDictionary(String dictionary) {
        this.dictionary = dictionary;
    }

    public void encoded(List<String> categoricalColumns, int inputWidth) {
        this.categoricalColumns = String.join(SEPARATOR, categoricalColumns);
        this.inputWidth = inputWidth;
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(SEPARATOR, -1));
    }

    public Long getId() {
        return id;
    }

    public UseCase getUseCase() {
        return useCase;
    }

    public DatasetFormat getFormat() {
        return format;
    }

    public String getTargetColumn() {
        return targetColumn;
    }

    public String getTextColumn() {
        return textColumn;
    }

    public int getTrainRows() {
        return trainRows;
    }

    public int getValidationRows() {
        return validationRows;
    }

    public int getTestRows() {
        return testRows;
    }

    public int getImageRows() {
        return imageRows;
    }

    public int getImageColumns() {
        return imageColumns;
    }

    public String getDirectory() {
        return directory;
    }

    /**
     * The seed of the public/private split of the test set ({@code ScoreSplit}): the use case's id with the dataset's
     * seed, so that two use cases of the same data split their test sets differently.
     */
    public long scoreSplitSeed() {
        return useCase.getId() * 7919L + seed;
    }

    public long getSeed() {
        return seed;
    }

    public double getValidationFraction() {
        return validationFraction;
    }

    public double getTestFraction() {
        return testFraction;
    }

    public String getSourceFiles() {
        return sourceFiles;
    }

    public String getImportedBy() {
        return importedBy;
    }

    public Instant getImportedAt() {
        return importedAt;
    }

    /**
     * One checksum for the whole import, recorded by every run that uses it: the SHA-256 of the lines "name sha256"
     * of its stored files in name order (each file's own SHA-256 is listed with the dataset).
     */
    public String checksum() {
        StringBuilder lines = new StringBuilder();
        files.stream().sorted(java.util.Comparator.comparing(DatasetFile::getName))
                .forEach(f -> lines.append(f.getName()).append(' ').append(f.getSha256()).append('\n'));
        return org.mlarena.common.Sha256.hex(lines.toString());
    }

    public List<DatasetFile> getFiles() {
        return files;
    }
}
