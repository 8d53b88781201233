package org.mlarena.numerics.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.opencl.OpenCL;

import org.mlarena.numerics.nn.Backend.Conv;

/**
 * A convolution's three products and a dense layer's forward product (outputs in whole tiles of 32) on a CPU device as
 * OpenCL C with vector types (vector-products.cl), bound through
 * Aparapi's OpenCL interface: a work-item per run of images copies each image's planes, zero-padded, to local memory
 * and reads 32 positions of a tap as 32 consecutive values there (a step of 1: all three products), or builds
 * its columns (or transposed columns, or column gradients) there, then keeps each 8 x 32 tile of the result in
 * registers over the whole sum. PoCL compiles the kernels Aparapi translates from Java for 256-bit vectors only: the zoo
 * CNN's second convolution took 7.1-8.4 ms per product there (bench/README.md). A convolution that does not fit the
 * device's local memory keeps the kernel's products.
 *
 * <p>The kernel reads and writes the {@link ArenaKernel}'s own {@code mem}: the backend shares it with the device
 * (see {@link OpenClBackend#allocate}), and Aparapi makes this program's buffer over the same array, which PoCL does not
 * copy onto itself (a launch passing 80 MB took 0.08 ms). Each launch holds {@link OpenClDevices#LAUNCHES}, as the
 * kernel's do.
 */
final class VectorProducts {

    /** Positions per tile: the rows of an image's columns are a multiple of this many floats apart. */
    static final int TILE = 32;

    private static final Logger LOG = Logger.getLogger(VectorProducts.class.getName());

    // The kernels of vector-products.cl, arguments in the order of their OpenCL signatures, each bound on its own
    // when first used: Aparapi complains on standard error when it disposes a bound kernel that never ran.

    public interface Forward extends OpenCL<Forward> {

        Forward forward(Range range, @GlobalReadWrite("mem") float[] mem, @Local("columns") float[] columns, @Arg("x") int x,
                        @Arg("weights") int weights, @Arg("y") int y, @Arg("channels") int channels, @Arg("height") int height,
                        @Arg("width") int width, @Arg("kernelSize") int kernelSize, @Arg("pad") int pad, @Arg("step") int step,
                        @Arg("outH") int outH, @Arg("outW") int outW, @Arg("filters") int filters, @Arg("stride") int stride,
                        @Arg("images") int images);
    }

    public interface WeightGradient extends OpenCL<WeightGradient> {

        WeightGradient weightGradient(Range range, @GlobalReadWrite("mem") float[] mem, @GlobalReadWrite("wide") float[] wide,
                                      @Local("columns") float[] columns, @Arg("x") int x, @Arg("dy") int dy,
                                      @Arg("partials") int partials, @Arg("channels") int channels, @Arg("height") int height,
                                      @Arg("width") int width, @Arg("kernelSize") int kernelSize, @Arg("pad") int pad,
                                      @Arg("step") int step, @Arg("outH") int outH, @Arg("outW") int outW,
                                      @Arg("filters") int filters, @Arg("stride") int stride, @Arg("images") int images);
    }

    public interface InputGradient extends OpenCL<InputGradient> {

        InputGradient inputGradient(Range range, @GlobalReadWrite("mem") float[] mem, @Local("scratch") float[] scratch,
                                    @Arg("dy") int dy, @Arg("weights") int weights, @Arg("dx") int dx,
                                    @Arg("channels") int channels, @Arg("height") int height, @Arg("width") int width,
                                    @Arg("kernelSize") int kernelSize, @Arg("pad") int pad, @Arg("step") int step,
                                    @Arg("outH") int outH, @Arg("outW") int outW, @Arg("filters") int filters,
                                    @Arg("stride") int stride, @Arg("images") int images);
    }

    public interface ForwardDirect extends OpenCL<ForwardDirect> {

        ForwardDirect forwardDirect(Range range, @GlobalReadWrite("mem") float[] mem, @Local("scratch") float[] scratch,
                                    @Arg("x") int x, @Arg("weights") int weights, @Arg("y") int y, @Arg("channels") int channels,
                                    @Arg("height") int height, @Arg("width") int width, @Arg("kernelSize") int kernelSize,
                                    @Arg("pad") int pad, @Arg("outH") int outH, @Arg("outW") int outW,
                                    @Arg("filters") int filters, @Arg("images") int images);
    }

    public interface InputGradientDirect extends OpenCL<InputGradientDirect> {

