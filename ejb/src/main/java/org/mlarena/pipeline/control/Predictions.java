package org.mlarena.pipeline.control;

import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.RegressionData;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.numerics.nn.WeightFile;
import org.mlarena.numerics.trees.BoostedTrees;
import org.mlarena.numerics.trees.Objective;
import org.mlarena.numerics.trees.TreeFile;
import org.mlarena.numerics.trees.TreeKernels;

/**
 * A network's raw outputs over a whole data set: logits for classification, predicted values for regression, read
 * back from the backend batch by batch.
 */
public final class Predictions {

    /**
     * Outputs of every row, row-major. The array is not copied: callers must not change it.
     *
     * @param values  rows &times; columns outputs
     * @param columns the network's outputs per row
     * @param flops   what computing them cost, as the backend counted it
     */
    public record Outputs(float[] values, int rows, int columns, long flops) {

        public Outputs {
            if (rows < 0 || columns < 1 || values.length != (long) rows * columns) {
                throw new IllegalArgumentException(values.length + " values do not make " + rows + " rows of " + columns);
            }
        }

        public float value(int row, int column) {
            return values[row * columns + column];
        }
    }

    private Predictions() {
    }

    /**
     * What a saved model predicts for the rows of a split as they are stored: its own preprocessing, its network, and
     * regression targets mapped back to their units. The FLOPs include the preprocessing's.
     */
    public static Outputs ofModel(WeightFile.Saved model, TrainingData rows, Backend backend, int capacity) {
        TrainingData prepared = model.preprocessing().apply(rows, false);
        try (Network net = new Network(model.input(), model.layers(), model.loss(), backend, capacity)) {
            model.restoreInto(net, false);
            Outputs network = outputs(net, prepared);
            model.preprocessing().restoreTargets(network.values());
            long preprocessing = model.preprocessing().flopsPerSample(rows instanceof RegressionData ? network.columns() : 0) * rows.rows();
            return new Outputs(network.values(), network.rows(), network.columns(), network.flops() + preprocessing);
        }
    }

    /**
     * What a boosted model predicts for the rows of a split as they are stored: its own preprocessing, then its trees.
     * Outputs as a network's: a regression's values, a multi-class model's logits, a binary model's logit of class 1
     * beside a 0 for class 0 (their softmax is its probability). The FLOPs are the preprocessing's and the trees'
     * operations (a comparison per node passed, an addition per leaf).
     */
    public static Outputs ofTrees(TreeFile.Saved model, TrainingData rows, TreeKernels kernels) {
        TrainingData prepared = model.preprocessing().apply(rows, false);
        BoostedTrees.Prediction prediction = model.model().predict(prepared.inputs(), prepared.rows(), kernels);
        long preprocessing = model.preprocessing().flopsPerSample(0) * rows.rows();
        return outputs(model.model(), prediction.raw(), rows.rows(), prediction.operations() + preprocessing);
    }

    /** Raw predictions of trees as outputs (see {@link #ofTrees}). */
    static Outputs outputs(BoostedTrees model, double[] raw, int rows, long flops) {
        boolean binary = model.objective() == Objective.BINARY_LOG_LOSS;
        int columns = binary ? 2 : model.outputs();
        float[] values = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            if (binary) {
                values[2 * r + 1] = (float) raw[r];
            } else {
                for (int k = 0; k < columns; k++) {
                    values[r * columns + k] = (float) raw[r * columns + k];
                }
            }
        }
        return new Outputs(values, rows, columns, flops);
    }

    /**
     * Runs the inference pass (no dropout) over all rows in batches of the network's capacity, reading each batch's
     * outputs alone from the device ({@link Backend#read}).
     *
     * @throws IllegalArgumentException when the data does not fit the network
     */
    public static Outputs outputs(Network net, TrainingData data) {
        if (data.features() != net.inputs()) {
            throw new IllegalArgumentException("the data has " + data.features() + " features but the network takes " + net.inputs());
        }
        if (data.loss() != net.loss()) {
            throw new IllegalArgumentException("the data is for " + data.loss() + " but the network is trained with " + net.loss());
        }
        int columns = net.outputs();
        if ((long) data.rows() * columns > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(data.rows() + " rows of " + columns + " outputs do not fit one array; score fewer rows at a time");
        }
        float[] values = new float[data.rows() * columns];
        Backend backend = net.backend();
        long flopsBefore = backend.flops();
        for (int from = 0; from < data.rows(); from += net.capacity()) {
            int rows = Math.min(net.capacity(), data.rows() - from);
            data.stageRange(backend, from, rows);
            net.forward(rows);
            backend.read(net.outputOffset(), rows * columns, values, from * columns);
        }
        return new Outputs(values, data.rows(), columns, backend.flops() - flopsBefore);
    }
}
