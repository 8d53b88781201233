package org.mlarena.numerics.opencl;

import java.util.ArrayDeque;
import java.util.List;

import com.aparapi.device.OpenCLDevice;

import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.DeviceType;
import org.mlarena.numerics.trees.FeatureSplits;
import org.mlarena.numerics.trees.JavaTreeKernels;
import org.mlarena.numerics.trees.Tree;
import org.mlarena.numerics.trees.TreeKernels;

/**
 * {@link TreeKernels} on an OpenCL device: the histograms of every node, their subtraction and the search of each
 * feature's best split run there ({@link HistogramKernel}; on a GPU {@link GroupHistogramKernel}, whose work-groups sum
 * the histograms through local memory), and so do the predictions of many rows
 * ({@link PredictKernel}). A small table stays in Java, where a node costs less than a launch (30-60 µs on PoCL), and so
 * does a table whose node histograms would not fit {@value #POOL_BYTES} bytes on the device. Both give the same bits,
 * so where a model was trained does not change its trees.
 *
 * <p>The binned rows, the gradients and the histograms of the nodes waiting to be split stay on the device for the whole
 * boosting; a node sends its row numbers and reads back each feature's best split (a few numbers per feature); the host
 * partitions the rows and picks the best feature. Every launch checks that it ran on OpenCL (a silent fall-back to
 * Aparapi's Java thread pool would misreport where the work ran).
 */
public final class OpenClTreeKernels implements TreeKernels {

    /** A boosting runs on the device from this many training row-features (wine's 106 x 13 stays in Java). */
    static final long DEVICE_FROM = 1L << 17;
    /** Predictions go to the device from this many row-tree pairs. */
    static final long PREDICT_FROM = 1L << 16;
    /** Slots or rows per work-item of the chunked launches on a CPU device. */
    static final int CPU_CHUNK = 256;
    /** The most the node histograms may take on the device. */
    static final long POOL_BYTES = 1L << 30;

    private final ComputeDevice device;
    private final OpenCLDevice target;
    private final boolean cpuShaped;
    private final long deviceFrom;
    private final long predictFrom;
    private final JavaTreeKernels java = new JavaTreeKernels();
    private final HistogramKernel histograms;
    private final PredictKernel predictions = new PredictKernel();
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private boolean onDevice;
    private int histogramGroup;
    private int predictGroup;
    private int features;

    public OpenClTreeKernels(ComputeDevice device) {
        this(device, DEVICE_FROM, PREDICT_FROM, false);
    }

    /**
     * @param deviceFrom  training row-features from which a boosting runs on the device (0: every one)
     * @param predictFrom row-tree pairs from which predictions run on the device (0: all)
     * @param gpuLaunches launch as on a GPU (whole work-groups) even on a CPU device: the tests run the GPU path on PoCL
     */
    OpenClTreeKernels(ComputeDevice device, long deviceFrom, long predictFrom, boolean gpuLaunches) {
        this.device = device;
        this.target = OpenClDevices.find(device);
        this.cpuShaped = device.type() == DeviceType.CPU && !gpuLaunches;
        this.histograms = cpuShaped ? new HistogramKernel() : new GroupHistogramKernel();
        this.deviceFrom = deviceFrom;
        this.predictFrom = predictFrom;
        histograms.setExplicit(true);
        predictions.setExplicit(true);
    }

    @Override
    public String device() {
        return device.describe() + " (trees of tables from " + DEVICE_FROM + " row-features; smaller ones in Java)";
    }

