package org.mlarena.evaluation;

import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One metric as the platform describes and computes it.
 *
 * @param id             stable identifier, as scikit-learn names it where it can ({@code f1_macro}, {@code roc_auc})
 * @param name           the name shown to people
 * @param direction      whether higher or lower values are better
 * @param taskTypes      the task types it applies to
 * @param requires       what it needs from a submission (labels, probabilities or values)
 * @param explanation    what it measures in plain words, with its edge cases (zero division, undefined values)
 * @param formula        its formula in LaTeX
 * @param implementation the Java method that computes it, {@code Class.method}
 * @param snippet        the source of that method, cut from the source at build time ({@link MetricSources})
 * @param evaluator      the computation
 */
public record Metric(String id, String name, Direction direction, Set<TaskType> taskTypes, Requirement requires,
        String explanation, String formula, String implementation, String snippet, Evaluator evaluator) {

    public Metric {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(evaluator, "evaluator");
        taskTypes = Set.copyOf(taskTypes);
    }

    /** How a metric computes its result: a number, or (confusion matrix) a matrix. */
    public sealed interface Evaluator {

        /** A metric whose result is one number. */
        record Scalar(ToDoubleFunction<MetricInput> function) implements Evaluator {
        }

        /** A metric whose result is a confusion matrix. */
        record Matrix(Function<MetricInput, ConfusionMatrix> function) implements Evaluator {
        }
    }

    /** Whether the result is a single number (every metric but the confusion matrix). */
    public boolean isScalar() {
        return evaluator instanceof Evaluator.Scalar;
    }

    /**
     * The metric's value on {@code input}.
     *
     * @throws IllegalArgumentException when the input is of the wrong kind or the metric is undefined on it
     * @throws IllegalStateException    when the metric's result is not a number ({@link #matrix})
     */
    public double evaluate(MetricInput input) {
        check(input);
        if (evaluator instanceof Evaluator.Scalar scalar) {
            return scalar.function().applyAsDouble(input);
        }
        throw new IllegalStateException(id + " is not a single number; call matrix(input)");
    }

    /** The confusion matrix of {@code input}, for the metric whose result is one. */
    public ConfusionMatrix matrix(MetricInput input) {
        check(input);
        if (evaluator instanceof Evaluator.Matrix matrix) {
            return matrix.function().apply(input);
        }
        throw new IllegalStateException(id + " is a single number; call evaluate(input)");
    }

    private void check(MetricInput input) {
        if (!requires.inputType().isInstance(input)) {
            throw new IllegalArgumentException(id + " needs " + requires.inputType().getSimpleName()
                    + ", got " + (input == null ? "nothing" : input.getClass().getSimpleName()));
        }
    }
}
