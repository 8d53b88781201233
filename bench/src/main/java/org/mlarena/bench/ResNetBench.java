package org.mlarena.bench;

import java.util.Locale;

import org.mlarena.numerics.nn.Architecture;
import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.Optimizer;
import org.mlarena.numerics.nn.Shape;
import org.mlarena.numerics.nn.Trainer;

/**
 * Trains the template "resnet-small" (3x3 convolutions with batch normalisation in two residual blocks, the second
 * strided with a 1x1 projection, global average pooling; Adam 1e-3, batch 128) on Fashion-MNIST, as a team would write
 * it, and prints per epoch {@code resnet <backend> <epoch> <seconds> <test accuracy>}; {@code resnet_torch.py} is its twin.
 * Arguments: epochs (default 1), training images (default all 60,000), backends (default opencl), and another template to
 * train the same way instead (its id then starts each line).
 */
public final class ResNetBench {

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        String which = args.length > 2 ? args[2] : "opencl";
        ClassificationData train = FashionMnistRuns.train(rows);
        ClassificationData test = FashionMnistRuns.test();
        String template = args.length > 3 ? args[3] : "resnet-small";
        // what-if runs: -Dbench.label=NAME with an architecture's JSON in place of the template
        String label = System.getProperty("bench.label", template.equals("resnet-small") ? "resnet" : template);
        String json = template.startsWith("{") ? template
                : ModelZoo.TEMPLATES.stream().filter(t -> t.id().equals(template)).findFirst().orElseThrow().json();
        Architecture resnet = Architecture.compile(json, new Shape(1, 28, 28), 10, Architecture.MAX_PARAMETERS);
        System.out.printf(Locale.ROOT, "%s: %,d parameters, %,d FLOPs per image to infer%n", label, resnet.parameters(),
                resnet.inferenceFlopsPerSample());
        FashionMnistRuns.onBackends(which, (name, backend) -> run(label, name, backend, resnet, train, test, epochs));
    }

    private static void run(String label, String name, Backend backend, Architecture resnet, ClassificationData train, ClassificationData test,
                            int epochs) {
        try (Network net = resnet.network(Network.Loss.SOFTMAX_CROSS_ENTROPY, backend, 128)) {
            net.initialise(1);
            Trainer.fit(net, train, test, epochs, 128, Optimizer.Adam.of(1e-3f), 1, e -> System.out.printf(Locale.ROOT,
                    "%s %s %d %.2f %.4f%n", label, name, e.epoch(), e.nanos() / 1e9, e.validationAccuracy()));
        }
    }
}