    @Override
    public void bins(byte[][] bins, int[] offsets, int maxLeaves) {
        java.bins(bins, offsets, maxLeaves);
        features = bins.length;
        int rows = features == 0 ? 0 : bins[0].length;
        int slots = offsets[features];
        int handles = maxLeaves + 2;
        onDevice = features > 0 && (long) rows * features >= deviceFrom && 20L * handles * slots <= POOL_BYTES;
        if (!onDevice) {
            return;
        }
        HistogramKernel k = histograms;
        k.bins = new byte[features * rows];
        for (int f = 0; f < features; f++) {
            System.arraycopy(bins[f], 0, k.bins, f * rows, rows);
        }
        k.offsets = offsets.clone();
        k.rows = rows;
        k.features = features;
        k.slots = slots;
        int blocks = (rows + TreeKernels.blockRows(rows) - 1) / TreeKernels.blockRows(rows);
        // the device's own state: Aparapi must never see these arrays move (see UnmovableArrays)
        k.partial = UnmovableArrays.doubles(2 * blocks * slots);
        k.partialCount = UnmovableArrays.ints(blocks * slots);
        k.pool = UnmovableArrays.doubles(2 * handles * slots);
        k.poolCount = UnmovableArrays.ints(handles * slots);
        // written by the kernel for every feature it reports, read back at once
        k.splitNumbers = new double[3 * features];
        k.splitCounts = new int[5 * features];
        k.index = new int[Math.max(1, rows)];
        k.gradient = new float[Math.max(1, rows)];
        k.hessian = new float[Math.max(1, rows)];
        k.orderedGradient = UnmovableArrays.floats(rows);
        k.orderedHessian = UnmovableArrays.floats(rows);
        k.minHessian = TreeKernels.MIN_HESSIAN;
        k.put(k.bins).put(k.offsets).put(k.partial).put(k.partialCount).put(k.pool).put(k.poolCount).put(k.splitNumbers).put(k.splitCounts)
                .put(k.index).put(k.orderedGradient).put(k.orderedHessian);
        free.clear();
        for (int h = handles - 1; h >= 0; h--) {
            free.push(h);
        }
    }

    @Override
    public void gradients(float[] gradient, float[] hessian) {
        java.gradients(gradient, hessian);
        if (onDevice) {
            System.arraycopy(gradient, 0, histograms.gradient, 0, gradient.length);
            System.arraycopy(hessian, 0, histograms.hessian, 0, hessian.length);
            histograms.put(histograms.gradient).put(histograms.hessian);
        }
    }

    @Override
    public int histogram(int[] index, int start, int end, boolean inOrder) {
        if (!onDevice) {
            return java.histogram(index, start, end, inOrder);
        }
        Integer handle = free.poll();
        if (handle == null) {
            throw new IllegalStateException("more node histograms at once than the tree's leaves allow");
        }
        HistogramKernel k = histograms;
        int rows = end - start;
        if (!inOrder) {
            System.arraycopy(index, start, k.index, start, rows);
            k.put(k.index);
        }
        k.start = start;
        k.end = end;
        k.inOrder = inOrder ? 1 : 0;
        k.blockRows = TreeKernels.blockRows(rows);
        k.blocks = (rows + k.blockRows - 1) / k.blockRows;
        k.target = handle;
        if (!inOrder) {
            k.mode = HistogramKernel.GATHER;
            launchChunked(k, rows);
        }
        if (cpuShaped) {
            k.mode = HistogramKernel.BUILD;
            launch(k, k.blocks * features);
        } else {
            k.mode = GroupHistogramKernel.GROUP_BUILD;
            launch(k, k.blocks * features * group(k));
        }
        k.mode = HistogramKernel.REDUCE;
        launchChunked(k, k.slots);
        return handle;
    }

    @Override
    public void subtract(int parent, int child) {
        if (!onDevice) {
            java.subtract(parent, child);
            return;
        }
        HistogramKernel k = histograms;
        k.target = parent;
        k.other = child;
        k.mode = HistogramKernel.SUBTRACT;
        launchChunked(k, k.slots);
    }

    @Override
    public void release(int histogram) {
        if (onDevice) {
            free.push(histogram);
        } else {
            java.release(histogram);
        }
    }

    @Override
    public void bestSplits(int histogram, int rows, double sumGradient, double sumHessian, double parent, double lambda, int minRows,
                           FeatureSplits out) {
        if (!onDevice) {
            java.bestSplits(histogram, rows, sumGradient, sumHessian, parent, lambda, minRows, out);
            return;
        }
        HistogramKernel k = histograms;
        k.target = histogram;
        k.nodeRows = rows;
        k.sumGradient = sumGradient;
        k.sumHessian = sumHessian;
        k.parent = parent;
        k.lambda = lambda;
        k.minRows = minRows;
        k.mode = HistogramKernel.SPLIT;
        launch(k, features);
        k.get(k.splitNumbers).get(k.splitCounts);
        for (int f = 0; f < features; f++) {
            out.found[f] = k.splitCounts[5 * f];
            out.bin[f] = k.splitCounts[5 * f + 1];
            out.missingLeft[f] = k.splitCounts[5 * f + 2];
            out.leftRows[f] = k.splitCounts[5 * f + 3];
            out.evaluated[f] = k.splitCounts[5 * f + 4];
            out.gain[f] = k.splitNumbers[3 * f];
            out.leftGradient[f] = k.splitNumbers[3 * f + 1];
            out.leftHessian[f] = k.splitNumbers[3 * f + 2];
        }
    }