        InputGradientDirect inputGradientDirect(Range range, @GlobalReadWrite("mem") float[] mem, @Local("scratch") float[] scratch,
                                                @Arg("dy") int dy, @Arg("weights") int weights, @Arg("dx") int dx,
                                                @Arg("channels") int channels, @Arg("height") int height, @Arg("width") int width,
                                                @Arg("kernelSize") int kernelSize, @Arg("pad") int pad, @Arg("outH") int outH,
                                                @Arg("outW") int outW, @Arg("filters") int filters, @Arg("images") int images);
    }

    public interface WeightGradientDirect extends OpenCL<WeightGradientDirect> {

        WeightGradientDirect weightGradientDirect(Range range, @GlobalReadWrite("mem") float[] mem, @GlobalReadWrite("wide") float[] wide,
                                                  @Local("scratch") float[] scratch, @Arg("x") int x, @Arg("dy") int dy,
                                                  @Arg("partials") int partials, @Arg("channels") int channels,
                                                  @Arg("height") int height, @Arg("width") int width,
                                                  @Arg("kernelSize") int kernelSize, @Arg("pad") int pad, @Arg("outH") int outH,
                                                  @Arg("outW") int outW, @Arg("filters") int filters, @Arg("images") int images);
    }

    public interface Dense extends OpenCL<Dense> {

        Dense dense(Range range, @GlobalReadWrite("mem") float[] mem, @Arg("rows") int rows, @Arg("outputs") int outputs,
                    @Arg("inputs") int inputs, @Arg("x") int x, @Arg("weights") int weights, @Arg("y") int y,
                    @Arg("bias") int bias, @Arg("relu") int relu);
    }

    public interface DenseWeightGradient extends OpenCL<DenseWeightGradient> {

        DenseWeightGradient denseWeightGradient(Range range, @GlobalReadWrite("mem") float[] mem, @Arg("rows") int rows,
                                                @Arg("outputs") int outputs, @Arg("inputs") int inputs, @Arg("x") int x,
                                                @Arg("dy") int dy, @Arg("dw") int dw, @Arg("db") int db,
                                                @Arg("restFrom") int restFrom, @Arg("restTo") int restTo,
                                                @Arg("restChunk") int restChunk, @Arg("optimiser") int optimiser,
                                                @Arg("parameters") int parameters, @Arg("lr") float lr, @Arg("beta1") float beta1,
                                                @Arg("beta2") float beta2, @Arg("epsilon") float epsilon,
                                                @Arg("decay") float decay, @Arg("c1") float c1, @Arg("c2") float c2,
                                                @Arg("momentum") float momentum);
    }

    public interface DenseBackward extends OpenCL<DenseBackward> {

        DenseBackward denseBackward(Range range, @GlobalReadWrite("mem") float[] mem, @Local("scratch") float[] scratch,
                                    @Arg("rows") int rows, @Arg("outputs") int outputs, @Arg("inputs") int inputs, @Arg("x") int x,
                                    @Arg("dy") int dy, @Arg("weights") int weights, @Arg("dw") int dw, @Arg("db") int db,
                                    @Arg("dx") int dx, @Arg("reluOf") int reluOf);
    }

    public interface Probe extends OpenCL<Probe> {

        Probe probe(Range range, @GlobalReadWrite("mem") float[] mem, @Arg("at") int at, @Arg("value") int value);
    }

    /**
     * A kernel bound over given arrays. Aparapi's bound kernels make a buffer over an argument's array at their first
     * launch and, when a later launch passes another array, pin that one twice and release it once: the garbage collector
     * then waits for ever (a test hung in its next allocation). So other arrays (a grown wide) get the kernel bound again
     * (PoCL keeps the compiled program).
     */
    private final class Binding<T extends OpenCL<T>> {
        private final Class<T> type;
        private T bound;
        private float[][] arrays;

        Binding(Class<T> type) {
            this.type = type;
        }

        T over(float[]... over) {
            if (bound != null && !java.util.Arrays.equals(arrays, over, (p, q) -> p == q ? 0 : 1)) {
                bound.dispose();
                bound = null;
            }
            if (bound == null) {
                bound = target.bind(type, source);
            }
            arrays = over;
            return bound;
        }

        void dispose() {
            if (bound != null) {
                bound.dispose();
            }
        }
    }

