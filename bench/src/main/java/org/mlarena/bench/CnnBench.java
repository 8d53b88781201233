package org.mlarena.bench;

import java.util.Locale;

import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.Optimizer;
import org.mlarena.numerics.nn.Shape;
import org.mlarena.numerics.nn.Trainer;

/**
 * Trains the zoo's CNN (conv 16 - pool - conv 32 - pool - dense 128 - dense 10, Adam 1e-3, batch 128) on
 * Fashion-MNIST and prints per epoch {@code cnn <backend> <epoch> <seconds> <test accuracy>}.
 * Arguments: epochs (default 1), training images (default all 60,000), backends (default opencl).
 */
public final class CnnBench {


    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        String which = args.length > 2 ? args[2] : "opencl";
        ClassificationData train = FashionMnistRuns.train(rows);
        ClassificationData test = FashionMnistRuns.test();
        FashionMnistRuns.onBackends(which, (name, backend) -> run(name, backend, train, test, epochs));
    }

    private static void run(String name, Backend backend, ClassificationData train, ClassificationData test, int epochs) {
        try (Network net = Network.cnn(new Shape(1, 28, 28), 16, 32, 128, 10, backend, 128)) {
            net.initialise(1);
            Trainer.fit(net, train, test, epochs, 128, Optimizer.Adam.of(1e-3f), 1, e -> System.out.printf(Locale.ROOT,
                    "cnn %s %d %.2f %.4f%n", name, e.epoch(), e.nanos() / 1e9, e.validationAccuracy()));
        }
    }
}