    @Override
    public long predict(List<Tree> trees, float[] x, int rows, int features, int outputs, double[] raw) {
        if ((long) rows * trees.size() < predictFrom || trees.isEmpty() || rows == 0) {
            return java.predict(trees, x, rows, features, outputs, raw);
        }
        int nodes = trees.stream().mapToInt(Tree::nodes).sum();
        PredictKernel k = predictions;
        // every array is sent with this launch: one that moves is sent again as it is, which is what the launch needs
        k.feature = new int[nodes];
        k.threshold = new float[nodes];
        k.missingLeft = new int[nodes];
        k.left = new int[nodes];
        k.right = new int[nodes];
        k.value = new double[nodes];
        k.roots = new int[trees.size()];
        int at = 0;
        for (int t = 0; t < trees.size(); t++) {
            Tree tree = trees.get(t);
            k.roots[t] = at;
            for (int n = 0; n < tree.nodes(); n++) {
                k.feature[at + n] = tree.feature()[n];
                k.threshold[at + n] = tree.threshold()[n];
                k.missingLeft[at + n] = tree.missingLeft()[n] ? 1 : 0;
                k.left[at + n] = tree.left()[n] < 0 ? -1 : at + tree.left()[n];
                k.right[at + n] = tree.right()[n] < 0 ? -1 : at + tree.right()[n];
                k.value[at + n] = tree.value()[n];
            }
            at += tree.nodes();
        }
        k.x = x;
        k.raw = raw;
        k.passed = new int[rows];
        k.features = features;
        k.outputs = outputs;
        k.trees = trees.size();
        k.put(k.x).put(k.feature).put(k.threshold).put(k.missingLeft).put(k.left).put(k.right).put(k.value).put(k.roots).put(k.raw)
                .put(k.passed);
        k.items = rows;
        if (!cpuShaped && predictGroup == 0) {
            predictGroup = OpenClBackend.gpuGroup(k, target);
        }
        OpenClBackend.execute(k, device, target, cpuShaped, rows, predictGroup);
        k.get(k.raw).get(k.passed);
        long operations = 0;
        for (int r = 0; r < rows; r++) {
            operations += k.passed[r];
        }
        // the caller's arrays are not kept on the device
        k.x = new float[1];
        k.raw = new double[1];
        return operations;
    }

    /**
     * Launches work over {@code count} slots or rows: one per work-item on a GPU, {@value #CPU_CHUNK} per work-item on a
     * CPU, where PoCL runs a work-item's loop faster than as many work-items (REDUCE and SUBTRACT took 3.2 s of a
     * 12 s fit of Fashion-MNIST one slot per work-item).
     */
    private void launchChunked(HistogramKernel kernel, int count) {
        kernel.chunk = cpuShaped ? CPU_CHUNK : 1;
        launch(kernel, (count + kernel.chunk - 1) / kernel.chunk);
    }

    private void launch(HistogramKernel kernel, int items) {
        kernel.items = items;
        OpenClBackend.execute(kernel, device, target, cpuShaped, items, cpuShaped ? 0 : group(kernel));
    }

    /** The work-group of a GPU launch: what the compiled kernel allows, up to 256 (one work-item per bin). */
    private int group(HistogramKernel kernel) {
        if (histogramGroup == 0) {
            histogramGroup = OpenClBackend.gpuGroup(kernel, target);
        }
        return histogramGroup;
    }

    /** Launches as on a GPU in work-groups of {@code group} work-items (a test of groups smaller than a feature's bins). */
    OpenClTreeKernels inGroupsOf(int group) {
        histogramGroup = group;
        return this;
    }

    @Override
    public void close() {
        histograms.dispose();
        predictions.dispose();
    }
}
