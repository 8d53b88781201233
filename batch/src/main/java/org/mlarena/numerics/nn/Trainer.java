package org.mlarena.numerics.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Mini-batch training of a classifier: a seeded shuffle per epoch, one optimiser step per batch, and the
 * validation loss and accuracy after each epoch (the learning curve).
 */
public final class Trainer {

    /**
     * One epoch's figures.
     *
     * @param flops FLOPs of the epoch's training and validation, as counted by the backend
     */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
                        long flops, long nanos) {
    }

    /** Loss and accuracy of a whole data set. */
    public record Evaluation(double loss, double accuracy) {
    }

    private Trainer() {
    }

    public static List<Epoch> fit(Network net, ClassificationData train, ClassificationData validation, int epochs,
                                  int batchSize, Optimizer optimizer, long seed, Consumer<Epoch> listener) {
        check(net, train);
        check(net, validation);
        if (epochs < 1 || batchSize < 1 || batchSize > net.capacity()) {
            throw new IllegalArgumentException("epochs must be 1 or more and the batch size 1 to " + net.capacity()
                    + ", got " + epochs + " and " + batchSize);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[train.rows()];
        float[] batchInputs = new float[batchSize * train.features()];
        int[] batchLabels = new int[batchSize];
        List<Epoch> curve = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            long flopsBefore = net.backend().flops();
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double lossSum = 0;
            long correct = 0;
            for (int from = 0; from < order.length; from += batchSize) {
                int rows = Math.min(batchSize, order.length - from);
                for (int r = 0; r < rows; r++) {
                    int row = order[from + r];
                    System.arraycopy(train.inputs(), row * train.features(), batchInputs, r * train.features(), train.features());
                    batchLabels[r] = train.labels()[row];
                }
                net.backend().stageBatch(batchInputs, 0, rows, train.features(), batchLabels, 0);
                Backend.LossResult result = net.trainStep(rows, optimizer);
                lossSum += result.meanLoss() * rows;
                correct += result.correct();
            }
            Evaluation validated = evaluate(net, validation);
            Epoch figures = new Epoch(epoch, lossSum / order.length, (double) correct / order.length, validated.loss(),
                    validated.accuracy(), net.backend().flops() - flopsBefore, System.nanoTime() - start);
            curve.add(figures);
            if (listener != null) {
                listener.accept(figures);
            }
        }
        return curve;
    }

    /** Mean loss and accuracy over a data set, in batches of the network's capacity. */
    public static Evaluation evaluate(Network net, ClassificationData data) {
        check(net, data);
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < data.rows(); from += net.capacity()) {
            int rows = Math.min(net.capacity(), data.rows() - from);
            net.backend().stageBatch(data.inputs(), from * data.features(), rows, data.features(), data.labels(), from);
            Backend.LossResult result = net.evaluate(rows);
            lossSum += result.meanLoss() * rows;
            correct += result.correct();
        }
        return new Evaluation(lossSum / data.rows(), (double) correct / data.rows());
    }

    private static void check(Network net, ClassificationData data) {
        if (data.features() != net.inputs()) {
            throw new IllegalArgumentException("the data has " + data.features() + " features but the network takes " + net.inputs());
        }
        if (data.classes() > net.outputs()) {
            throw new IllegalArgumentException("the data has " + data.classes() + " classes but the network outputs " + net.outputs());
        }
        if (data.rows() == 0) {
            throw new IllegalArgumentException("the data set is empty");
        }
    }
}
