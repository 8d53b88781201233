package org.mlarena.platform.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.dataset.control.DatasetImporter;
import org.mlarena.dataset.control.ImportSpec;
import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.ModelZoo.Category;
import org.mlarena.settings.Settings;

/** What the demo data holds: four template use cases, their texts, data files, teams and template experiments. */
public final class DemoTemplates {

    /** A directory with Fashion-MNIST's IDX files; default the Debian package's, when it is installed. */
    public static final String FASHION_MNIST = "arena.demo.fashion-mnist";
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** One template use case: what it says, where its data comes from, who plays in it, which templates it offers. */
    public record Template(String slug, String title, Category category, String metric, String goal, String problem, String background,
                           String rules, ImportSpec spec, Map<String, String> files, String source, Map<String, List<String>> teams,
                           List<TrainingPlan.Settings> experiments, Story story) {
    }

    /**
     * What the EDA tab tells of a template's data: its source, context and labelling (Markdown), the names of its
     * classes and the meanings of its columns.
     */
    public record Story(String source, String context, String labelling, Map<String, String> labelNames, Map<String, String> columns) {
    }

    private DemoTemplates() {
    }

    /** The four template use cases. */
    public static List<Template> all() {
        Path fashion = Path.of(Settings.read(FASHION_MNIST, Files.isDirectory(DEBIAN_FASHION_MNIST) ? DEBIAN_FASHION_MNIST.toString() : "subset"));
        boolean subset = !Files.isRegularFile(fashion.resolve("train-images-idx3-ubyte.gz"));
        Map<String, String> fashionFiles = subset
                ? Map.of(DatasetImporter.IMAGES, "classpath:fashion-mnist-subset/train-images-idx3-ubyte.gz",
                DatasetImporter.LABELS, "classpath:fashion-mnist-subset/train-labels-idx1-ubyte.gz")
                : Map.of(DatasetImporter.IMAGES, fashion.resolve("train-images-idx3-ubyte.gz").toString(),
                DatasetImporter.LABELS, fashion.resolve("train-labels-idx1-ubyte.gz").toString());
        String common = " Be fair: one team per person, no hand-labelling of the test set, no data from outside the use case.";
        return List.of(
                new Template("fashion-mnist", "Fashion-MNIST: what is in the picture?", Category.IMAGE_CLASSIFICATION, "accuracy",
                        "Tell the article of clothing in a 28×28 grey-scale photo: one of ten classes.",
                        "Given the pixels of a product photo from Zalando's catalogue, predict its class (T-shirt/top, trouser, pullover,"
                                + " dress, coat, sandal, shirt, sneaker, bag, ankle boot).",
                        "Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017) is a drop-in replacement for MNIST that is harder to solve."
                                + (subset ? " This server uses the 2,000-image subset shipped with ML Arena (install Debian's"
                                + " dataset-fashion-mnist for the full 60,000)." : " The 60,000 training images of Debian's dataset-fashion-mnist."),
                        "Train on the platform only; the test labels stay hidden." + common,
                        new ImportSpec(DatasetFormat.IDX, null, null, ',', 0.1, subset ? 0.2 : 1.0 / 6, 7), fashionFiles,
                        subset ? "Fashion-MNIST subset (2,000 images)" : "Debian dataset-fashion-mnist (60,000 images)",
                        Map.of("Alpha", List.of("alice", "bob")),
                        List.of(settings("softmax-regression", Map.of()), settings("mlp", Map.of("hidden", "256"))),
                        new Story("Zalando Research: Han Xiao, Kashif Rasul and Roland Vollgraf, *Fashion-MNIST: a Novel Image Dataset for"
                                + " Benchmarking Machine Learning Algorithms* (2017), under the MIT licence; here from Debian's"
                                + " `dataset-fashion-mnist` package.",
                                "Product photos of Zalando's online catalogue, converted to 28×28 grey-scale images (the product centred,"
                                        + " light on dark). The classes are balanced: as many images of each.",
                                "Each product's class comes from its silhouette code in the catalogue, assigned by Zalando's in-house"
                                        + " fashion experts and reviewed by a separate team. Shirts, T-shirts, pullovers and coats are easily"
                                        + " confused, by people too.",
                                Map.of("0", "T-shirt/top", "1", "Trouser", "2", "Pullover", "3", "Dress", "4", "Coat", "5", "Sandal",
                                        "6", "Shirt", "7", "Sneaker", "8", "Bag", "9", "Ankle boot"), Map.of())),
                new Template("wine-cultivars", "Wine: which cultivar?", Category.TABULAR_CLASSIFICATION, "f1_macro",
                        "Tell which of three cultivars a wine comes from, by its chemical analysis.",
                        "Thirteen measured constituents (alcohol, malic acid, flavanoids, proline, …) of 178 Italian wines; predict the"
                                + " cultivar class_0, class_1 or class_2.",
                        "The UCI wine recognition data (Forina et al.), as shipped by scikit-learn.",
                        "Macro-averaged F1 ranks the teams, so every cultivar counts the same." + common,
                        new ImportSpec(DatasetFormat.CSV, "cultivar", null, ',', 0.2, 0.3, 7),
                        Map.of(DatasetImporter.TABLE, "classpath:demo/wine.csv"), "wine.csv (UCI wine recognition)",
                        Map.of("Alpha", List.of("alice"), "Bravo", List.of("bob")),
                        List.of(settings("softmax-regression", Map.of()), settings("mlp", Map.of("hidden", "32")),
                                settings(ModelZoo.GRADIENT_BOOSTING, Map.of())),
                        new Story("M. Forina et al., PARVUS (Institute of Pharmaceutical and Food Analysis and Technologies, Genoa),"
                                + " published in the UCI Machine Learning Repository as *Wine* (1991); here as scikit-learn ships it.",
                                "Chemical analyses of 178 wines grown in the same region of Italy, from three cultivars. Each row is"
                                        + " one wine, with 13 of the originally about 30 measured constituents.",
                                "The cultivar of each wine was known from where it came from; no one had to judge it.",
                                Map.of("class_0", "Barolo", "class_1", "Grignolino", "class_2", "Barbera"),
                                Map.ofEntries(Map.entry("alcohol", "alcohol content"), Map.entry("malic_acid", "malic acid"),
                                        Map.entry("ash", "ash"), Map.entry("alcalinity_of_ash", "alcalinity of the ash"),
                                        Map.entry("magnesium", "magnesium"), Map.entry("total_phenols", "total phenols"),
                                        Map.entry("flavanoids", "flavanoids (a family of phenols)"),
                                        Map.entry("nonflavanoid_phenols", "phenols other than flavanoids"),
                                        Map.entry("proanthocyanins", "proanthocyanins (condensed tannins)"),
                                        Map.entry("color_intensity", "colour intensity"), Map.entry("hue", "hue"),
                                        Map.entry("od280_od315_of_diluted_wines", "absorbance ratio OD280/OD315 of the diluted wine (a measure of its proteins)"),
                                        Map.entry("proline", "proline (an amino acid)")))),
                new Template("diabetes-progression", "Diabetes: progression after one year", Category.TABULAR_REGRESSION, "rmse",
                        "Predict how far diabetes has progressed one year after a baseline visit.",
                        "Ten baseline variables (age, sex, body-mass index, blood pressure and six blood serum measurements) of 442"
                                + " patients; predict the quantitative measure of disease progression.",
                        "The diabetes data of Efron, Hastie, Johnstone and Tibshirani (2004), 'Least Angle Regression'.",
                        "Root mean squared error ranks the teams: lower is better." + common,
                        new ImportSpec(DatasetFormat.CSV, "progression", null, ',', 0.2, 0.3, 7),
                        Map.of(DatasetImporter.TABLE, "classpath:demo/diabetes.csv"), "diabetes.csv (Efron et al. 2004)",
                        Map.of("Alpha", List.of("alice"), "Bravo", List.of("bob")), List.of(settings("linear-regression", Map.of()),
                        settings("mlp-regressor", Map.of("hidden", "32")), settings(ModelZoo.GRADIENT_BOOSTING, Map.of())),
                        new Story("Bradley Efron, Trevor Hastie, Iain Johnstone and Robert Tibshirani, *Least Angle Regression*,"
                                + " Annals of Statistics 32 (2004); the original (unscaled) values, as scikit-learn ships them.",
                                "442 diabetes patients: ten measurements at a baseline visit, and how far the disease had progressed"
                                        + " one year later.",
                                "The target is a quantitative measure of disease progression one year after the baseline, measured"
                                        + " by the physicians, not judged by annotators.",
                                Map.of(),
                                Map.of("age", "age in years", "sex", "sex (coded 1 or 2)", "bmi", "body mass index",
                                        "bp", "average blood pressure", "s1", "tc: total serum cholesterol",
                                        "s2", "ldl: low-density lipoproteins", "s3", "hdl: high-density lipoproteins",
                                        "s4", "tch: total cholesterol / HDL", "s5", "ltg: log of the serum triglycerides level",
                                        "s6", "glu: blood sugar level"))),
                new Template("debian-sections", "Debian packages: which section?", Category.TEXT_CLASSIFICATION, "accuracy",
                        "Tell a Debian package's archive section from its one-line description.",
                        "2,204 short descriptions of packages of this very machine's distribution, each with the section it is filed"
                                + " under; predict the section.",
                        "Taken from the Debian package lists (the Description and Section fields).",
                        "Accuracy ranks the teams." + common,
                        new ImportSpec(DatasetFormat.TEXT, "section", "description", ',', 0.15, 0.25, 7),
                        Map.of(DatasetImporter.TABLE, "classpath:demo/debian-packages.csv"), "debian-packages.csv (Debian package lists)",
                        Map.of("Bravo", List.of("bob")),
                        List.of(settings("softmax-regression", Map.of()), settings("mlp", Map.of("hidden", "128")),
                                // the embedding-bag template as its description says to train it: more buckets, a higher rate
                                new TrainingPlan.Settings(ModelZoo.ARCHITECTURE, Map.of(ModelZoo.ARCHITECTURE, ModelZoo.TEMPLATES.stream()
                                        .filter(t -> t.id().equals("text-embedding-bag")).findFirst().orElseThrow().json(), TrainingPlan.BUCKETS, "16384"),
                                        null, null, 0.003, null, null)),
                        new Story("The Debian archive: the package lists of the distribution this server runs on (the `Description`"
                                + " and `Section` fields of each package).",
                                "Each row is a package: its one-line synopsis, as `apt search` shows it, and the archive section it is"
                                        + " filed under (database, python, games, …). Sections differ a lot in size.",
                                "The section is chosen by the package's maintainer and may be overridden by the archive's"
                                        + " administrators; some packages would fit several sections.",
                                Map.of(), Map.of())));
    }

    /** A template experiment: the model with the platform's defaults, sized to the data, as a newcomer's first one would be. */
    private static TrainingPlan.Settings settings(String model, Map<String, String> hyper) {
        return new TrainingPlan.Settings(model, hyper, null, null, null, null, null);
    }

}
