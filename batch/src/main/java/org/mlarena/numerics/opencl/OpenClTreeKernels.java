package org.mlarena.numerics.opencl;

import java.util.List;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;

import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.DeviceType;
import org.mlarena.numerics.trees.JavaTreeKernels;
import org.mlarena.numerics.trees.Tree;
import org.mlarena.numerics.trees.TreeKernels;

/**
 * {@link TreeKernels} on an OpenCL device: the histograms of large nodes and the predictions of many rows run there
 * ({@link HistogramKernel}, {@link PredictKernel}); small ones stay in Java, where they cost less than a launch (30-60
 * µs on PoCL) and the transfers. Both give the same bits, so where a node's histogram is summed does not change the
 * trees.
 *
 * <p>The binned rows, the gradients and the blocks' histograms stay on the device for the whole boosting; a node sends
 * its row numbers and reads back its histogram, a tree sends its gradients. Split finding stays on the host: it reads
 * each histogram once, in order. Every launch checks that it ran on OpenCL (a silent fall-back to Aparapi's Java thread
 * pool would misreport where the work ran).
 */
public final class OpenClTreeKernels implements TreeKernels {

    /** A node's histogram goes to the device from this many row-feature pairs (wine's root, 106 x 13, stays in Java). */
    static final long HISTOGRAM_FROM = 1L << 17;
    /** Predictions go to the device from this many row-tree pairs. */
    static final long PREDICT_FROM = 1L << 16;

    private final ComputeDevice device;
    private final OpenCLDevice target;
    private final boolean cpuShaped;
    private final long histogramFrom;
    private final long predictFrom;
    private final JavaTreeKernels java = new JavaTreeKernels();
    private final HistogramKernel histograms = new HistogramKernel();
    private final PredictKernel predictions = new PredictKernel();
    private int histogramGroup;
    private int predictGroup;
    private int features;

    public OpenClTreeKernels(ComputeDevice device) {
        this(device, HISTOGRAM_FROM, PREDICT_FROM, false);
    }

    /**
     * @param histogramFrom row-feature pairs from which a histogram runs on the device (0: every one)
     * @param predictFrom   row-tree pairs from which predictions run on the device (0: all)
     * @param gpuLaunches   launch as on a GPU (whole work-groups) even on a CPU device: the tests run the GPU path on PoCL
     */
    OpenClTreeKernels(ComputeDevice device, long histogramFrom, long predictFrom, boolean gpuLaunches) {
        this.device = device;
        this.target = OpenClDevices.find(device);
        this.cpuShaped = device.type() == DeviceType.CPU && !gpuLaunches;
        this.histogramFrom = histogramFrom;
        this.predictFrom = predictFrom;
        histograms.setExplicit(true);
        predictions.setExplicit(true);
    }

    @Override
    public String device() {
        return device.describe() + " (histograms of nodes of at least " + HISTOGRAM_FROM + " row-features; smaller ones in Java)";
    }

    @Override
    public void bins(byte[][] bins, int[] offsets) {
        java.bins(bins, offsets);
        features = bins.length;
        int rows = features == 0 ? 0 : bins[0].length;
        HistogramKernel k = histograms;
        k.bins = new byte[Math.max(1, features * rows)];
        for (int f = 0; f < features; f++) {
            System.arraycopy(bins[f], 0, k.bins, f * rows, rows);
        }
        k.offsets = offsets.clone();
        k.rows = rows;
        k.features = features;
        k.slots = offsets[features];
        int blocks = (rows + TreeKernels.blockRows(rows) - 1) / TreeKernels.blockRows(rows);
        k.partial = new double[Math.max(2, 2 * blocks * k.slots)];
        k.partialCount = new int[Math.max(1, blocks * k.slots)];
        k.sums = new double[Math.max(2, 2 * k.slots)];
        k.count = new int[Math.max(1, k.slots)];
        k.index = new int[Math.max(1, rows)];
        k.gradient = new float[Math.max(1, rows)];
        k.hessian = new float[Math.max(1, rows)];
        k.put(k.bins).put(k.offsets).put(k.partial).put(k.partialCount).put(k.sums).put(k.count).put(k.index);
    }

    @Override
    public void gradients(float[] gradient, float[] hessian) {
        java.gradients(gradient, hessian);
        System.arraycopy(gradient, 0, histograms.gradient, 0, gradient.length);
        System.arraycopy(hessian, 0, histograms.hessian, 0, hessian.length);
        histograms.put(histograms.gradient).put(histograms.hessian);
    }

    @Override
    public void histogram(int[] index, int start, int end, boolean inOrder, double[] sums, int[] count) {
        int rows = end - start;
        if ((long) rows * features < histogramFrom || features == 0) {
            java.histogram(index, start, end, inOrder, sums, count);
            return;
        }
        HistogramKernel k = histograms;
        if (!inOrder) {
            System.arraycopy(index, start, k.index, start, rows);
            k.put(k.index);
        }
        k.start = start;
        k.end = end;
        k.inOrder = inOrder ? 1 : 0;
        k.blockRows = TreeKernels.blockRows(rows);
        k.blocks = (rows + k.blockRows - 1) / k.blockRows;
        k.mode = HistogramKernel.BUILD;
        histogramGroup = launch(k, k.blocks * features, histogramGroup);
        k.mode = HistogramKernel.REDUCE;
        launch(k, k.slots, histogramGroup);
        k.get(k.sums).get(k.count);
        System.arraycopy(k.sums, 0, sums, 0, 2 * k.slots);
        System.arraycopy(k.count, 0, count, 0, k.slots);
    }

    @Override
    public long predict(List<Tree> trees, float[] x, int rows, int features, int outputs, double[] raw) {
        if ((long) rows * trees.size() < predictFrom || trees.isEmpty() || rows == 0) {
            return java.predict(trees, x, rows, features, outputs, raw);
        }
        int nodes = trees.stream().mapToInt(Tree::nodes).sum();
        PredictKernel k = predictions;
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
        predictGroup = launch(k, rows, predictGroup);
        k.get(k.raw).get(k.passed);
        long operations = 0;
        for (int passed : k.passed) {
            operations += passed;
        }
        // the next call may bring arrays of other sizes: these are not kept on the device
        k.x = new float[1];
        k.raw = new double[1];
        return operations;
    }

    /** Launches {@code items} work-items of a kernel; the work-group size it used on a GPU (asked once). */
    private int launch(Kernel kernel, int items, int gpuGroup) {
        if (kernel instanceof HistogramKernel h) {
            h.items = items;
        } else {
            ((PredictKernel) kernel).items = items;
        }
        if (!cpuShaped && gpuGroup == 0) {
            gpuGroup = OpenClBackend.gpuGroup(kernel, target);
        }
        Range range = OpenClBackend.range(target, cpuShaped, device.computeUnits(), Math.max(1, items), gpuGroup);
        kernel.execute(range);
        if (!kernel.isRunningCL()) {
            throw new IllegalStateException("the kernel fell back from " + device.describe() + " to "
                    + OpenClDevices.ranOn(kernel, device).describe() + " (see the log for Aparapi's reason)");
        }
        return gpuGroup;
    }

    @Override
    public void close() {
        histograms.dispose();
        predictions.dispose();
    }
}
