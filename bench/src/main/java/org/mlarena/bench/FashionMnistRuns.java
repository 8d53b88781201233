package org.mlarena.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiConsumer;

import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.data.LabelledImages;
import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.JavaBackend;
import org.mlarena.numerics.opencl.OpenClBackend;
import org.mlarena.numerics.opencl.OpenClDevices;

/** What the training benchmarks share: Debian's Fashion-MNIST and a run on each backend asked for. */
final class FashionMnistRuns {

    /** Debian's dataset-fashion-mnist, or the folder in {@code -Darena.bench.fashion-mnist} (bench/gpu.sh carries a copy). */
    private static final Path DATA = Path.of(System.getProperty("arena.bench.fashion-mnist", "/usr/share/datasets/fashion-mnist"));

    private FashionMnistRuns() {
    }

    /** The first {@code rows} training images (all when rows is 60,000). */
    static ClassificationData train(int rows) throws InvalidDataException {
        ClassificationData all = split("train");
        return rows >= all.rows() ? all
                : new ClassificationData(Arrays.copyOf(all.inputs(), rows * all.features()), Arrays.copyOf(all.labels(), rows),
                all.features(), all.classes());
    }

    static ClassificationData test() throws InvalidDataException {
        return split("t10k");
    }

    private static ClassificationData split(String name) throws InvalidDataException {
        return ClassificationData.of(LabelledImages.readIdx(DATA.resolve(name + "-images-idx3-ubyte.gz"),
                DATA.resolve(name + "-labels-idx1-ubyte.gz")));
    }

    /** Runs on every OpenCL device and/or plain Java, as {@code which} ("opencl", "java", or both) says. */
    static void onBackends(String which, BiConsumer<String, Backend> run) {
        if (which.contains("opencl")) {
            for (ComputeDevice device : OpenClDevices.discover().devices()) {
                run.accept("opencl-" + device.type().name().toLowerCase(Locale.ROOT), new OpenClBackend(device));
            }
        }
        if (which.contains("java")) {
            run.accept("java", new JavaBackend());
        }
    }
}
