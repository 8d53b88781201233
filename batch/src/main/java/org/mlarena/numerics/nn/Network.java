package org.mlarena.numerics.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A sequential network on a {@link Backend}: the layers of {@link LayerSpec}, softmax cross-entropy
 * or mean squared error at the end. The model zoo's architectures are factories here: softmax (logistic)
 * and linear regression, the MLP classifier and regressor ({@link #dense}), the small CNN ({@link #cnn}).
 *
 * <p>Memory layout (floats, fixed at construction): the parameters of every layer (P floats), their
 * gradients (P), the optimiser's two state vectors (2P), the layers' state (S: running statistics), the input
 * batch, then per layer its output, the gradient of its output, and its scratch. Weights never leave the device
 * during training.
 */
public final class Network implements AutoCloseable {

    /** The loss, which also fixes the output layer's activation (none). */
    public enum Loss { SOFTMAX_CROSS_ENTROPY, MEAN_SQUARED_ERROR }

    private final Shape input;
    private final List<Layer> layers;
    private final Loss loss;
    private final Backend backend;
    private final int capacity;
    private final int parameterCount;
    private final int stateCount;
    private final int memoryFloats;
    private final boolean[] frozen;
    private int seed;
    private int step;

    /**
     * @param input    the shape of one sample
     * @param specs    the layers, first to last; the last must be dense without ReLU
     * @param capacity the largest batch
     */
    public Network(Shape input, List<LayerSpec> specs, Loss loss, Backend backend, int capacity) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        if (!(specs.get(specs.size() - 1) instanceof LayerSpec.Dense last) || last.relu()) {
            throw new IllegalArgumentException("the last layer must be dense without ReLU (its outputs are logits or predictions)");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("the batch capacity must be positive, got " + capacity);
        }
        this.input = input;
        this.loss = loss;
        this.backend = backend;
        this.capacity = capacity;
        this.layers = new ArrayList<>();
        Shape shape = input;
        int offset = 0;
        for (LayerSpec spec : specs) {
            if ((spec instanceof LayerSpec.EmbeddingBag || spec instanceof LayerSpec.Augment) && !layers.isEmpty()) {
                throw new IllegalArgumentException("an embedding bag or an augmentation reads the input: it must be the first layer");
            }
            Layer layer = Layer.of(spec, shape);
            offset = checked(layer.layoutParameters(offset) + 0L);
            layers.add(layer);
            shape = layer.out;
        }
        this.parameterCount = offset;
        int stateEnd = checked(4L * parameterCount);
        for (Layer layer : layers) {
            stateEnd = checked(layer.layoutState(stateEnd) + 0L);
        }
        this.stateCount = stateEnd - 4 * parameterCount;
        long next = stateEnd;
        int inputOffset = checked(next);
        next += (long) capacity * input.size();
        int previousAct = inputOffset;
        int previousGrad = -1;
        for (Layer layer : layers) {
            next = layer.layout(next, capacity, previousAct, previousGrad);
            previousAct = layer.outAct;
            previousGrad = layer.outGrad;
        }
        this.frozen = new boolean[layers.size()];
        this.memoryFloats = checked(next);
        backend.allocate(memoryFloats, capacity * input.size(), capacity, loss == Loss.MEAN_SQUARED_ERROR ? outputs() : 0);
    }

    /** Dense layers of the given sizes (input, hidden…, output), ReLU and dropout on the hidden ones. */
    public static Network dense(int[] sizes, Loss loss, Backend backend, int capacity, float dropout) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a network needs an input and an output size, got " + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + Arrays.toString(sizes));
            }
        }
        List<LayerSpec> specs = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            boolean hidden = l < sizes.length - 1;
            specs.add(new LayerSpec.Dense(sizes[l], hidden, hidden ? dropout : 0f));
        }
        return new Network(Shape.vector(sizes[0]), specs, loss, backend, capacity);
    }

    public static Network dense(int[] sizes, Loss loss, Backend backend, int capacity) {
        return dense(sizes, loss, backend, capacity, 0f);
    }

    /**
     * The small CNN for images: conv(k5, same)-ReLU-pool2, conv(k5, same)-ReLU-pool2, dense-ReLU, dense.
     *
     * @param image    channels &times; height &times; width; height and width divisible by 4
     * @param filters1 filters of the first convolution
     * @param filters2 filters of the second
     * @param hidden   units of the dense hidden layer
     */
    public static Network cnn(Shape image, int filters1, int filters2, int hidden, int classes, Backend backend, int capacity) {
        return new Network(image, List.of(
                new LayerSpec.Conv2d(filters1, 5, 2, true), new LayerSpec.MaxPool(2),
                new LayerSpec.Conv2d(filters2, 5, 2, true), new LayerSpec.MaxPool(2),
                new LayerSpec.Dense(hidden, true, 0f), new LayerSpec.Dense(classes, false, 0f)),
                Loss.SOFTMAX_CROSS_ENTROPY, backend, capacity);
    }

    static int checked(long offset) {
        if (offset > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the network does not fit one array (" + offset + " floats); make it or the batch smaller");
        }
        return (int) offset;
    }

    /** He-uniform weights, zero biases, zero optimiser state; the seed also drives dropout. */
    public void initialise(long seed) {
        float[] mem = backend.memory();
        Arrays.fill(mem, 0f);
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer layer : layers) {
            layer.initialise(mem, random);
        }
        this.seed = (int) (seed ^ (seed >>> 32));
        step = 0;
        backend.upload();
    }

    public Backend backend() {
        return backend;
    }

    public Shape input() {
        return input;
    }

    public int inputs() {
        return input.size();
    }

    public int outputs() {
        return layers.get(layers.size() - 1).out.size();
    }

    public List<LayerSpec> specs() {
        return layers.stream().map(Layer::spec).toList();
    }

    public Loss loss() {
        return loss;
    }

    public int capacity() {
        return capacity;
    }

    public int layers() {
        return layers.size();
    }

    public int parameterCount() {
        return parameterCount;
    }

    /**
     * The memory training holds: the resident memory (parameters, gradients, optimiser state, the activations of a full
     * batch) and at least one image's columns for a convolution computed as a product.
     */
    public long memoryBytes() {
        long columns = 0;
        for (Layer layer : layers) {
            columns = Math.max(columns, layer.columnsPerImage());
        }
        return 4L * (memoryFloats + columns);
    }

    /** Values kept with the parameters but not trained (running statistics), at {@link #stateOffset()}. */
    public int stateCount() {
        return stateCount;
    }

    public int stateOffset() {
        return 4 * parameterCount;
    }

    /** Size of the parameters and the state as stored (fp32). */
    public long parameterBytes() {
        return 4L * (parameterCount + stateCount);
    }

    /** Optimiser steps taken (Adam's bias correction depends on it); restored from checkpoints. */
    public int step() {
        return step;
    }

    public void step(int step) {
        this.step = step;
    }

    /** Layers whose parameters the optimiser leaves alone (for finetuning); 0 is the first. */
    public void freeze(int layer, boolean freeze) {
        frozen[layer] = freeze;
    }

    public boolean isFrozen(int layer) {
        return frozen[layer];
    }

    /** The inference pass of the staged batch (no dropout); the output is at {@link #outputOffset()}. */
    public void forward(int rows) {
        forward(rows, false, false);
    }

    /** The forward pass; with {@code head}, all but the output layer (which {@link #forwardAndLoss} fuses with the loss). */
    private void forward(int rows, boolean training, boolean head) {
        if (rows < 1 || rows > capacity) {
            throw new IllegalArgumentException("a batch has 1 to " + capacity + " rows, got " + rows);
        }
        int end = head ? layers.size() - 1 : layers.size();
        for (int l = 0; l < end; l++) {
            int seedOfLayer = seed + 7919 * step + 104729 * l;
            if (l == 0) {
                layers.get(l).forwardOnBatch(backend, rows, training, seedOfLayer);
            } else {
                layers.get(l).forward(backend, rows, training, seedOfLayer);
            }
        }
    }

    /**
     * The forward pass and the loss. For softmax cross-entropy behind at least one layer, the output layer and the loss
     * go to the backend as one call (one launch on OpenCL); a single layer, whose input is still in the staged batch, or
     * an output layer with dropout while training, keep the separate calls.
     */
    private Backend.LossResult forwardAndLoss(int rows, boolean training) {
        Layer.DenseLayer last = (Layer.DenseLayer) layers.get(layers.size() - 1);
        boolean head = loss == Loss.SOFTMAX_CROSS_ENTROPY && layers.size() > 1 && !(training && last.spec().dropout() > 0f);
        forward(rows, training, head);
        return head ? last.forwardWithSoftmax(backend, rows) : lossOf(rows);
    }

    /** Forward pass (as in training: batch statistics, dropout) and loss of the staged batch, with no backward pass. */
    Backend.LossResult lossAsInTraining(int rows) {
        return forwardAndLoss(rows, true);
    }

    /** Forward pass and loss of the staged batch, without changing anything. */
    public Backend.LossResult evaluate(int rows) {
        return forwardAndLoss(rows, false);
    }

    /**
     * Forward, loss and backward on the staged batch: the gradients are at {@link #gradientBase()}. A dense layer above
     * a layer that ends with ReLU applies that ReLU's backward pass with its input gradient (one launch on OpenCL).
     */
    public Backend.LossResult computeGradients(int rows) {
        return backwardPass(rows, null);
    }

    private Backend.LossResult backwardPass(int rows, Layer.StepAfter stepAfter) {
        Backend.LossResult result = forwardAndLoss(rows, true);
        Layer.backwardChain(layers, firstTrainable(), trainables(), backend, rows, parameterCount, false, stepAfter);
        return result;
    }

    private boolean[] trainables() {
        boolean[] trainable = new boolean[layers.size()];
        for (int l = 0; l < trainable.length; l++) {
            trainable[l] = trainable(l);
        }
        return trainable;
    }

    /**
     * One optimisation step on the staged batch: forward, loss, backward, update. With no layer frozen and a dense
     * first layer, the update goes with that layer's gradients, which come last (one launch on OpenCL).
     */
    public Backend.LossResult trainStep(int rows, Optimizer optimizer) {
        if (noneFrozen() && layers.get(0) instanceof Layer.DenseLayer) {
            Backend.LossResult result = backwardPass(rows, new Layer.StepAfter(optimizer, parameterCount, step + 1));
            step++;
            return result;
        }
        Backend.LossResult result = computeGradients(rows);
        step++;
        if (noneFrozen() && layers.stream().noneMatch(Layer::updatesInPart)) {
            // the parameters of all layers are contiguous: one launch updates them all
            optimizer.update(backend, parameterCount, 0, parameterCount, step);
            return result;
        }
        for (int l = 0; l < layers.size(); l++) {
            if (trainable(l)) {
                layers.get(l).update(optimizer, backend, rows, parameterCount, step);
            }
        }
        return result;
    }

    private boolean noneFrozen() {
        for (boolean f : frozen) {
            if (f) {
                return false;
            }
        }
        return true;
    }

    private boolean trainable(int l) {
        return !frozen[l] && layers.get(l).parameterCount() > 0;
    }

    /** The first layer the backward pass must reach: the first trainable one (none: past the end). */
    private int firstTrainable() {
        int l = 0;
        while (l < layers.size() && !trainable(l)) {
            l++;
        }
        return l;
    }

    private Backend.LossResult lossOf(int rows) {
        Layer last = layers.get(layers.size() - 1);
        return loss == Loss.SOFTMAX_CROSS_ENTROPY
                ? backend.softmaxCrossEntropy(rows, outputs(), last.outAct, last.outGrad)
                : backend.meanSquaredError(rows, outputs(), last.outAct, last.outGrad);
    }

    /** Offset of the network's output (logits or predictions) in the backend's memory. */
    public int outputOffset() {
        return layers.get(layers.size() - 1).outAct;
    }

    /** Offset of layer l's parameters: weights first, then biases. */
    public int weightOffset(int layer) {
        return layers.get(layer).params;
    }

    public int biasOffset(int layer) {
        Layer l = layers.get(layer);
        return l.params + l.parameterCount() - l.biasCount();
    }

    public int parameterCount(int layer) {
        return layers.get(layer).parameterCount();
    }

    /** The parameters of the first {@code count} layers (they come first in the memory). */
    public int parametersBefore(int count) {
        return count == layers.size() ? parameterCount : layers.get(count).params;
    }

    /** The state values of the first {@code count} layers (they come first in the state). */
    public int stateBefore(int count) {
        return layers.subList(0, count).stream().mapToInt(Layer::stateCount).sum();
    }

    /**
     * How many leading layers two networks share: the same layers on the same input, so the same parameters in the same
     * places. A dense first layer sees its input as a vector (an image of 1x28x28 as 784 values: the zoo's MLP is built
     * on the vector, an architecture on the image it flattens). Networks on different inputs share none.
     */
    public static int matchingLeadingLayers(Shape input, List<LayerSpec> layers, Shape otherInput, List<LayerSpec> other) {
        if (!asSeen(input, layers).equals(asSeen(otherInput, other))) {
            return 0;
        }
        // an augmentation has nothing to share and changes no parameter's place: the layers after it are compared
        int i = skipAugment(layers, 0);
        int j = skipAugment(other, 0);
        int matching = 0;
        while (i < layers.size() && j < other.size() && layers.get(i).equals(other.get(j))) {
            matching = j + 1;
            i = skipAugment(layers, i + 1);
            j = skipAugment(other, j + 1);
        }
        return matching;
    }

    private static int skipAugment(List<LayerSpec> layers, int from) {
        return from < layers.size() && layers.get(from) instanceof LayerSpec.Augment ? from + 1 : from;
    }

    /** Offset of the gradients: the parameter layout shifted by P. */
    public int gradientBase() {
        return parameterCount;
    }

    /** What one layer is and costs: its spec, output shape, parameters and inference FLOPs per sample. */
    public record LayerFigures(LayerSpec spec, Shape output, int parameters, long flopsPerSample) {
    }

    public List<LayerFigures> layerFigures() {
        return layers.stream().map(l -> new LayerFigures(l.spec(), l.out, l.parameterCount(), l.forwardFlops(1, false))).toList();
    }

    /** FLOPs of one sample's inference (forward pass, no loss). */
    public long inferenceFlopsPerSample() {
        return inferenceFlops(1);
    }

    /**
     * FLOPs of the inference of a batch: the rows times {@link #inferenceFlopsPerSample()}, less what a layer computes once
     * per batch (batch normalisation's scale and shift).
     */
    public long inferenceFlops(int rows) {
        long total = 0;
        for (Layer layer : layers) {
            total += layer.forwardFlops(rows, false);
        }
        return total;
    }

    /**
     * FLOPs of one training step on a batch of the given rows, as the backends count them; with no optimizer, those of its
     * gradients alone (a full-batch solver's evaluation, {@link Lbfgs}).
     */
    public long trainingFlops(int rows, Optimizer optimizer) {
        long total = 0;
        for (Layer layer : layers) {
            total += layer.forwardFlops(rows, true);
        }
        total += loss == Loss.SOFTMAX_CROSS_ENTROPY ? Flops.softmaxCrossEntropy(rows, outputs()) : Flops.meanSquaredError(rows, outputs());
        int first = firstTrainable();
        total += Layer.backwardChainFlops(layers, first, trainables(), rows, false);
        for (int l = first; l < layers.size(); l++) {
            if (trainable(l) && optimizer != null) {
                total += layers.get(l).updateFlops(optimizer, rows);
            }
        }
        return total;
    }

    private static Shape asSeen(Shape input, List<LayerSpec> layers) {
        int first = skipAugment(layers, 0);
        return first < layers.size() && layers.get(first) instanceof LayerSpec.Dense ? Shape.vector(input.size()) : input;
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public String toString() {
        return "Network[" + input + " -> " + specs() + ", " + loss + ", " + parameterCount + " parameters]";
    }
}
