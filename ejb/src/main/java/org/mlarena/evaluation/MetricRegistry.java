package org.mlarena.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.mlarena.evaluation.Metric.Evaluator;
import org.mlarena.evaluation.MetricInput.ClassLabels;
import org.mlarena.evaluation.MetricInput.ClassProbabilities;
import org.mlarena.evaluation.MetricInput.RegressionValues;

/**
 * The metrics the platform offers, each with its description, formula and code snippet. Values equal
 * scikit-learn 1.2's to a relative 1e-9 (tested against fixtures scikit-learn wrote). Immutable;
 * {@link #standard()} is the shared instance, built once (it reads the snippets from the class path).
 */
public final class MetricRegistry {

    private static final Set<TaskType> BINARY = Set.of(TaskType.BINARY_CLASSIFICATION);
    private static final Set<TaskType> MULTICLASS = Set.of(TaskType.MULTICLASS_CLASSIFICATION);
    private static final Set<TaskType> CLASSIFICATION = Set.of(TaskType.BINARY_CLASSIFICATION,
            TaskType.MULTICLASS_CLASSIFICATION);
    private static final Set<TaskType> REGRESSION = Set.of(TaskType.REGRESSION);

    private static final String ZERO_DIVISION = " Where a ratio's denominator is zero (a class never predicted"
            + " for precision, a class absent from the truth for recall, both zero for an F-score), it counts"
            + " as 0, as scikit-learn's default zero_division.";

    private static final class Holder {
        static final MetricRegistry STANDARD = new MetricRegistry(MetricSources.load());
    }

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final MetricSources sources;

    /** The registry of all standard metrics. */
    public static MetricRegistry standard() {
        return Holder.STANDARD;
    }

    MetricRegistry(MetricSources sources) {
        this.sources = sources;
        registerLabelMetrics();
        registerProbabilityMetrics();
        registerRegressionMetrics();
    }

    /** All metrics, in a stable order. */
    public List<Metric> all() {
        return List.copyOf(metrics.values());
    }

    /** The metrics that apply to a task type. */
    public List<Metric> forTask(TaskType type) {
        List<Metric> out = new ArrayList<>();
        for (Metric m : metrics.values()) {
            if (m.taskTypes().contains(type)) {
                out.add(m);
            }
        }
        return Collections.unmodifiableList(out);
    }

    public Optional<Metric> find(String id) {
        return Optional.ofNullable(metrics.get(id));
    }