    private final String source;
    private final OpenCLDevice target;
    /** the device's local memory per work-group (512 KiB on PoCL here): an image's columns must fit it */
    private final long localBytes;
    private final Binding<Forward> forward;
    private final Binding<WeightGradient> weightGradient;
    private final Binding<InputGradient> inputGradient;
    private final Binding<ForwardDirect> forwardDirect;
    private final Binding<InputGradientDirect> inputGradientDirect;
    private final Binding<WeightGradientDirect> weightGradientDirect;
    private final Binding<Dense> dense;
    private final Binding<DenseWeightGradient> denseWeightGradient;
    private final Binding<DenseBackward> denseBackward;
    /**
     * The local memory of the launches, by size: only an array's length matters (the size asked for), but the same
     * array each time: two kernels passing new arrays of their sizes in turn took 470 us a pair against 260 us apart.
     */
    private final java.util.Map<Integer, float[]> locals = new java.util.HashMap<>();

    private VectorProducts(String source, OpenCLDevice target) {
        this.source = source;
        this.target = target;
        this.localBytes = target.getLocalMemSize();
        this.forward = new Binding<>(Forward.class);
        this.weightGradient = new Binding<>(WeightGradient.class);
        this.inputGradient = new Binding<>(InputGradient.class);
        this.forwardDirect = new Binding<>(ForwardDirect.class);
        this.inputGradientDirect = new Binding<>(InputGradientDirect.class);
        this.weightGradientDirect = new Binding<>(WeightGradientDirect.class);
        this.dense = new Binding<>(Dense.class);
        this.denseWeightGradient = new Binding<>(DenseWeightGradient.class);
        this.denseBackward = new Binding<>(DenseBackward.class);
    }

