package org.mlarena.numerics.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Mini-batch training of a classifier or regressor: a seeded shuffle per epoch, one optimiser step per batch, and the
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

    /** Loss and accuracy of a whole data set; accuracy is NaN for regression. */
    public record Evaluation(double loss, double accuracy) {
    }

    private Trainer() {
    }

    public static List<Epoch> fit(Network net, TrainingData train, TrainingData validation, int epochs,
                                  int batchSize, Optimizer optimizer, long seed, Consumer<Epoch> listener) {
        return fit(net, train, validation, epochs, batchSize, epoch -> optimizer, seed, listener);
    }

    /** The same with the optimiser of each epoch (1 to epochs): a learning rate's schedule, e.g. {@link Optimizer#cosine}. */
    public static List<Epoch> fit(Network net, TrainingData train, TrainingData validation, int epochs,
                                  int batchSize, IntFunction<Optimizer> optimizerOfEpoch, long seed, Consumer<Epoch> listener) {
        check(net, train);
        check(net, validation);
        if (epochs < 1 || batchSize < 1 || batchSize > net.capacity()) {
            throw new IllegalArgumentException("epochs must be 1 or more and the batch size 1 to " + net.capacity()
                    + ", got " + epochs + " and " + batchSize);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Scratch scratch = new Scratch(train, batchSize);
        List<Epoch> curve = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            long flopsBefore = net.backend().flops();
            Pass pass = pass(net, train, batchSize, optimizerOfEpoch.apply(epoch), random, scratch);
            Evaluation validated = evaluate(net, validation);
            Epoch figures = new Epoch(epoch, pass.loss(), pass.accuracy(), validated.loss(),
                    validated.accuracy(), net.backend().flops() - flopsBefore, System.nanoTime() - start);
            curve.add(figures);
            if (listener != null) {
                listener.accept(figures);
            }
        }
        return curve;
    }

    /**
     * One training pass over the data: a shuffle drawn from {@code random}, one optimiser step per batch.
     *
     * @param loss     mean training loss over the pass
     * @param accuracy training accuracy (NaN for regression)
     * @param flops    FLOPs of the pass as the backend counted them
     */
    public record Pass(double loss, double accuracy, long flops) {
    }

    /** One training pass (an epoch without validation), for callers that checkpoint between epochs. */
    public static Pass pass(Network net, TrainingData train, int batchSize, Optimizer optimizer, SplittableRandom random) {
        check(net, train);
        if (batchSize < 1 || batchSize > net.capacity()) {
            throw new IllegalArgumentException("the batch size must be 1 to " + net.capacity() + ", got " + batchSize);
        }
        return pass(net, train, batchSize, optimizer, random, new Scratch(train, batchSize));
    }

    /** Reusable staging arrays of one batch. */
    private record Scratch(int[] order, float[] inputs, int[] labels, float[] targets) {
        Scratch(TrainingData train, int batchSize) {
            this(new int[train.rows()], new float[batchSize * train.features()], new int[batchSize], new float[batchSize * train.outputs()]);
        }
    }

    private static Pass pass(Network net, TrainingData train, int batchSize, Optimizer optimizer, SplittableRandom random, Scratch scratch) {
        long flopsBefore = net.backend().flops();
        int[] order = shuffle(scratch.order(), random);
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < order.length; from += batchSize) {
            int rows = Math.min(batchSize, order.length - from);
            train.stage(net.backend(), order, from, rows, scratch.inputs(), scratch.targets(), scratch.labels());
            Backend.LossResult result = net.trainStep(rows, optimizer);
            lossSum += result.meanLoss() * rows;
            correct += result.correct();
        }
        double accuracy = train.loss() == Network.Loss.SOFTMAX_CROSS_ENTROPY ? (double) correct / order.length : Double.NaN;
        return new Pass(lossSum / order.length, accuracy, net.backend().flops() - flopsBefore);
    }

    /**
     * The order of a pass: 0 to order.length - 1 in order, shuffled (Fisher-Yates) with {@code random}; returns the array.
     * The benchmarks give PyTorch twins the same orders.
     */
    public static int[] shuffle(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Mean loss and accuracy over a data set, in batches of the network's capacity. */
    public static Evaluation evaluate(Network net, TrainingData data) {
        check(net, data);
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < data.rows(); from += net.capacity()) {
            int rows = Math.min(net.capacity(), data.rows() - from);
            data.stageRange(net.backend(), from, rows);
            Backend.LossResult result = net.evaluate(rows);
            lossSum += result.meanLoss() * rows;
            correct += result.correct();
        }
        return new Evaluation(lossSum / data.rows(),
                data.loss() == Network.Loss.SOFTMAX_CROSS_ENTROPY ? (double) correct / data.rows() : Double.NaN);
    }

    private static void check(Network net, TrainingData data) {
        if (data.features() != net.inputs()) {
            throw new IllegalArgumentException("the data has " + data.features() + " features but the network takes " + net.inputs());
        }
        if (data.loss() != net.loss()) {
            throw new IllegalArgumentException("the data is for " + data.loss() + " but the network is trained with " + net.loss());
        }
        if (data.loss() == Network.Loss.SOFTMAX_CROSS_ENTROPY ? data.outputs() > net.outputs() : data.outputs() != net.outputs()) {
            throw new IllegalArgumentException("the data has " + data.outputs() + " classes or targets but the network outputs " + net.outputs());
        }
        if (data.rows() == 0) {
            throw new IllegalArgumentException("the data set is empty");
        }
    }
}
