package org.mlarena.numerics.nn;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Full-batch L-BFGS (Nocedal and Wright, algorithms 7.4 and 3.1) on the mean training loss plus an L2 penalty
 * {@code l2 / 2 * |w|^2} on the weights (not the biases). With {@code l2 = 1 / (C * rows)} on softmax cross-entropy that
 * is the objective of scikit-learn's {@code LogisticRegression}, and with {@code l2 = 2 * alpha / rows} on the mean
 * squared error that of {@code Ridge}: for a convex model the minimum, which this reaches whatever the start and
 * whatever the order of the rows, rather than a point that a stochastic optimiser's last or best epoch happens to hold.
 *
 * <p>Each {@link #iterate} is one iteration: a search direction from the last {@value #HISTORY} steps' curvature, and a
 * backtracking line search (Armijo's condition) along it; every evaluation of the objective is a forward and backward
 * pass over all training rows in batches of the network's capacity, on the backend's kernels, with the gradients summed
 * here. The curvature history lives in this object: a run resumed from a checkpoint starts a new one from the saved
 * weights and, for a convex model, reaches the same minimum.
 *
 * <p>Only networks whose training pass is a function of the weights fit: no dropout, no augmentation, and no embedding
 * bag (its gradient covers only the rows a batch holds), see {@link #unsupported}.
 */
public final class Lbfgs {

    /** Steps whose curvature the direction uses (scikit-learn's and SciPy's default). */
    public static final int HISTORY = 10;
    /** Converged when no gradient component exceeds this (scikit-learn's default {@code tol} for lbfgs). */
    public static final double GRADIENT_TOLERANCE = 1e-4;
    /** Evaluations one line search may take before it gives up (the objective then no longer decreases in float). */
    static final int MAX_EVALUATIONS = 20;
    private static final double ARMIJO = 1e-4;

    /**
     * One iteration's figures.
     *
     * @param loss      mean training loss at the new weights, without the penalty
     * @param accuracy  training accuracy there (NaN for regression)
     * @param flops     FLOPs of its evaluations (the backend's count) and of the direction and sums here
     * @param converged no gradient component above {@link #GRADIENT_TOLERANCE}, or no decrease left along the direction
     */
    public record Iteration(double loss, double accuracy, long flops, boolean converged, int evaluations) {
    }

    private final float l2;
    private final Deque<double[]> steps = new ArrayDeque<>();
    private final Deque<double[]> gradientChanges = new ArrayDeque<>();
    private double[] x;
    private double[] gradient;
    private double objective;
    private Evaluated atX;

    /** @param l2 the penalty's strength: 0 or more */
    public Lbfgs(float l2) {
        if (!(l2 >= 0 && Float.isFinite(l2))) {
            throw new IllegalArgumentException("the L2 penalty must be 0 or more, got " + l2);
        }
        this.l2 = l2;
    }

    /**
     * Why a network cannot be trained by L-BFGS, for people, or null when it can: its training pass must be a function
     * of the weights alone.
     */
    public static String unsupported(List<LayerSpec> specs) {
        for (LayerSpec spec : specs) {
            if (spec instanceof LayerSpec.Dropout || spec instanceof LayerSpec.Dense d && d.dropout() > 0) {
                return "dropout";
            }
            if (spec instanceof LayerSpec.Augment) {
                return "augmentation";
            }
            if (spec instanceof LayerSpec.EmbeddingBag) {
                return "an embedding bag";
            }
            if (spec instanceof LayerSpec.Residual r && unsupported(r.body()) != null) {
                return unsupported(r.body());
            }
        }
        return null;
    }

    /** One iteration from the network's current weights; leaves the network holding the new ones. */
    public Iteration iterate(Network net, TrainingData train) {
        String reason = unsupported(net.specs());
        if (reason != null) {
            throw new IllegalArgumentException("L-BFGS needs a training pass that depends on the weights alone; this network has " + reason);
        }
        long flopsBefore = net.backend().flops();
        int p = net.parameterCount();
        long hostFlops = 0;
        int evaluations = 0;
        if (x == null) {
            x = new double[p];
            float[] current = new float[p];
            net.backend().read(0, p, current, 0);
            for (int i = 0; i < p; i++) {
                x[i] = current[i];
            }
            gradient = new double[p];
            atX = evaluate(net, train, x, gradient);
            objective = atX.objective();
            evaluations++;
            hostFlops += atX.hostFlops();
        }
        double[] direction = direction();
        hostFlops += (4L * steps.size() + 2) * p;
        double slope = dot(gradient, direction);
        if (!(slope < 0)) {
            // the history no longer describes the objective (a bad pair): steepest descent from here
            steps.clear();
            gradientChanges.clear();
            direction = direction();
            slope = dot(gradient, direction);
        }
        if (maxAbs(gradient) <= GRADIENT_TOLERANCE) {
            return finish(net, flopsBefore, hostFlops, true, evaluations);
        }
        // the first step has no curvature to scale it: a unit step along the normalised gradient, as SciPy takes
        double step = steps.isEmpty() ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
        double[] candidate = new double[p];
        double[] candidateGradient = new double[p];
        Evaluated evaluated = null;
        boolean decreased = false;
        while (evaluations < MAX_EVALUATIONS) {
            for (int i = 0; i < p; i++) {
                // the weights as the network holds them (float), so that the step and the curvature are what it saw
                candidate[i] = (float) (x[i] + step * direction[i]);
            }
            evaluated = evaluate(net, train, candidate, candidateGradient);
            evaluations++;
            hostFlops += evaluated.hostFlops() + 2L * p;
            if (evaluated.objective() <= objective + ARMIJO * step * slope) {
                decreased = evaluated.objective() < objective;
                break;
            }
            // the minimum of the quadratic through f(0), f'(0) and f(step), kept within a tenth and a half of the step
            double quadratic = -slope * step * step / (2 * (evaluated.objective() - objective - slope * step));
            step = Double.isFinite(quadratic) ? Math.max(0.1 * step, Math.min(0.5 * step, quadratic)) : 0.5 * step;
        }
        if (!decreased) {
            // no decrease left in float along the best direction there is: the minimum as far as it can be reached
            write(net, x);
            return finish(net, flopsBefore, hostFlops, true, evaluations);
        }
        double[] s = new double[p];
        double[] y = new double[p];
        for (int i = 0; i < p; i++) {
            s[i] = candidate[i] - x[i];
            y[i] = candidateGradient[i] - gradient[i];
        }
        if (dot(s, y) > 1e-10 * dot(y, y)) {
            // curvature pairs of a convex direction only: the inverse Hessian estimate stays positive definite
            steps.addLast(s);
            gradientChanges.addLast(y);
            if (steps.size() > HISTORY) {
                steps.removeFirst();
                gradientChanges.removeFirst();
            }
        }
        double previous = objective;
        x = candidate;
        gradient = candidateGradient;
        objective = evaluated.objective();
        atX = evaluated;
        hostFlops += 6L * p;
        boolean converged = maxAbs(gradient) <= GRADIENT_TOLERANCE
                || previous - objective <= 1e-12 * Math.max(1, Math.max(Math.abs(previous), Math.abs(objective)));
        return finish(net, flopsBefore, hostFlops, converged, evaluations);
    }

    private Iteration finish(Network net, long flopsBefore, long hostFlops, boolean converged, int evaluations) {
        net.step(net.step() + 1);
        return new Iteration(atX.loss(), atX.accuracy(), net.backend().flops() - flopsBefore + hostFlops, converged, evaluations);
    }

    /** The two-loop recursion: minus the inverse Hessian estimate times the gradient. */
    private double[] direction() {
        double[] q = gradient.clone();
        int m = steps.size();
        double[] alpha = new double[m];
        double[][] s = steps.toArray(new double[0][]);
        double[][] y = gradientChanges.toArray(new double[0][]);
        for (int k = m - 1; k >= 0; k--) {
            alpha[k] = dot(s[k], q) / dot(y[k], s[k]);
            axpy(-alpha[k], y[k], q);
        }
        double scale = m == 0 ? 1 : dot(s[m - 1], y[m - 1]) / dot(y[m - 1], y[m - 1]);
        for (int i = 0; i < q.length; i++) {
            q[i] *= scale;
        }
        for (int k = 0; k < m; k++) {
            double beta = dot(y[k], q) / dot(y[k], s[k]);
            axpy(alpha[k] - beta, s[k], q);
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = -q[i];
        }
        return q;
    }

    /** The objective at some weights and its gradient; what the network holds then. */
    private record Evaluated(double objective, double loss, double accuracy, long hostFlops) {
    }

    private Evaluated evaluate(Network net, TrainingData train, double[] weights, double[] into) {
        write(net, weights);
        int p = net.parameterCount();
        float[] batchGradient = new float[p];
        Arrays.fill(into, 0);
        double lossSum = 0;
        long correct = 0;
        long hostFlops = 0;
        int rows = train.rows();
        for (int from = 0; from < rows; from += net.capacity()) {
            int count = Math.min(net.capacity(), rows - from);
            train.stageRange(net.backend(), from, count);
            Backend.LossResult result = net.computeGradients(count);
            net.backend().read(net.gradientBase(), p, batchGradient, 0);
            double share = (double) count / rows;
            for (int i = 0; i < p; i++) {
                into[i] += share * batchGradient[i];
            }
            hostFlops += 2L * p;
            lossSum += result.meanLoss() * count;
            correct += result.correct();
        }
        double loss = lossSum / rows;
        double penalty = 0;
        for (int l = 0; l < net.layers(); l++) {
            int from = net.weightOffset(l);
            int to = from + net.parameterCount(l);
            if (net.isFrozen(l)) {
                // a frozen layer's gradients are not computed: it does not move
                Arrays.fill(into, from, to, 0);
                continue;
            }
            for (int i = from; i < net.biasOffset(l); i++) {
                penalty += weights[i] * weights[i];
                into[i] += l2 * weights[i];
            }
        }
        hostFlops += 4L * p;
        double accuracy = train.loss() == Network.Loss.SOFTMAX_CROSS_ENTROPY ? (double) correct / rows : Double.NaN;
        return new Evaluated(loss + 0.5 * l2 * penalty, loss, accuracy, hostFlops);
    }

    private static void write(Network net, double[] weights) {
        Backend backend = net.backend();
        backend.download();
        float[] memory = backend.memory();
        for (int i = 0; i < weights.length; i++) {
            memory[i] = (float) weights[i];
        }
        backend.upload();
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