    /** The metric {@code id}, or an {@link IllegalArgumentException} naming the known ids. */
    public Metric get(String id) {
        Metric m = metrics.get(id);
        if (m == null) {
            throw new IllegalArgumentException("unknown metric '" + id + "'; known: " + metrics.keySet());
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------------
    private void registerLabelMetrics() {
        labels("accuracy", "Accuracy", CLASSIFICATION,
                "The share of samples whose predicted class is the true class.",
                "\\mathrm{accuracy} = \\frac{1}{n}\\sum_{i=1}^{n} [\\hat y_i = y_i]",
                "ClassificationMetrics.accuracy", List.of("accuracy"),
                ClassificationMetrics::accuracy);
        labels("balanced_accuracy", "Balanced accuracy", CLASSIFICATION,
                "The mean over classes of the recall (the share of each class's samples predicted correctly), so"
                        + " that every class counts the same however rare. A class absent from the truth is left"
                        + " out of the mean.",
                "\\frac{1}{|C|}\\sum_{c \\in C} \\frac{TP_c}{TP_c + FN_c}",
                "ClassificationMetrics.balancedAccuracy", List.of("balanced_accuracy"),
                ClassificationMetrics::balancedAccuracy);
        for (Average average : Average.values()) {
            String a = average.name().toLowerCase(Locale.ROOT);
            Set<TaskType> tasks = average == Average.BINARY ? BINARY : CLASSIFICATION;
            String how = averageText(average);
            labels("precision_" + a, "Precision (" + a + ")", tasks,
                    "Of the samples predicted as a class, the share truly of that class. " + how + ZERO_DIVISION,
                    averageFormula(average, "\\frac{TP_c}{TP_c + FP_c}", "\\frac{\\sum TP}{\\sum TP + \\sum FP}"),
                    "ClassificationMetrics.precision", List.of("precision_recall_f"),
                    cm -> ClassificationMetrics.precision(cm, average));
            labels("recall_" + a, "Recall (" + a + ")", tasks,
                    "Of the samples truly of a class, the share predicted as that class. " + how + ZERO_DIVISION,
                    averageFormula(average, "\\frac{TP_c}{TP_c + FN_c}", "\\frac{\\sum TP}{\\sum TP + \\sum FN}"),
                    "ClassificationMetrics.recall", List.of("precision_recall_f"),
                    cm -> ClassificationMetrics.recall(cm, average));
            labels("f1_" + a, "F1 (" + a + ")", tasks,
                    "The harmonic mean of precision and recall. " + how + ZERO_DIVISION,
                    averageFormula(average, "\\frac{2 P_c R_c}{P_c + R_c}", "\\frac{2 P R}{P + R}"),
                    "ClassificationMetrics.f1", List.of("precision_recall_f"),
                    cm -> ClassificationMetrics.f1(cm, average));
            for (double beta : new double[] {2.0, 0.5}) {
                String b = beta == 2.0 ? "2" : "0_5";
                String shown = beta == 2.0 ? "2" : "0.5";
                labels("f" + b + "_" + a, "F" + shown + " (" + a + ")", tasks,
                        "The F-beta score with beta = " + shown + ": a weighted harmonic mean of precision and"
                                + " recall in which recall counts beta times as much as precision. " + how
                                + ZERO_DIVISION,
                        averageFormula(average, "\\frac{(1+\\beta^2) P_c R_c}{\\beta^2 P_c + R_c}",
                                "\\frac{(1+\\beta^2) P R}{\\beta^2 P + R}") + ",\\quad \\beta = " + shown,
                        "ClassificationMetrics.fBeta", List.of("precision_recall_f"),
                        cm -> ClassificationMetrics.fBeta(cm, average, beta));
            }
        }
        labels("matthews_corrcoef", "Matthews correlation coefficient", CLASSIFICATION,
                "The correlation between true and predicted classes, from -1 (always wrong) through 0 (no better"
                        + " than chance) to 1 (perfect); robust to imbalanced classes. When the truth or the"
                        + " predictions hold a single class it is undefined (0/0) and counts as 0, as scikit-learn.",
                "\\frac{c\\,s - \\sum_k p_k t_k}{\\sqrt{(s^2 - \\sum_k p_k^2)(s^2 - \\sum_k t_k^2)}}",
                "ClassificationMetrics.matthewsCorrcoef", List.of("matthews_corrcoef"),
                ClassificationMetrics::matthewsCorrcoef);
        labels("cohen_kappa", "Cohen's kappa", CLASSIFICATION,
                "Agreement between predictions and truth beyond what chance would give: 1 is perfect, 0 is"
                        + " chance level. Undefined (NaN, as scikit-learn) when chance agreement is already"
                        + " perfect, e.g. truth and predictions all one and the same class.",
                "\\kappa = 1 - \\frac{\\sum_{ij} w_{ij} O_{ij}}{\\sum_{ij} w_{ij} E_{ij}},\\quad w_{ij} = [i \\ne j]",
                "ClassificationMetrics.cohenKappa", List.of("cohen_kappa"),
                cm -> ClassificationMetrics.cohenKappa(cm, false));
        labels("cohen_kappa_quadratic", "Quadratic weighted kappa", CLASSIFICATION,
                "Cohen's kappa for ordered classes: a disagreement costs the squared distance between the two"
                        + " classes, so near misses cost little. Distances count positions among the classes"
                        + " present in the truth or the predictions, as scikit-learn. NaN when undefined, as"
                        + " Cohen's kappa.",
                "\\kappa = 1 - \\frac{\\sum_{ij} w_{ij} O_{ij}}{\\sum_{ij} w_{ij} E_{ij}},\\quad w_{ij} = (i-j)^2",
                "ClassificationMetrics.cohenKappa", List.of("cohen_kappa"),
                cm -> ClassificationMetrics.cohenKappa(cm, true));
        metrics.put("confusion_matrix", new Metric("confusion_matrix", "Confusion matrix", Direction.NONE,
                CLASSIFICATION, Requirement.LABELS,
                "A table of counts: row t, column p holds how many samples of true class t were predicted as p."
                        + " The diagonal holds the correct predictions.",
                "C_{tp} = \\sum_{i=1}^{n} [y_i = t][\\hat y_i = p]",
                "ConfusionMatrix.of", sources.snippet("confusion_matrix"),
                new Evaluator.Matrix(in -> ConfusionMatrix.of((ClassLabels) in))));
    }

    private static String averageText(Average average) {
        switch (average) {
            case BINARY:
                return "Computed for the positive class 1.";
            case MICRO:
                return "Micro average: counts summed over all classes first (for single-label data this equals"
                        + " accuracy).";
            case MACRO:
                return "Macro average: the unweighted mean over the classes present in the truth or the"
                        + " predictions.";
            default:
                return "Weighted average: the mean over classes weighted by each class's number of true samples.";
        }
    }

    private static String averageFormula(Average average, String perClass, String micro) {
        switch (average) {
            case BINARY:
                return perClass.replace("_c", "_1");
            case MICRO:
                return micro;
            case MACRO:
                return "\\frac{1}{|C|}\\sum_{c \\in C} " + perClass;
            default:
                return "\\frac{1}{n}\\sum_{c} n_c\\, " + perClass;
        }
    }

    private void registerProbabilityMetrics() {
        for (int k : new int[] {2, 3}) {
            probabilities("top_" + k + "_accuracy", "Top-" + k + " accuracy", Direction.HIGHER_IS_BETTER,
                    MULTICLASS,
                    "The share of samples whose true class is among the " + k + " classes given the highest"
                            + " probability. Between equal probabilities the class with the higher number ranks"
                            + " first, as scikit-learn.",
                    "\\frac{1}{n}\\sum_{i=1}^{n} [y_i \\in \\mathrm{top}_" + k + "(p_i)]",
                    "ProbabilityMetrics.topKAccuracy", List.of("top_k_accuracy"),
                    in -> ProbabilityMetrics.topKAccuracy(in, k));
        }
        probabilities("log_loss", "Log-loss", Direction.LOWER_IS_BETTER, CLASSIFICATION,
                "The mean of minus the log of the probability given to the true class: confident wrong answers"
                        + " cost much. Probabilities are clipped to [2.2e-16, 1 - 2.2e-16] and each row rescaled"
                        + " to sum 1, as scikit-learn, so one certain mistake costs about 36 rather than infinity.",
                "-\\frac{1}{n}\\sum_{i=1}^{n} \\log p_{i, y_i}",
                "ProbabilityMetrics.logLoss", List.of("log_loss"), ProbabilityMetrics::logLoss);
        probabilities("brier_score", "Brier score", Direction.LOWER_IS_BETTER, BINARY,
                "The mean squared difference between the probability given to the positive class and the"
                        + " truth (1 for positive, 0 for negative).",
                "\\frac{1}{n}\\sum_{i=1}^{n} (p_i - y_i)^2",
                "ProbabilityMetrics.brierScore", List.of("brier_score"), ProbabilityMetrics::brierScore);
        probabilities("roc_auc", "ROC AUC", Direction.HIGHER_IS_BETTER, BINARY,
                "The probability that a random positive sample gets a higher score than a random negative one"
                        + " (ties count one half): the area under the ROC curve. 0.5 is chance, 1 is perfect."
                        + " Undefined, and refused, when the truth holds only one class.",
                "\\frac{1}{n_+ n_-}\\sum_{i: y_i=1}\\sum_{j: y_j=0} \\left([s_i > s_j] + \\tfrac12 [s_i = s_j]\\right)",
                "RocAuc.binary", List.of("roc_auc"), RocAuc::binary);
        probabilities("roc_auc_ovr_macro", "ROC AUC (one-vs-rest, macro)", Direction.HIGHER_IS_BETTER, MULTICLASS,
                "The ROC AUC of each class against all others, averaged with equal weight. Every class must"
                        + " occur in the truth; otherwise it is undefined and refused, as scikit-learn.",
                "\\frac{1}{K}\\sum_{c=1}^{K} \\mathrm{AUC}_c",
                "RocAuc.oneVsRest", List.of("roc_auc_ovr", "roc_auc"), in -> RocAuc.oneVsRest(in, false));
        probabilities("roc_auc_ovr_weighted", "ROC AUC (one-vs-rest, weighted)", Direction.HIGHER_IS_BETTER,
                MULTICLASS,
                "The ROC AUC of each class against all others, averaged with weights proportional to each"
                        + " class's number of true samples. Every class must occur in the truth.",
                "\\frac{1}{n}\\sum_{c=1}^{K} n_c\\,\\mathrm{AUC}_c",
                "RocAuc.oneVsRest", List.of("roc_auc_ovr", "roc_auc"), in -> RocAuc.oneVsRest(in, true));
        probabilities("average_precision", "Average precision", Direction.HIGHER_IS_BETTER, BINARY,
                "The area under the precision-recall curve as a step function (not interpolated): the mean of"
                        + " the precision at each threshold, weighted by the recall gained there. 0 when the truth"
                        + " holds no positive sample (recall undefined), as scikit-learn.",
                "\\mathrm{AP} = \\sum_n (R_n - R_{n-1})\\, P_n",
                "AveragePrecision.binary", List.of("average_precision"), AveragePrecision::binary);
    }

    private void registerRegressionMetrics() {
        values("mae", "Mean absolute error", Direction.LOWER_IS_BETTER,
                "The mean distance between prediction and truth, in the target's unit.",
                "\\frac{1}{n}\\sum_{i=1}^{n} |y_i - \\hat y_i|",
                "RegressionMetrics.meanAbsoluteError", "mae", RegressionMetrics::meanAbsoluteError);
        values("mse", "Mean squared error", Direction.LOWER_IS_BETTER,
                "The mean squared difference between prediction and truth; large errors weigh more.",
                "\\frac{1}{n}\\sum_{i=1}^{n} (y_i - \\hat y_i)^2",
                "RegressionMetrics.meanSquaredError", "mse", RegressionMetrics::meanSquaredError);
        values("rmse", "Root mean squared error", Direction.LOWER_IS_BETTER,
                "The square root of the mean squared error, back in the target's unit.",
                "\\sqrt{\\frac{1}{n}\\sum_{i=1}^{n} (y_i - \\hat y_i)^2}",
                "RegressionMetrics.rootMeanSquaredError", "rmse", RegressionMetrics::rootMeanSquaredError);
        values("r2", "R² (coefficient of determination)", Direction.HIGHER_IS_BETTER,
                "The share of the targets' variance the predictions explain: 1 is perfect, 0 is no better than"
                        + " predicting the mean, below 0 is worse. For constant targets it is 1 if the predictions"
                        + " are exact and 0 otherwise (scikit-learn's force_finite); for a single sample it is"
                        + " undefined (NaN), as scikit-learn.",
                "1 - \\frac{\\sum_i (y_i - \\hat y_i)^2}{\\sum_i (y_i - \\bar y)^2}",
                "RegressionMetrics.r2", "r2", RegressionMetrics::r2);
        values("explained_variance", "Explained variance", Direction.HIGHER_IS_BETTER,
                "Like R², but a constant offset between predictions and truth is not counted as error. For"
                        + " constant targets it is 1 if the errors are constant and 0 otherwise, as scikit-learn.",
                "1 - \\frac{\\mathrm{Var}(y - \\hat y)}{\\mathrm{Var}(y)}",
                "RegressionMetrics.explainedVariance", "explained_variance", RegressionMetrics::explainedVariance);
        values("mape", "Mean absolute percentage error", Direction.LOWER_IS_BETTER,
                "The mean relative error, as a fraction (0.1 means 10 %). A true value of 0 is replaced by"
                        + " 2.2e-16 in the denominator, as scikit-learn, which makes such errors enormous.",
                "\\frac{1}{n}\\sum_{i=1}^{n} \\frac{|y_i - \\hat y_i|}{\\max(|y_i|, \\epsilon)}",
                "RegressionMetrics.meanAbsolutePercentageError", "mape",
                RegressionMetrics::meanAbsolutePercentageError);
        values("median_absolute_error", "Median absolute error", Direction.LOWER_IS_BETTER,
                "The median distance between prediction and truth: insensitive to a few very bad predictions.",
                "\\operatorname{median}_i |y_i - \\hat y_i|",
                "RegressionMetrics.medianAbsoluteError", "median_absolute_error",
                RegressionMetrics::medianAbsoluteError);
        values("max_error", "Max error", Direction.LOWER_IS_BETTER,
                "The largest distance between a prediction and its truth: the worst case.",
                "\\max_i |y_i - \\hat y_i|",
                "RegressionMetrics.maxError", "max_error", RegressionMetrics::maxError);
        values("msle", "Mean squared logarithmic error", Direction.LOWER_IS_BETTER,
                "The mean squared difference of log(1 + value): relative errors on non-negative targets."
                        + " Refused when a target or prediction is negative, as scikit-learn.",
                "\\frac{1}{n}\\sum_{i=1}^{n} (\\log(1 + y_i) - \\log(1 + \\hat y_i))^2",
                "RegressionMetrics.meanSquaredLogError", "msle", RegressionMetrics::meanSquaredLogError);
    }

    // ------------------------------------------------------------------------------------------------
    private void labels(String id, String name, Set<TaskType> tasks, String explanation, String formula,
            String implementation, List<String> snippetKeys, ToDoubleFunction<ConfusionMatrix> function) {
        add(new Metric(id, name, Direction.HIGHER_IS_BETTER, tasks, Requirement.LABELS, explanation, formula,
                implementation, snippet(snippetKeys),
                new Evaluator.Scalar(in -> function.applyAsDouble(ConfusionMatrix.of((ClassLabels) in)))));
    }

    private void probabilities(String id, String name, Direction direction, Set<TaskType> tasks,
            String explanation, String formula, String implementation, List<String> snippetKeys,
            ToDoubleFunction<ClassProbabilities> function) {
        add(new Metric(id, name, direction, tasks, Requirement.PROBABILITIES, explanation, formula, implementation,
                snippet(snippetKeys), new Evaluator.Scalar(in -> function.applyAsDouble((ClassProbabilities) in))));
    }

    private void values(String id, String name, Direction direction, String explanation, String formula,
            String implementation, String snippetKey, ToDoubleFunction<RegressionValues> function) {
        add(new Metric(id, name, direction, REGRESSION, Requirement.VALUES, explanation, formula, implementation,
                snippet(List.of(snippetKey)),
                new Evaluator.Scalar(in -> function.applyAsDouble((RegressionValues) in))));
    }

    private String snippet(List<String> keys) {
        StringBuilder out = new StringBuilder();
        for (String key : keys) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(sources.snippet(key));
        }
        return out.toString();
    }

    private void add(Metric metric) {
        if (metrics.putIfAbsent(metric.id(), metric) != null) {
            throw new IllegalStateException("metric " + metric.id() + " registered twice");
        }
    }
}
