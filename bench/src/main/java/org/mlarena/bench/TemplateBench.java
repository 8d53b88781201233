package org.mlarena.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import org.mlarena.numerics.nn.Architecture;
import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.Optimizer;
import org.mlarena.numerics.nn.Shape;
import org.mlarena.numerics.nn.Trainer;

/**
 * Trains a template of the zoo on Fashion-MNIST as a team would write it (Adam 1e-3, batch 128): "cnn" (the zoo's CNN,
 * layer for layer; {@code cnn_torch.py} is its twin), "resnet-small" (3x3 convolutions with batch normalisation in two
 * residual blocks, the second strided with a 1x1 projection, global average pooling; {@code resnet_torch.py}), or any
 * other, and prints per epoch {@code <label> <backend> <epoch> <seconds> <test accuracy>}.
 * Arguments: the template's id (or an architecture's JSON), epochs (default 1), training images (default all 60,000),
 * backends (default opencl), the learning rate's schedule (constant, the default, or cosine: the Training tab's two,
 * annealed per epoch over the epochs asked for). The label is the id, "resnet" for resnet-small, or {@code -Dbench.label}.
 * With {@code -Dbench.twin=FILE} it also writes the initial parameters and the epochs' orders of the rows there, so that
 * the PyTorch twin trains from the same start on the same batches.
 */
public final class TemplateBench {

    public static void main(String[] args) throws Exception {
        String template = args[0];
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 60_000;
        String which = args.length > 3 ? args[3] : "opencl";
        boolean cosine = args.length > 4 && switch (args[4]) {
            case "cosine" -> true;
            case "constant" -> false;
            default -> throw new IllegalArgumentException("the schedule is constant or cosine, got " + args[4]);
        };
        String label = System.getProperty("bench.label", template.equals("resnet-small") ? "resnet" : template);
        String json = template.startsWith("{") ? template
                : ModelZoo.TEMPLATES.stream().filter(t -> t.id().equals(template)).findFirst().orElseThrow().json();
        Architecture architecture = Architecture.compile(json, new Shape(1, 28, 28), 10, Architecture.MAX_PARAMETERS);
        System.out.printf(Locale.ROOT, "%s: %,d parameters, %,d FLOPs per image to infer%n", label, architecture.parameters(),
                architecture.inferenceFlopsPerSample());
        ClassificationData train = FashionMnistRuns.train(rows);
        ClassificationData test = FashionMnistRuns.test();
        FashionMnistRuns.onBackends(which, (name, backend) -> run(label, name, backend, architecture, train, test, epochs, cosine));
    }

    /**
     * What the PyTorch twin needs to train the same model from the same start (mlp_torch_data.py reads it), little-endian:
     * int P, the P initial parameters as the network holds them (per layer its weights, then its biases; a dense layer's
     * weights inputs x outputs), int epochs, int rows, then each epoch's order of the training rows as the trainer draws it
     * (seed 1, the seed given to {@link Trainer#fit}).
     */
    private static void writeTwin(Path file, Network net, int rows, int epochs) throws IOException {
        float[] parameters = new float[net.parameterCount()];
        net.backend().read(net.parametersBefore(0), parameters.length, parameters, 0);
        ByteBuffer out = ByteBuffer.allocate(4 * (3 + parameters.length + epochs * rows)).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(parameters.length);
        for (float p : parameters) {
            out.putFloat(p);
        }
        out.putInt(epochs).putInt(rows);
        SplittableRandom random = new SplittableRandom(1);
        int[] order = new int[rows];
        for (int e = 0; e < epochs; e++) {
            for (int i : Trainer.shuffle(order, random)) {
                out.putInt(i);
            }
        }
        Files.write(file, out.array());
    }

    private static void run(String label, String name, Backend backend, Architecture architecture, ClassificationData train,
                            ClassificationData test, int epochs, boolean cosine) {
        try (Network net = architecture.network(Network.Loss.SOFTMAX_CROSS_ENTROPY, backend, 128)) {
            net.initialise(1);
            String twin = System.getProperty("bench.twin");
            if (twin != null) {
                try {
                    writeTwin(Path.of(twin), net, train.rows(), epochs);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Trainer.fit(net, train, test, epochs, 128, epoch -> Optimizer.Adam.of(cosine ? Optimizer.cosine(1e-3f, epoch, epochs) : 1e-3f), 1,
                    e -> System.out.printf(Locale.ROOT, "%s %s %d %.2f %.4f%n", label, name, e.epoch(), e.nanos() / 1e9, e.validationAccuracy()));
        }
    }
}
