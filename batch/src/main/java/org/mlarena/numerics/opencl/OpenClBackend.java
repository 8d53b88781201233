package org.mlarena.numerics.opencl;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;

import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.DeviceType;
import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.ActivationFunction;
import org.mlarena.numerics.nn.Backend.Conv;
import org.mlarena.numerics.nn.Backend.Norm;
import org.mlarena.numerics.nn.Backend.Pool;
import org.mlarena.numerics.nn.Flops;
import org.mlarena.numerics.nn.Optimizer;

/**
 * {@link Backend} on an OpenCL device through one {@link ArenaKernel} in explicit-transfer mode: the
 * resident memory goes up on {@link #upload()} and comes back on {@link #download()}; a training step
 * sends only the staged batch and reads back only the per-row losses.
 *
 * <p>Every launch checks that it ran on OpenCL; a fall-back to Aparapi's Java thread pool throws,
 * because silently training on the wrong device would report wrong timings and energy.
 */
public final class OpenClBackend implements Backend {

    private final ComputeDevice device;
    private final OpenCLDevice target;
    private final ArenaKernel kernel = new ArenaKernel();
    private final boolean cpuShaped;
    /** the matrix-multiply work shape as the kernel's code: 0 element, 1 row, 2 tile */
    private final int shape;
    private final int lanes;
    /** work-items per group on a GPU, asked of the compiled kernel at the first launch (0 until then) */
    private int gpuGroup;
    private long flops;
    /** the batch's target columns (regression) */
    private int targetColumns;
    /**
     * whether the kernel has launched (Aparapi read the shared-memory flag then), and whether it works on the arrays:
     * then what the host writes into them reaches the next launch, and what a launch writes is there after it, without
     * a put or a get (each a command that wakes PoCL's threads: 70 us or more on this VM)
     */
    private boolean firstLaunchDone;
    private boolean sharedMemory;
    /** B is copied before a product when its rows are a multiple of this many floats (4 KiB) apart */
    static final int PACKED_ROW_MULTIPLE = 1024;
    /**
     * A transposed B is copied for products of at least this many multiply-adds; smaller ones read it with a stride
     * (the copy's launch costs more than the strided reads: the MLP's 128x256x10 input gradient takes 70 us at best either
     * way, but 115 us on average in one launch against 145 us in two)
     */
    static final long PACKED_TRANSPOSE_FROM = 1L << 20;

    /** The matrix-multiply work shapes. */
    public enum Shape {
        /** one work-item per element of C (GPU shape) */
        ELEMENT,
        /** one work-item per row of C, i-k-j loops inside, k four steps at a time */
        ROW,
        /** one 4&times;8 register tile of C per work-item (slower than ROW on PoCL; kept to measure on GPUs) */
        TILE,
        /** four rows of C per work-item sharing each read of B, k four steps at a time (CPU default: fastest on PoCL) */
        ROW_BLOCK
    }

    public static final String SHAPE_PROPERTY = "arena.numerics.work-shape";

    /** Work shape by device type (ROW_BLOCK on CPUs, ELEMENT on GPUs), unless {@value #SHAPE_PROPERTY} names one. */
    public OpenClBackend(ComputeDevice device) {
        this(device, org.mlarena.settings.Settings.read(SHAPE_PROPERTY).filter(v -> !v.isBlank() && !"auto".equals(v))
                .map(v -> Shape.valueOf(v.trim().toUpperCase(java.util.Locale.ROOT)))
                .orElse(device.type() == DeviceType.CPU ? Shape.ROW_BLOCK : Shape.ELEMENT));
    }

    public OpenClBackend(ComputeDevice device, Shape shape) {
        this(device, shape, false);
    }

    /**
     * @param gpuLaunches launch as on a GPU (whole work-groups of the kernel's size, one item per work-item) even on a
     *                    CPU device: the tests run the GPU path on PoCL with it
     */
    OpenClBackend(ComputeDevice device, Shape shape, boolean gpuLaunches) {
        this.device = device;
        this.target = OpenClDevices.find(device);
        this.cpuShaped = device.type() == DeviceType.CPU && !gpuLaunches;
        this.shape = switch (shape) {
            case ELEMENT -> 0;
            case ROW -> 1;
            case TILE -> 2;
            case ROW_BLOCK -> 3;
        };
        this.lanes = Math.max(1, device.computeUnits()) * 4;
        kernel.setExplicit(true);
        synchronized (OPEN) {
            OPEN[0]++;
        }
    }

    /** Backends not closed yet, JVM-wide: {@link #awaitAllClosed} waits for them. */
    private static final int[] OPEN = new int[1];

