package org.mlarena.bench;

import java.util.Locale;

import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.Optimizer;
import org.mlarena.numerics.nn.Trainer;

/**
 * Trains the MLP 784-256-10 (ReLU, Adam lr 1e-3, batch 128) on the full Fashion-MNIST from Debian's
 * dataset-fashion-mnist, and prints per epoch {@code mlp <backend> <epoch> <seconds> <test accuracy>}.
 * Arguments: epochs (default 10), backends (java, opencl; default both).
 */
public final class MlpBench {


    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String which = args.length > 1 ? args[1] : "java,opencl";
        ClassificationData train = FashionMnistRuns.train(60_000);
        ClassificationData test = FashionMnistRuns.test();
        FashionMnistRuns.onBackends(which, (name, backend) -> run(name, backend, train, test, epochs));
    }

    private static void run(String name, Backend backend, ClassificationData train, ClassificationData test, int epochs) {
        try (Network net = Network.dense(new int[]{784, 256, 10}, Network.Loss.SOFTMAX_CROSS_ENTROPY, backend, 128)) {
            net.initialise(1);
            Trainer.fit(net, train, test, epochs, 128, Optimizer.Adam.of(1e-3f), 1, e -> System.out.printf(Locale.ROOT,
                    "mlp %s %d %.2f %.4f%n", name, e.epoch(), e.nanos() / 1e9, e.validationAccuracy()));
        }
    }
}
