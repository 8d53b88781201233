package org.mlarena.dataset.control;

import org.mlarena.dataset.entity.DatasetFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.nn.ModelZoo.Category;
import org.mlarena.numerics.nn.TrainingData;

/** The demo tables and the Fashion-MNIST subset, imported as a host imports them; tests run in the module directory. */
public final class ImportedDatasets {

    public static final Path DEMO = Path.of("src/main/resources/demo");
    public static final Path FASHION_MNIST = Path.of("../batch/src/main/resources/fashion-mnist-subset");

    /** An imported dataset: what the entity would record about it, and its directory. */
    public record Imported(Path directory, ImportSpec spec, ImportResult result) {

        public TrainingData load(String split) throws InvalidDataException {
            return load(split, result.classNames());
        }

        public TrainingData load(String split, List<String> classNames) throws InvalidDataException {
            return SplitLoader.load(directory, spec.format(), spec.targetColumn(), spec.textColumn(), classNames,
                    spec.format() == DatasetFormat.IDX ? result.imageShape() : null, split, TEXT_BUCKETS);
        }
    }

    static final int TEXT_BUCKETS = 128;

    private ImportedDatasets() {
    }

    public static Imported wine(Path parent) throws IOException, InvalidDataException {
        return table(DEMO.resolve("wine.csv"), new ImportSpec(DatasetFormat.CSV, "cultivar", null, ',', 0.2, 0.2, 1),
                Category.TABULAR_CLASSIFICATION, parent.resolve("wine"));
    }

    public static Imported diabetes(Path parent) throws IOException, InvalidDataException {
        return table(DEMO.resolve("diabetes.csv"), new ImportSpec(DatasetFormat.CSV, "progression", null, ',', 0.2, 0.2, 2),
                Category.TABULAR_REGRESSION, parent.resolve("diabetes"));
    }

    public static Imported debianPackages(Path parent) throws IOException, InvalidDataException {
        return table(DEMO.resolve("debian-packages.csv"), new ImportSpec(DatasetFormat.TEXT, "section", "description", ',', 0.2, 0.2, 3),
                Category.TEXT_CLASSIFICATION, parent.resolve("debian"));
    }

    public static Imported table(Path file, ImportSpec spec, Category category, Path directory) throws IOException, InvalidDataException {
        return new Imported(directory, spec, DatasetImporter.importFiles(Map.of(DatasetImporter.TABLE, file), spec, category, directory));
    }

    /** The 500 test images of the subset. */
    public static Imported fashion(Path parent) throws IOException, InvalidDataException {
        ImportSpec spec = new ImportSpec(DatasetFormat.IDX, null, null, ',', 0.15, 0.2, 4);
        Path directory = parent.resolve("fashion");
        return new Imported(directory, spec, DatasetImporter.importFiles(Map.of(DatasetImporter.IMAGES, FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz"),
                DatasetImporter.LABELS, FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz")), spec, Category.IMAGE_CLASSIFICATION, directory));
    }
}