    /**
     * Waits until every backend is closed, at most {@code millis}: an undeploy must not release the OpenCL runtime
     * while a job still uses it (a scoring job stopped by an undeploy disposed its kernel after the runtime was released,
     * and the JVM crashed in Aparapi's dispose). Answers whether none is open.
     */
    public static boolean awaitAllClosed(long millis) {
        long end = System.currentTimeMillis() + millis;
        synchronized (OPEN) {
            while (OPEN[0] > 0) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                try {
                    OPEN.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public ComputeDevice device() {
        return device;
    }

    /**
     * On a CPU device every array of the kernel is unmovable and the device works on the arrays themselves (Aparapi's
     * shared memory, for this kernel only): the vector convolutions ({@link VectorProducts}), another program, read
     * and write the same memory. Elsewhere (a GPU, or where the check below fails) the device keeps copies.
     */
    @Override
    public void allocate(int memorySize, int batchFloats, int batchRows, int targetColumns) {
        // the resident memory lives on the device between upload and download: it must not move (see UnmovableArrays)
        kernel.mem = UnmovableArrays.floats(memorySize);
        kernel.batch = UnmovableArrays.floats(Math.max(1, batchFloats));
        kernel.labels = UnmovableArrays.ints(Math.max(1, batchRows));
        kernel.targets = UnmovableArrays.floats(Math.max(1, batchRows * targetColumns));
        kernel.out = UnmovableArrays.floats(2 * Math.max(1, batchRows));
        kernel.view = UnmovableArrays.floats(1);
        kernel.wide = UnmovableArrays.floats(1);
        this.targetColumns = targetColumns;
        if (cpuShaped && !firstLaunchDone) {
            shareMemory();
        }
    }

    /**
     * The kernel's first launch with the device's shared-memory flag on, then off again for every other kernel; shared
     * only if a value the launch writes is in the array without a download (Aparapi and PoCL may still copy), and values
     * written into the array after it reach the next launch without an upload.
     */
    private void shareMemory() {
        float[] mem = kernel.mem;
        synchronized (OpenClDevices.LAUNCHES) {
            boolean before = target.isSharedMemory();
            target.setSharedMemory(true);
            try {
                mem[0] = 3f;
                mem[1] = 4f;
                kernel.a = 0;
                kernel.b = 1;
                kernel.c = 2;
                elementwise(ArenaKernel.ADD, 1);
            } finally {
                target.setSharedMemory(before);
            }
        }
        firstLaunchDone = true;
        boolean read = mem[2] == 7f;
        mem[0] = 5f;
        elementwise(ArenaKernel.ADD, 1);
        sharedMemory = read && mem[2] == 9f;
        mem[0] = 0f;
        mem[1] = 0f;
        mem[2] = 0f;
        kernel.put(mem);
    }

    @Override
    public float[] memory() {
        return kernel.mem;
    }

    @Override
    public void upload() {
        kernel.put(kernel.mem).put(kernel.batch).put(kernel.labels).put(kernel.targets).put(kernel.out).put(kernel.wide);
    }

    /** The most values {@link #read} copies out through a small array of their own (256 KiB). */
    static final int VIEW_LIMIT = 1 << 16;

    @Override
    public void download() {
        kernel.get(kernel.mem);
    }

    /**
     * One launch copies the values to a small array of their own, and only that array comes from the device (Aparapi moves
     * whole arrays: a large read downloads the memory instead, so that the small array stays small).
     */
    @Override
    public void read(int offset, int count, float[] into, int at) {
        if (count > VIEW_LIMIT) {
            Backend.super.read(offset, count, into, at);
            return;
        }
        if (kernel.view.length < count) {
            kernel.view = UnmovableArrays.floats(count);
        }
        kernel.a = offset;
        elementwise(ArenaKernel.VIEW, count);
        kernel.get(kernel.view);
        System.arraycopy(kernel.view, 0, into, at, count);
    }

    @Override
    public void stageBatch(float[] inputs, int from, int rows, int cols, int[] labels, int labelFrom) {
        System.arraycopy(inputs, from, kernel.batch, 0, rows * cols);
        System.arraycopy(labels, labelFrom, kernel.labels, 0, rows);
        if (!sharedMemory) {
            kernel.put(kernel.batch).put(kernel.labels);
        }
    }

    @Override
    public void stageBatch(float[] inputs, int from, int rows, int cols, float[] targets, int targetFrom) {
        System.arraycopy(inputs, from, kernel.batch, 0, rows * cols);
        int perRow = targetColumns;
        System.arraycopy(targets, targetFrom, kernel.targets, 0, rows * perRow);
        if (!sharedMemory) {
            kernel.put(kernel.batch).put(kernel.targets);
        }
    }

    /** A copy on the host where the device shares the memory (a launch costs more than copying a batch), else a launch. */
    @Override
    public void copyBatch(int count, int destination) {
        if (sharedMemory) {
            System.arraycopy(kernel.batch, 0, kernel.mem, destination, count);
            return;
        }
        kernel.c = destination;
        elementwise(ArenaKernel.COPY, count);
    }

    @Override
    public void matmul(int m, int n, int k, int a, boolean transposeA, int b, boolean transposeB, int c, boolean accumulate) {
        setMatrix(m, n, k, a, transposeA, b, transposeB, c, accumulate);
        if (shape == 3) {
            block(m, n);
            return;
        }
        launch(switch (shape) {
            case 0 -> m * n;
            case 1 -> m;
            default -> ((m + 3) / 4) * ((n + 7) / 8);
        });
        flops += Flops.matmul(m, n, k, accumulate);
    }

    private void setMatrix(int m, int n, int k, int a, boolean transposeA, int b, boolean transposeB, int c, boolean accumulate) {
        kernel.mode = ArenaKernel.MATMUL;
        kernel.m = m;
        kernel.n = n;
        kernel.k = k;
        kernel.a = a;
        kernel.b = b;
        kernel.c = c;
        // op(A) is m x k: stored k x m when transposed; op(B) is k x n: stored n x k when transposed
        kernel.aRow = transposeA ? 1 : k;
        kernel.aCol = transposeA ? m : 1;
        kernel.bRow = transposeB ? 1 : n;
        kernel.bCol = transposeB ? k : 1;
        kernel.accumulate = accumulate ? 1f : 0f;
        kernel.perRow = shape;
        plain();
    }

    /** Clears what {@link #block} does besides the product. */
    private void plain() {
        kernel.bias = -1;
        kernel.relu = 0f;
        kernel.sums = -1;
        kernel.stage = 0;
        kernel.mask = -1;
        kernel.lossGrad = -1;
        kernel.optimiser = 0;
    }

    /**
     * One ROW_BLOCK launch of the product set in the kernel and of what is set besides it (see
     * {@code ArenaKernel.matmulBlock}); counts the FLOPs of each part as its separate launch would.
     */
    private void block(int m, int n) {
        kernel.packed = kernel.bCol != 1 ? 2 : 0;
        if (kernel.bCol != 1 ? m >= 4 && (long) m * n * kernel.k >= PACKED_TRANSPOSE_FROM : n % PACKED_ROW_MULTIPLE == 0 && m >= 16) {
            pack(n);
        }
        int rest = 0;
        if (kernel.optimiser != 0) {
            int count = kernel.restTo - kernel.restFrom;
            kernel.restChunk = Math.max(1, (count + lanes - 1) / lanes);
            rest = (count + kernel.restChunk - 1) / kernel.restChunk;
        }
        launch((m + 3) / 4 + (kernel.sums >= 0 ? 1 : 0) + rest);
        flops += Flops.matmul(m, n, kernel.k, kernel.accumulate != 0f);
        if (kernel.bias >= 0) {
            flops += Flops.addBias(m, n, kernel.relu != 0f);
        }
        if (kernel.sums >= 0) {
            flops += Flops.biasGradient(kernel.k, n);
        }
        if (kernel.mask >= 0) {
            flops += Flops.reluBackward((long) m * n);
        }
        if (kernel.lossGrad >= 0) {
            flops += Flops.softmaxCrossEntropy(m, n);
        }
    }

    /**
     * Copies op(B) (k rows of n) row-major into {@code wide} with a row stride of n + 16, for the 4-row loop:
     * <ul>
     * <li>a transposed B of a large product ({@link #PACKED_TRANSPOSE_FROM}): the dot products the loop used to fall
     * back to do not vectorise, and reading it with a stride is slower than the copy there;</li>
     * <li>a B whose rows are a multiple of 4 KiB apart: the four rows of B and the four rows of C that the loop reads
     * together all fall in one set of the L1 cache (8 ways on the CPUs measured) and evict each other; the copy moves
     * B's rows into different sets (n = 1024: 112 &rarr; 130 GFLOP/s on two cores, bench/README.md).</li>
     * </ul>
     * One pass over B, against m / 4 passes of the product.
     */
    private void pack(int n) {
        int stride = n + 16;
        long needed = (long) kernel.k * stride;
        if (needed > Integer.MAX_VALUE) {
            return;
        }
        if (kernel.wide.length < needed) {
            kernel.wide = UnmovableArrays.floats((int) needed);
            kernel.put(kernel.wide);
        }
        kernel.wideRow = stride;
        kernel.mode = ArenaKernel.PACK;
        launch(kernel.k);
        kernel.mode = ArenaKernel.MATMUL;
        kernel.packed = 1;
    }

    /** One launch on the CPU shape (bias and ReLU as the epilogue of each block of C); separate launches otherwise. */
    @Override
    public void dense(int rows, int n, int k, int x, int weights, int y, int bias, boolean relu) {
        if (cpuShaped && VectorProducts.dense(n) && products() != null) {
            products.dense(kernel.mem, rows, n, k, x, weights, y, bias, relu);
            flops += Flops.matmul(rows, n, k, false) + Flops.addBias(rows, n, relu);
            return;
        }
        if (shape != 3) {
            Backend.super.dense(rows, n, k, x, weights, y, bias, relu);
            return;
        }
        setMatrix(rows, n, k, x, false, weights, false, y, false);
        kernel.bias = bias;
        kernel.relu = relu ? 1f : 0f;
        block(rows, n);
    }

    /** One launch on the CPU shape: each work-item copies its own rows of the batch before using them. */
    @Override
    public void denseOnBatch(int rows, int n, int k, int x, int weights, int y, int bias, boolean relu) {
        if (shape != 3 || cpuShaped && VectorProducts.dense(n) && products() != null) {
            Backend.super.denseOnBatch(rows, n, k, x, weights, y, bias, relu);
            return;
        }
        setMatrix(rows, n, k, x, false, weights, false, y, false);
        kernel.stage = 1;
        kernel.bias = bias;
        kernel.relu = relu ? 1f : 0f;
        block(rows, n);
    }

    /** One launch on the CPU shape: each work-item takes the softmax of its own rows of logits. */
    @Override
    public LossResult denseSoftmaxCrossEntropy(int rows, int n, int k, int x, int weights, int logits, int bias, int grad) {
        if (shape != 3) {
            return Backend.super.denseSoftmaxCrossEntropy(rows, n, k, x, weights, logits, bias, grad);
        }
        setMatrix(rows, n, k, x, false, weights, false, logits, false);
        kernel.bias = bias;
        kernel.lossGrad = grad;
        block(rows, n);
        return readLoss(rows, 1);
    }

    /** One launch (two with the copy of the transposed weights) on the CPU shape, the ReLU backward included. */
    @Override
    public void denseInputGradient(int rows, int n, int k, int dy, int weights, int dx, int reluOf) {
        if (shape != 3) {
            Backend.super.denseInputGradient(rows, n, k, dy, weights, dx, reluOf);
            return;
        }
        setMatrix(rows, k, n, dy, false, weights, true, dx, false);
        kernel.mask = reluOf;
        block(rows, k);
    }

    /** One launch of the vector kernel for an output layer of fewer than 32 outputs on the CPU shape; two otherwise. */
    @Override
    public void denseBackward(int rows, int n, int k, int x, int dy, int weights, int dw, int db, int dx, int reluOf) {
        if (cpuShaped && products() != null && products.denseBackward(rows, n, k)) {
            products.denseBackward(kernel.mem, rows, n, k, x, dy, weights, dw, db, dx, reluOf);
            flops += Flops.matmul(k, n, rows, false) + Flops.biasGradient(rows, n) + Flops.matmul(rows, k, n, false)
                    + (reluOf >= 0 ? Flops.reluBackward((long) rows * k) : 0);
            return;
        }
        Backend.super.denseBackward(rows, n, k, x, dy, weights, dw, db, dx, reluOf);
    }

    /**
     * One launch on the CPU shape when the layer's parameters are the network's first ones, its biases right after its
     * weights: each work-item steps the parameters whose gradients it wrote, and more work-items step the rest (as vector
     * tiles where the outputs come in whole tiles of 32). Separate launches otherwise.
     */
    @Override
    public void denseWeightGradientAndStep(int rows, int n, int k, int x, int dy, int dw, int db, Optimizer optimizer,
                                           int parameterCount, int step) {
        int first = dw - parameterCount;
        if (shape != 3 || first != 0 || db != dw + k * n) {
            Backend.super.denseWeightGradientAndStep(rows, n, k, x, dy, dw, db, optimizer, parameterCount, step);
            return;
        }
        if (cpuShaped && VectorProducts.dense(n) && products() != null) {
            products.denseWeightGradient(kernel.mem, rows, n, k, x, dy, dw, db, k * n + n, parameterCount,
                    vectorStep(optimizer, parameterCount, step));
            flops += Flops.matmul(k, n, rows, false) + Flops.biasGradient(rows, n) + optimizer.flops(parameterCount);
            return;
        }
        setMatrix(k, n, rows, x, true, dy, false, dw, false);
        kernel.sums = db;
        kernel.parameters = parameterCount;
        kernel.restFrom = k * n + n;
        kernel.restTo = parameterCount;
        if (optimizer instanceof Optimizer.Adam adam) {
            kernel.optimiser = 1;
            adamSettings(adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon(), adam.weightDecay(), step);
        }
        if (optimizer instanceof Optimizer.Sgd sgd) {
            kernel.optimiser = 2;
            sgdSettings(sgd.learningRate(), sgd.momentum(), sgd.weightDecay());
        }
        block(k, n);
        flops += optimizer.flops(parameterCount);
    }

    /**
     * One launch on the CPU shape (the bias gradient as one more work-item, or as vector tiles where the outputs come in
     * whole tiles of 32); separate launches otherwise.
     */
    @Override
    public void denseWeightGradient(int rows, int n, int k, int x, int dy, int dw, int db) {
        if (shape != 3) {
            Backend.super.denseWeightGradient(rows, n, k, x, dy, dw, db);
            return;
        }
        if (cpuShaped && VectorProducts.dense(n) && products() != null) {
            products.denseWeightGradient(kernel.mem, rows, n, k, x, dy, dw, db, 0, 0, VectorProducts.Step.NONE);
            flops += Flops.matmul(k, n, rows, false) + Flops.biasGradient(rows, n);
            return;
        }
        setMatrix(k, n, rows, x, true, dy, false, dw, false);
        kernel.sums = db;
        block(k, n);
    }

    @Override
    public void addBias(int rows, int cols, int spatial, int x, int bias, boolean relu) {
        kernel.a = x;
        kernel.b = bias;
        kernel.n = cols;
        kernel.spatial = spatial;
        kernel.relu = relu ? 1f : 0f;
        if (spatial > 1) {
            // a plane per work-item: no division per element to find its channel
            kernel.mode = ArenaKernel.ADD_BIAS_PLANES;
            launch(rows * cols);
        } else {
            elementwise(ArenaKernel.ADD_BIAS, rows * cols * spatial);
        }
        flops += Flops.addBias(rows, (long) cols * spatial, relu);
    }

    private void shape(Conv cv) {
        kernel.nb = cv.n();
        kernel.ch = cv.c();
        kernel.hh = cv.h();
        kernel.ww = cv.w();
        kernel.fl = cv.f();
        kernel.ks = cv.k();
        kernel.pad = cv.pad();
        kernel.oh = cv.oh();
        kernel.ow = cv.ow();
        kernel.st = cv.stride();
    }

    /**
     * Convolutions on a CPU device run as products: the columns of a chunk of images (im2col) into {@code wide}, then four
     * filters' rows per work-item as the dense products do. The products multiply the padding's zeros too; the count
     * stays the valid taps' ({@link Flops#conv2d}), the model's analytic figure.
     */
    static final int COLUMN_FLOATS = 1 << 24;

    private long columnFloats = COLUMN_FLOATS;

    /** Chunks of images whose columns fit {@code floats} (one image per chunk when none fits): the tests' several chunks. */
    OpenClBackend inColumnChunksOf(long floats) {
        columnFloats = floats;
        return this;
    }

    /** A launch sequence over a chunk of images whose columns {@code wide} holds. */
    private interface ChunkLaunches {
        void run(int first, int images);
    }

    /**
     * Runs the launches for each chunk of images in turn, {@code kernel.img0} its first image and {@code kernel.nb} its
     * images (the whole batch's again afterwards).
     */
    private void inChunks(Conv cv, ChunkLaunches launches) {
        inChunks(cv, 0, launches);
    }

    /** The same, with {@code rowsBeside} rows of oh * ow values per image in {@code wide} after the columns. */
    private void inChunks(Conv cv, int rowsBeside, ChunkLaunches launches) {
        inChunks(cv, ((long) cv.c() * cv.k() * cv.k() + rowsBeside) * cv.oh() * cv.ow(), launches);
    }

    /** The same, with {@code perImage} floats of {@code wide} per image. */
    private void inChunks(Conv cv, long perImage, ChunkLaunches launches) {
        int chunk = columnChunk(cv, perImage);
        for (int first = 0; first < cv.n(); first += chunk) {
            int images = Math.min(chunk, cv.n() - first);
            kernel.img0 = first;
            kernel.nb = images;
            launches.run(first, images);
        }
        kernel.nb = cv.n();
    }

    /** Images per chunk whose {@code perImage} floats fit {@link #columnFloats}, and {@code wide} grown to hold them. */
    private int columnChunk(Conv cv, long perImage) {
        int images = (int) Math.max(1, Math.min(cv.n(), columnFloats / Math.max(1, perImage)));
        long needed = images * perImage;
        if (kernel.wide.length < needed) {
            kernel.wide = UnmovableArrays.floats((int) needed);
            kernel.put(kernel.wide);
        }
        return images;
    }

    /** The vector convolutions, bound at the first convolution on a CPU device that works on the arrays; null elsewhere. */
    private VectorProducts products;
    private boolean productsBound;

    private VectorProducts products() {
        if (!productsBound) {
            productsBound = true;
            products = sharedMemory ? VectorProducts.bind(target) : null;
        }
        return products;
    }

    /** The kernel's own convolution products even where the vector ones would run (what does not fit them takes): the tests'. */
    OpenClBackend withoutVectorConvolutions() {
        productsBound = true;
        products = null;
        return this;
    }

    /** The vector convolutions ({@link VectorProducts}) where convolutions run as vector code, else null: the tests ask. */
    VectorProducts vectorConvolutions() {
        return cpuShaped ? products() : null;
    }

    @Override
    public void conv2d(Conv cv, int x, int weights, int y) {
        shape(cv);
        kernel.a = x;
        kernel.b = weights;
        kernel.c = y;
        if (cpuShaped && products() != null && products.fits(cv)) {
            products.forward(kernel.mem, cv, cv.n(), x, weights, y);
        } else if (cpuShaped) {
            // an image per work-item, its columns read back from the core's cache: as two launches (all the chunk's columns,
            // then the products) the columns went to memory and back, 11.1-11.9 against 9.9-10.4 ms for the zoo CNN's
            // second convolution
            inChunks(cv, (first, images) -> {
                kernel.mode = ArenaKernel.CONV_IMAGE;
                launch(images);
            });
        } else {
            kernel.mode = ArenaKernel.CONV;
            launch(cv.n() * cv.f() * cv.oh());
        }
        flops += Flops.conv2d(cv);
    }


    @Override
    public void conv2dWeightGradient(Conv cv, int x, int dy, int dw) {
        shape(cv);
        kernel.a = x;
        kernel.b = dy;
        kernel.c = dw;
        if (cpuShaped && products() != null && products.fitsWeightGradient(cv)) {
            // partial sums over runs of images by the vector program into wide, then summed in their order
            int depth = cv.c() * cv.k() * cv.k();
            int input = cv.c() * cv.h() * cv.w();
            int positions = cv.oh() * cv.ow();
            inChunks(cv, (long) cv.f() * depth, (first, images) -> {
                kernel.besideColumns = 0;
                kernel.accumulate = first == 0 ? 0f : 1f;
                products.weightGradient(kernel.mem, kernel.wide, cv, images, x + first * input, dy + first * cv.f() * positions, 0);
                kernel.nb = products.workGroups(images);
                kernel.mode = ArenaKernel.CONV_WEIGHT_SUM;
                launch(cv.f());
            });
        } else if (cpuShaped) {
            // an image per work-item: its transposed columns, then its own dW from them while they are in the core's cache,
            // along whole rows of taps, beside the columns in wide; then the images' dW summed. Every filter over slabs of
            // taps across the chunk's columns written before (two launches) took 23-24 ms against 8.5-10.4 for the zoo
            // CNN's second convolution, 80 against 37 for resnet-small's 32-filter ones on 28x28
            int depth = cv.c() * cv.k() * cv.k();
            int positions = cv.oh() * cv.ow();
            inChunks(cv, (cv.f() * depth + positions - 1) / positions, (first, images) -> {
                kernel.besideColumns = depth * images * positions;
                kernel.accumulate = first == 0 ? 0f : 1f;
                kernel.mode = ArenaKernel.CONV_WEIGHT_IMAGE;
                launch(images);
                kernel.mode = ArenaKernel.CONV_WEIGHT_SUM;
                launch(cv.f());
            });
        } else {
            kernel.mode = ArenaKernel.CONV_WEIGHT_GRADIENT;
            launch(cv.f() * cv.c() * cv.k() * cv.k());
        }
        flops += Flops.conv2d(cv);
    }

    @Override
    public void conv2dInputGradient(Conv cv, int dy, int weights, int dx) {
        shape(cv);
        kernel.a = dy;
        kernel.b = weights;
        kernel.c = dx;
        if (cpuShaped && products() != null && products.fitsGradients(cv)) {
            products.inputGradient(kernel.mem, cv, cv.n(), dy, weights, dx);
        } else if (cpuShaped) {
            // an image per work-item: its dy beside the columns, its column gradient W^T . dy_i, then col2im into its dx,
            // all in the core's cache
            int depth = cv.c() * cv.k() * cv.k();
            inChunks(cv, cv.f(), (first, images) -> {
                kernel.besideColumns = depth * images * cv.oh() * cv.ow();
                kernel.mode = ArenaKernel.CONV_INPUT_IMAGE;
                launch(images);
            });
        } else {
            kernel.mode = ArenaKernel.CONV_INPUT_GRADIENT;
            launch(cv.n() * cv.c() * cv.h());
        }
        flops += Flops.conv2d(cv);
    }

    private void shape(Pool pool) {
        kernel.hh = pool.h();
        kernel.ww = pool.w();
        kernel.oh = pool.oh();
        kernel.ow = pool.ow();
        kernel.ps = pool.size();
    }

    @Override
    public void maxPool(Pool pool, int x, int y, int argmax) {
        shape(pool);
        kernel.mode = ArenaKernel.POOL;
        kernel.a = x;
        kernel.b = y;
        kernel.c = argmax;
        launch(pool.n() * pool.c() * pool.oh());
        flops += Flops.maxPool(pool);
    }

    @Override
    public void maxPoolGradient(Pool pool, int dy, int argmax, int dx) {
        shape(pool);
        kernel.mode = ArenaKernel.POOL_GRADIENT;
        kernel.a = dy;
        kernel.b = argmax;
        kernel.c = dx;
        launch(pool.n() * pool.c() * pool.oh());
    }

    @Override
    public void avgPool(Pool pool, int x, int y) {
        shape(pool);
        kernel.mode = ArenaKernel.AVG_POOL;
        kernel.a = x;
        kernel.b = y;
        launch(pool.n() * pool.c() * pool.oh() * pool.ow());
        flops += Flops.avgPool(pool);
    }

    @Override
    public void avgPoolGradient(Pool pool, int dy, int dx) {
        shape(pool);
        kernel.mode = ArenaKernel.AVG_POOL_GRADIENT;
        kernel.a = dy;
        kernel.b = dx;
        launch(pool.n() * pool.c() * pool.oh() * pool.ow());
        flops += Flops.avgPoolGradient(pool);
    }

    @Override
    public void groupMean(int groups, int size, int x, int y) {
        kernel.mode = ArenaKernel.GROUP_MEAN;
        kernel.spatial = size;
        kernel.a = x;
        kernel.b = y;
        launch(groups);
        flops += Flops.groupMean(groups, size);
    }

    @Override
    public void groupMeanGradient(int groups, int size, int dy, int dx) {
        kernel.mode = ArenaKernel.GROUP_MEAN_GRADIENT;
        kernel.spatial = size;
        kernel.a = dy;
        kernel.b = dx;
        launch(groups);
        flops += Flops.groupMean(groups, size);
    }

    private void shape(Norm norm) {
        kernel.m = norm.rows();
        kernel.n = norm.channels();
        kernel.spatial = norm.spatial();
        kernel.momentum = norm.momentum();
        kernel.eps = norm.epsilon();
    }

    @Override
    public void batchNorm(Norm norm, int x, int y, int gamma, int running, int saved, boolean training) {
        shape(norm);
        kernel.mode = ArenaKernel.BATCH_NORM;
        kernel.a = x;
        kernel.b = y;
        kernel.c = gamma;
        kernel.d = running;
        kernel.statistics = saved;
        kernel.training = training ? 1 : 0;
        launch(norm.channels());
        flops += Flops.batchNorm(norm, training);
    }

    @Override
    public void batchNormGradient(Norm norm, int x, int dy, int dx, int gamma, int saved, int dGamma) {
        shape(norm);
        kernel.mode = ArenaKernel.BATCH_NORM_GRADIENT;
        kernel.a = x;
        kernel.b = dy;
        kernel.c = dx;
        kernel.d = gamma;
        kernel.statistics = saved;
        kernel.paramGradient = dGamma;
        launch(norm.channels());
        flops += Flops.batchNormGradient(norm, dx >= 0);
    }

    @Override
    public void activation(ActivationFunction function, int count, int x, int y) {
        kernel.act = function.ordinal();
        kernel.a = x;
        kernel.b = y;
        elementwise(ArenaKernel.ACTIVATION, count);
        flops += function.forwardFlops(count);
    }

    @Override
    public void activationGradient(ActivationFunction function, int count, int x, int y, int dy, int dx) {
        kernel.act = function.ordinal();
        kernel.a = x;
        kernel.b = y;
        kernel.c = dy;
        kernel.d = dx;
        elementwise(ArenaKernel.ACTIVATION_GRADIENT, count);
        flops += function.backwardFlops(count);
    }

    @Override
    public void add(int count, int a, int b, int y) {
        kernel.a = a;
        kernel.b = b;
        kernel.c = y;
        elementwise(ArenaKernel.ADD, count);
        flops += Flops.add(count);
    }

    @Override
    public void copy(int count, int x, int y) {
        kernel.a = x;
        kernel.b = y;
        elementwise(ArenaKernel.MEM_COPY, count);
    }

    @Override
    public void reluBackward(int count, int y, int dy) {
        kernel.a = y;
        kernel.b = dy;
        elementwise(ArenaKernel.RELU_BACKWARD, count);
        flops += Flops.reluBackward(count);
    }

    @Override
    public void dropout(int count, int x, int mask, float rate, int seed) {
        kernel.a = x;
        kernel.b = mask;
        kernel.rate = rate;
        kernel.scale = 1f / (1f - rate);
        kernel.seed = seed;
        elementwise(ArenaKernel.DROPOUT, count);
        flops += Flops.dropout(count);
    }

    @Override
    public void multiply(int count, int x, int mask) {
        kernel.a = x;
        kernel.b = mask;
        elementwise(ArenaKernel.MULTIPLY, count);
        flops += Flops.multiply(count);
    }

    @Override
    public void biasGradient(int rows, int cols, int spatial, int dy, int db) {
        kernel.mode = ArenaKernel.BIAS_GRADIENT;
        kernel.m = rows;
        kernel.n = cols;
        kernel.spatial = spatial;
        kernel.a = dy;
        kernel.b = db;
        launch(cols);
        flops += Flops.biasGradient(rows, (long) cols * spatial);
    }

    @Override
    public LossResult softmaxCrossEntropy(int rows, int cols, int logits, int grad) {
        kernel.mode = ArenaKernel.SOFTMAX_CE;
        kernel.m = rows;
        kernel.n = cols;
        kernel.a = logits;
        kernel.b = grad;
        launch(rows);
        flops += Flops.softmaxCrossEntropy(rows, cols);
        return readLoss(rows, 1);
    }

    @Override
    public LossResult meanSquaredError(int rows, int cols, int predictions, int grad) {
        kernel.mode = ArenaKernel.MSE;
        kernel.m = rows;
        kernel.n = cols;
        kernel.a = predictions;
        kernel.b = grad;
        launch(rows);
        flops += Flops.meanSquaredError(rows, cols);
        return readLoss(rows, cols);
    }

    private LossResult readLoss(int rows, int perRow) {
        if (!sharedMemory) {
            kernel.get(kernel.out);
        }
        double total = 0;
        int correct = 0;
        for (int i = 0; i < rows; i++) {
            total += kernel.out[2 * i];
            correct += (int) kernel.out[2 * i + 1];
        }
        return new LossResult(total / ((double) rows * perRow), correct);
    }

    @Override
    public void adam(int count, int params, int grads, int m, int v, float learningRate, float beta1, float beta2, float epsilon,
                     float weightDecay, int step) {
        kernel.a = params;
        kernel.b = grads;
        kernel.c = m;
        kernel.d = v;
        adamSettings(learningRate, beta1, beta2, epsilon, weightDecay, step);
        elementwise(ArenaKernel.ADAM, count);
        flops += Flops.adam(count);
    }

    @Override
    public void sgd(int count, int params, int grads, int velocity, float learningRate, float momentum, float weightDecay) {
        kernel.a = params;
        kernel.b = grads;
        kernel.c = velocity;
        sgdSettings(learningRate, momentum, weightDecay);
        elementwise(ArenaKernel.SGD, count);
        flops += Flops.sgd(count);
    }

    @Override
    public void augment(Images images, int shift, boolean flip, int seed, int y) {
        kernel.mode = ArenaKernel.AUGMENT;
        kernel.ch = images.channels();
        kernel.hh = images.height();
        kernel.ww = images.width();
        kernel.pad = shift;
        kernel.flip = flip ? 1 : 0;
        kernel.seed = seed;
        kernel.c = y;
        launch(images.rows() * images.channels() * images.height());
    }

    @Override
    public void embeddingBag(Bag bag, int x, int table, int ids, int y) {
        bagShape(bag, ids);
        kernel.mode = ArenaKernel.EMBEDDING_IDS;
        kernel.a = x;
        launch(bag.rows());
        kernel.mode = ArenaKernel.EMBEDDING_BAG;
        kernel.b = table;
        kernel.d = y;
        launch(bag.rows() * bag.dimension());
        flops += Flops.embeddingBag(bag);
    }

    @Override
    public void embeddingBagGradient(Bag bag, int x, int dy, int ids, int dTable) {
        bagShape(bag, ids);
        kernel.mode = ArenaKernel.EMBEDDING_GRADIENT;
        kernel.a = x;
        kernel.b = dy;
        kernel.d = dTable;
        launch(bag.dimension());
        flops += Flops.embeddingBagGradient(bag);
    }

    @Override
    public void adamRows(Bag bag, int ids, int table, int grads, int m, int v, float learningRate, float beta1, float beta2, float epsilon,
                         float weightDecay, int step) {
        adamSettings(learningRate, beta1, beta2, epsilon, weightDecay, step);
        kernel.optimiser = 1;
        stepRows(bag, ids, table, grads, m, v);
        flops += Flops.adam(bag.updatedAtMost());
    }

    @Override
    public void sgdRows(Bag bag, int ids, int table, int grads, int velocity, float learningRate, float momentum, float weightDecay) {
        sgdSettings(learningRate, momentum, weightDecay);
        kernel.optimiser = 2;
        stepRows(bag, ids, table, grads, velocity, 0);
        flops += Flops.sgd(bag.updatedAtMost());
    }

    private void stepRows(Bag bag, int ids, int table, int grads, int first, int second) {
        bagShape(bag, ids);
        kernel.mode = ArenaKernel.EMBEDDING_STEP;
        kernel.a = table;
        kernel.b = grads;
        kernel.c = first;
        kernel.d = second;
        launch(bag.dimension());
        // the fused first-layer step reads it: 0 there unless that launch sets it
        kernel.optimiser = 0;
    }

    private void bagShape(Bag bag, int ids) {
        kernel.m = bag.rows();
        kernel.vocabulary = bag.vocabulary();
        kernel.dimension = bag.dimension();
        kernel.entries = bag.entries();
        kernel.ids = ids;
    }

    /** The optimiser's settings for a {@link VectorProducts#denseWeightGradient} launch, as the kernel's below. */
    private static VectorProducts.Step vectorStep(Optimizer optimizer, int parameterCount, int step) {
        if (optimizer instanceof Optimizer.Adam adam) {
            return new VectorProducts.Step(1, parameterCount, adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon(),
                    adam.weightDecay(), Optimizer.Adam.correction(adam.beta1(), step), Optimizer.Adam.correction(adam.beta2(), step), 0f);
        }
        Optimizer.Sgd sgd = (Optimizer.Sgd) optimizer;
        return new VectorProducts.Step(2, parameterCount, sgd.learningRate(), 0f, 0f, 0f, sgd.weightDecay(), 0f, 0f, sgd.momentum());
    }

    private void adamSettings(float learningRate, float beta1, float beta2, float epsilon, float weightDecay, int step) {
        kernel.lr = learningRate;
        kernel.beta1 = beta1;
        kernel.beta2 = beta2;
        kernel.eps = epsilon;
        kernel.wd = weightDecay;
        kernel.c1 = Optimizer.Adam.correction(beta1, step);
        kernel.c2 = Optimizer.Adam.correction(beta2, step);
    }

    private void sgdSettings(float learningRate, float momentum, float weightDecay) {
        kernel.lr = learningRate;
        kernel.momentum = momentum;
        kernel.wd = weightDecay;
    }

    private void elementwise(int mode, int count) {
        kernel.mode = mode;
        kernel.count = count;
        kernel.chunk = cpuShaped ? Math.max(1, (count + lanes - 1) / lanes) : 1;
        launch((count + kernel.chunk - 1) / kernel.chunk);
    }

    private void launch(int globalSize) {
        kernel.items = Math.max(1, globalSize);
        if (!cpuShaped && gpuGroup == 0) {
            gpuGroup = gpuGroup(kernel, target);
        }
        execute(kernel, device, target, cpuShaped, kernel.items, gpuGroup);
    }

    /**
     * Runs {@code items} work-items of a kernel on the device ({@link #range}) and checks that they ran on OpenCL: a
     * silent fall-back to Aparapi's Java thread pool would misreport where the work ran, its time and its energy.
     */
    static void execute(com.aparapi.Kernel kernel, ComputeDevice device, OpenCLDevice target, boolean cpuShaped, int items, int gpuGroup) {
        synchronized (OpenClDevices.LAUNCHES) {
            kernel.execute(range(target, cpuShaped, device.computeUnits(), Math.max(1, items), gpuGroup));
        }
        if (!kernel.isRunningCL()) {
            throw new IllegalStateException("the kernel fell back from " + device.describe() + " to "
                    + OpenClDevices.ranOn(kernel, device).describe() + " (see the log for Aparapi's reason)");
        }
    }

    /**
     * The range of a launch. On a CPU device (PoCL) one work-group runs on one thread, and Aparapi's own choice (the
     * largest local size the device allows, up to 4096) puts any launch of up to 4096 work-items in a single group, on a
     * single core: the local size here leaves at least four groups per compute unit where the global size allows it,
     * and never passes the device's limit (a local size over it fails the launch).
     * On a GPU the launch is rounded up to whole groups of {@code gpuGroup} work-items (the kernel ignores the extra
     * ones): Aparapi's own choice, the device's largest group (1,024 on an H200), failed every launch there, since the
     * compiled kernel allows fewer (256), and a divisor of an odd size would leave groups of a few work-items.
     */
    static Range range(OpenCLDevice target, boolean cpu, int computeUnits, int global, int gpuGroup) {
        if (!cpu) {
            // always whole groups of the same size: PoCL compiles a kernel again for every new local size (the trees'
            // launches of a few hundred rows took minutes as on a GPU), and a GPU idles the surplus work-items anyway
            int local = Math.max(1, gpuGroup);
            return target.createRange((global + local - 1) / local * local, local);
        }
        int most = Math.min(localLimit(target), Math.max(1, global / (Math.max(1, computeUnits) * 4)));
        int local = 1;
        for (int f = Math.min(most, global); f >= 1; f--) {
            if (global % f == 0) {
                local = f;
                break;
            }
        }
        return target.createRange(global, local);
    }

    /**
     * Work-items per group for a kernel on a GPU: what the compiled kernel allows (its registers decide: 256 for the
     * training kernel on an H200), at most 256, in whole warps of 32; 64 when the driver does not say.
     */
    static int gpuGroup(com.aparapi.Kernel kernel, OpenCLDevice target) {
        int allowed;
        try {
            allowed = kernel.getKernelMaxWorkGroupSize(target);
        } catch (com.aparapi.exception.QueryFailedException | RuntimeException e) {
            allowed = 64;
        }
        int group = Math.min(256, Math.min(allowed, localLimit(target)));
        return group >= 32 ? group / 32 * 32 : Math.max(1, group);
    }

    /** The largest local size the device takes in one dimension (PoCL: 4096). */
    static int localLimit(OpenCLDevice target) {
        return Math.max(1, Math.min(target.getMaxWorkGroupSize(), target.getMaxWorkItemSize()[0]));
    }

    @Override
    public long flops() {
        return flops;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (products != null) {
                products.dispose();
            }
            kernel.dispose();
        } finally {
            synchronized (OPEN) {
                OPEN[0]--;
                OPEN.notifyAll();
            }
        }
    }

    private boolean closed;
}