    /**
     * The products bound on {@code target}, or null where they cannot run there (the program does not build, or a probe
     * launch's write does not reach its array): the backend then keeps the kernel's own products.
     */
    static VectorProducts bind(OpenCLDevice target) {
        try (InputStream in = VectorProducts.class.getResourceAsStream("vector-products.cl")) {
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Probe probing = target.bind(Probe.class, source);
            float[] probe = new float[4];
            probing.probe(target.createRange(1, 1), probe, 2, 7);
            probing.dispose();
            if (probe[2] != 7f) {
                LOG.warning("The vector convolution products did not run on " + target.getName() + "; convolutions keep the kernel's own");
                return null;
            }
            return new VectorProducts(source, target);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "The vector convolution products could not be built for " + target.getName()
                    + "; convolutions keep the kernel's own", e);
            return null;
        }
    }

    /** Floats apart the rows of an image's columns are: the positions rounded up to whole tiles. */
    static int stride(int positions) {
        return (positions + TILE - 1) / TILE * TILE;
    }

    /**
     * Local floats of a direct launch (forwardDirect, inputGradientDirect): {@code planes} planes of h x w padded by
     * {@code border} on each side and a tile's reach past the last, two tables of the sum's taps, a tile.
     */
    static long directFloats(int planes, int h, int w, int border, int kernelSize, int taps) {
        return (long) planes * (h + 2 * border) * (w + 2 * border) + TILE + kernelSize + 2L * taps + 8 * TILE;
    }

    /** Whether the forward product runs direct: a step of 1, the image's padded planes in local memory. */
    boolean direct(Conv cv) {
        return cv.stride() == 1 && Float.BYTES * directFloats(cv.c(), cv.h(), cv.w(), cv.pad(), cv.k(), cv.c() * cv.k() * cv.k()) <= localBytes;
    }

    /** Whether the input gradient runs direct: a step of 1, a padding under the kernel's side, dy's padded planes in local memory. */
    boolean directGradient(Conv cv) {
        int border = cv.k() - 1 - cv.pad();
        return cv.stride() == 1 && border >= 0
                && Float.BYTES * directFloats(cv.f(), cv.oh(), cv.ow(), border, cv.k(), cv.f() * cv.k() * cv.k()) <= localBytes;
    }

    /** Whether the forward product runs here: direct, or from the image's columns in local memory. */
    boolean fits(Conv cv) {
        return direct(cv) || (long) Float.BYTES * cv.c() * cv.k() * cv.k() * stride(cv.oh() * cv.ow()) <= localBytes;
    }

    /**
     * Local floats of weightGradientDirect: the padded planes and a tile's reach past the last, dy on the grid of the
     * padded width (filters rounded up to whole tiles per position), a table of the taps, a tile.
     */
    static long directWeightFloats(Conv cv) {
        long grid = (long) cv.oh() * (cv.w() + 2 * cv.pad());
        return (long) cv.c() * (cv.h() + 2 * cv.pad()) * (cv.w() + 2 * cv.pad()) + TILE + cv.k()
                + grid * stride(cv.f()) + (long) cv.c() * cv.k() * cv.k() + 8 * TILE;
    }

    /** Whether the weight gradient runs direct: a step of 1, the image's padded planes and dy on the grid in local memory. */
    boolean directWeightGradient(Conv cv) {
        return cv.stride() == 1 && Float.BYTES * directWeightFloats(cv) <= localBytes;
    }

    /** Whether the weight gradient runs here: direct, or from the image's transposed columns in local memory. */
    boolean fitsWeightGradient(Conv cv) {
        return directWeightGradient(cv) || (long) Float.BYTES * cv.oh() * cv.ow() * stride(cv.c() * cv.k() * cv.k()) <= localBytes;
    }

    /** Whether the input gradient runs here: direct, or from the image's dy and column gradients in local memory. */
    boolean fitsGradients(Conv cv) {
        return directGradient(cv) || (long) Float.BYTES * (cv.f() + cv.c() * cv.k() * cv.k()) * stride(cv.oh() * cv.ow()) <= localBytes;
    }

    /** A launch's local memory: an array of that many floats. */
    private float[] local(int floats) {
        return locals.computeIfAbsent(floats, float[]::new);
    }

    /** y (images from the first image's) = W times the columns of the images from x. The memory must be the device's. */
    void forward(float[] mem, Conv cv, int images, int x, int weights, int y) {
        int stride = stride(cv.oh() * cv.ow());
        synchronized (OpenClDevices.LAUNCHES) {
            if (direct(cv)) {
                forwardDirect.over(mem).forwardDirect(target.createRange(workGroups(images), 1), mem,
                        local((int) directFloats(cv.c(), cv.h(), cv.w(), cv.pad(), cv.k(), cv.c() * cv.k() * cv.k())), x, weights, y,
                        cv.c(), cv.h(), cv.w(), cv.k(), cv.pad(), cv.oh(), cv.ow(), cv.f(), images);
                return;
            }
            forward.over(mem).forward(target.createRange(workGroups(images), 1), mem, local(cv.c() * cv.k() * cv.k() * stride), x,
                    weights, y, cv.c(), cv.h(), cv.w(), cv.k(), cv.pad(), cv.stride(), cv.oh(), cv.ow(), cv.f(), stride, images);
        }
    }

    /**
     * Work-groups (of one work-item each) of a launch over {@code images}, each taking a run of them: a few per compute
     * unit, so that a core the VM takes away leaves its share to the others (see vector-products.cl).
     */
    int workGroups(int images) {
        return Math.min(images, 4 * target.getMaxComputeUnits());
    }

    /**
     * The weight gradient of the images (from the first one's x and dy) in {@link #workGroups} partial sums
     * into wide from {@code partials}, F rows of the taps each. The arrays must be the device's.
     */
    void weightGradient(float[] mem, float[] wide, Conv cv, int images, int x, int dy, int partials) {
        int stride = stride(cv.c() * cv.k() * cv.k());
        synchronized (OpenClDevices.LAUNCHES) {
            if (directWeightGradient(cv)) {
                weightGradientDirect.over(mem, wide).weightGradientDirect(target.createRange(workGroups(images), 1), mem, wide,
                        local((int) directWeightFloats(cv)), x, dy, partials, cv.c(), cv.h(), cv.w(), cv.k(), cv.pad(), cv.oh(),
                        cv.ow(), cv.f(), images);
                return;
            }
            weightGradient.over(mem, wide).weightGradient(target.createRange(workGroups(images), 1), mem, wide,
                    local(cv.oh() * cv.ow() * stride), x, dy, partials, cv.c(), cv.h(), cv.w(), cv.k(), cv.pad(), cv.stride(),
                    cv.oh(), cv.ow(), cv.f(), stride, images);
        }
    }

    /** dx (images from the first image's) from dy and W. The memory must be the device's. */
    void inputGradient(float[] mem, Conv cv, int images, int dy, int weights, int dx) {
        int stride = stride(cv.oh() * cv.ow());
        synchronized (OpenClDevices.LAUNCHES) {
            if (directGradient(cv)) {
                int border = cv.k() - 1 - cv.pad();
                inputGradientDirect.over(mem).inputGradientDirect(target.createRange(workGroups(images), 1), mem,
                        local((int) directFloats(cv.f(), cv.oh(), cv.ow(), border, cv.k(), cv.f() * cv.k() * cv.k())), dy, weights, dx,
                        cv.c(), cv.h(), cv.w(), cv.k(), cv.pad(), cv.oh(), cv.ow(), cv.f(), images);
                return;
            }
            inputGradient.over(mem).inputGradient(target.createRange(workGroups(images), 1), mem,
                    local((cv.f() + cv.c() * cv.k() * cv.k()) * stride), dy, weights, dx, cv.c(), cv.h(), cv.w(), cv.k(), cv.pad(),
                    cv.stride(), cv.oh(), cv.ow(), cv.f(), stride, images);
        }
    }

    /** Whether a dense layer's product runs here: outputs in whole tiles of 32. */
    static boolean dense(int outputs) {
        return outputs % TILE == 0;
    }

    /** y (rows x outputs) = x W + bias, ReLU if asked, in tiles of 8 rows by 32 outputs. The memory must be the device's. */
    void dense(float[] mem, int rows, int outputs, int inputs, int x, int weights, int y, int bias, boolean relu) {
        synchronized (OpenClDevices.LAUNCHES) {
            dense.over(mem).dense(target.createRange((rows + 7) / 8 * (outputs / TILE), 1), mem, rows, outputs, inputs, x, weights,
                    y, bias, relu ? 1 : 0);
        }
    }

    /**
     * How a {@link #denseWeightGradient} launch steps the parameters: {@code optimiser} 0 (none), 1 (AdamW, with the
     * bias corrections c1 and c2 of this step) or 2 (SGD with momentum); the network has {@code parameters} of them.
     */
    record Step(int optimiser, int parameters, float lr, float beta1, float beta2, float epsilon, float decay, float c1, float c2,
                float momentum) {
        static final Step NONE = new Step(0, 0, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f);
    }

    /**
     * dW (inputs x outputs) = x^T dy and db = the column sums of dy, in tiles of 8 inputs by 32 outputs, each work-item
     * stepping the parameters whose gradients it wrote, and the parameters [restFrom, restTo) in chunks of whole vectors
     * a work-item each. The memory must be the device's.
     */
    void denseWeightGradient(float[] mem, int rows, int outputs, int inputs, int x, int dy, int dw, int db, int restFrom, int restTo,
                             Step step) {
        int chunks = 0;
        int chunk = 16;
        if (restTo > restFrom) {
            // a chunk per compute unit, in whole vectors of 16
            int units = target.getMaxComputeUnits();
            chunk = Math.max(16, ((restTo - restFrom + units - 1) / units + 15) / 16 * 16);
            chunks = (restTo - restFrom + chunk - 1) / chunk;
        }
        int tiles = outputs / TILE;
        synchronized (OpenClDevices.LAUNCHES) {
            denseWeightGradient.over(mem).denseWeightGradient(target.createRange((inputs + 7) / 8 * tiles + tiles + chunks, 1), mem,
                    rows, outputs, inputs, x, dy, dw, db, restFrom, restTo, chunk, step.optimiser(), step.parameters(), step.lr(),
                    step.beta1(), step.beta2(), step.epsilon(), step.decay(), step.c1(), step.c2(), step.momentum());
        }
    }


    /** Local floats of a {@link #denseBackward} launch: dy with rows 32 floats apart, or W transposed. */
    private static long denseBackwardFloats(int rows, int outputs, int inputs) {
        return Math.max((long) rows * TILE, (long) outputs * ((inputs + TILE - 1) / TILE * TILE));
    }

    /** Whether a dense layer's backward pass runs here in one launch: an output layer of fewer than 32 outputs that fits. */
    boolean denseBackward(int rows, int outputs, int inputs) {
        return outputs < TILE && denseBackwardFloats(rows, outputs, inputs) * Float.BYTES <= localBytes;
    }

    /**
     * dW (inputs x outputs) = x^T dy, db = the column sums of dy, and dx (rows x inputs) = dy W^T, zero where the
     * layer below's output at {@code reluOf} (unless -1) is not positive: one launch. The memory must be the device's.
     */
    void denseBackward(float[] mem, int rows, int outputs, int inputs, int x, int dy, int weights, int dw, int db, int dx, int reluOf) {
        synchronized (OpenClDevices.LAUNCHES) {
            denseBackward.over(mem).denseBackward(target.createRange((inputs + 7) / 8 + (rows + 7) / 8 + 1, 1), mem,
                    local((int) denseBackwardFloats(rows, outputs, inputs)), rows, outputs, inputs, x, dy, weights, dw, db, dx, reluOf);
        }
    }

    void dispose() {
        forward.dispose();
        weightGradient.dispose();
        inputGradient.dispose();
        forwardDirect.dispose();
        inputGradientDirect.dispose();
        weightGradientDirect.dispose();
        dense.dispose();
        denseWeightGradient.dispose();
        denseBackward.dispose();
    }
}
