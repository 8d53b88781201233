package org.mlarena.numerics.opencl;

import com.aparapi.Kernel;

/**
 * The histogram work of growing a tree, on the device, without atomics. {@link #BUILD} gives each work-item one block of
 * a node's rows and one feature, whose bins it owns in the block's own histogram (zeroed, then summed in row order; on a
 * GPU, {@link GroupHistogramKernel} gives them to a work-group); {@link #GATHER} first copies the gradients of a node's
 * rows into the node's order (the root's are in order already); {@link #REDUCE} gives each work-item one slot (several on a CPU), which it sums over the blocks in block order into the node's histogram
 * in the pool; {@link #SUBTRACT} takes a child's histogram from its parent's, slot by slot (the other child's); and
 * {@link #SPLIT} gives each work-item one feature, whose best split of the node it finds by scanning its bins. Each does
 * the additions, subtractions and divisions of {@code JavaTreeKernels} in the same order, so the results are the same to
 * the bit; Aparapi has no floating-point atomics, and atomics would make the order, and so the trees, vary from run to
 * run.
 *
 * <p>Everything stays on the device for the whole boosting (binned rows, gradients, the histograms of the nodes waiting to
 * be split); a node sends its row numbers and reads back each feature's best split. Loops avoid {@code break} and
 * {@code continue}, which Aparapi's bytecode translator handles poorly.
 */
class HistogramKernel extends Kernel {

    static final int BUILD = 1;
    static final int REDUCE = 2;
    static final int SUBTRACT = 3;
    static final int SPLIT = 4;
    static final int GATHER = 5;
    static final int MISSING = 255;

    /** bin codes, feature-major: feature f of row r at {@code f * rows + r} */
    byte[] bins = new byte[1];
    float[] gradient = new float[1];
    float[] hessian = new float[1];
    /** the node's rows' gradients and hessians in the node's order (GATHER), so that BUILD reads them in order */
    float[] orderedGradient = new float[1];
    float[] orderedHessian = new float[1];
    int[] index = new int[1];
    /** feature f's slots are {@code [offsets[f], offsets[f + 1])}, its missing bin the last */
    int[] offsets = new int[2];
    /** per block, per slot: gradients' and hessians' sums, interleaved */
    double[] partial = new double[2];
    int[] partialCount = new int[1];
    /** the pool of node histograms: handle h's slot s at {@code h * slots + s} (sums interleaved as in partial) */
    double[] pool = new double[2];
    int[] poolCount = new int[1];
    /** each feature's best split of the node (see FeatureSplits): gain, left gradient, left hessian */
    double[] splitNumbers = new double[3];
    /** and: found, bin, missing left, left rows, splits evaluated */
    int[] splitCounts = new int[5];

    int mode;
    /** the launch's work-items; a GPU launch is rounded up to whole work-groups, and the work-items past it do nothing */
    int items;
    int rows;
    int features;
    int slots;
    int start;
    int end;
    int blockRows;
    int blocks;
    /** 1 when the node's rows are start..end-1 themselves (the root): {@link #index} is not read */
    int inOrder;
    /** the histogram REDUCE writes and SPLIT reads; the one SUBTRACT changes */
    int target;
    /** the histogram SUBTRACT takes away */
    int other;
    /** REDUCE, SUBTRACT, GATHER: slots or rows per work-item (several on a CPU, where a work-item's loop costs less than a work-item) */
    int chunk = 1;
    /** SPLIT: the node's rows, sums, own gain term and the regularisation and limits */
    int nodeRows;
    double sumGradient;
    double sumHessian;
    double parent;
    double lambda;
    int minRows;
    double minHessian;

    @Override
    public void run() {
        step(getGlobalId());
    }

    /** Every mode but the GPU's build, for work-item {@code gid}. */
    void step(int gid) {
        if (gid < items) {
            if (mode == BUILD) {
                build(gid / features, gid % features);
            }
            if (mode == REDUCE) {
                for (int s = gid * chunk; s < min(slots, gid * chunk + chunk); s++) {
                    reduce(s);
                }
            }
            if (mode == SUBTRACT) {
                for (int s = gid * chunk; s < min(slots, gid * chunk + chunk); s++) {
                    subtract(s);
                }
            }
            if (mode == GATHER) {
                for (int i = start + gid * chunk; i < min(end, start + gid * chunk + chunk); i++) {
                    orderedGradient[i] = gradient[index[i]];
                    orderedHessian[i] = hessian[index[i]];
                }
            }
            if (mode == SPLIT) {
                split(gid);
            }
        }
    }

    private void build(int block, int f) {
        int from = offsets[f];
        int to = offsets[f + 1];
        int base = block * slots;
        for (int s = from; s < to; s++) {
            partial[2 * (base + s)] = 0;
            partial[2 * (base + s) + 1] = 0;
            partialCount[base + s] = 0;
        }
        int missing = to - 1;
        int first = start + block * blockRows;
        int last = min(end, first + blockRows);
        int column = f * rows;
        if (inOrder == 1) {
            for (int i = first; i < last; i++) {
                int code = bins[column + i] & 0xFF;
                int slot = base + (code == MISSING ? missing : from + code);
                partial[2 * slot] += gradient[i];
                partial[2 * slot + 1] += hessian[i];
                partialCount[slot] += 1;
            }
        }
        if (inOrder == 0) {
            for (int i = first; i < last; i++) {
                int code = bins[column + index[i]] & 0xFF;
                int slot = base + (code == MISSING ? missing : from + code);
                partial[2 * slot] += orderedGradient[i];
                partial[2 * slot + 1] += orderedHessian[i];
                partialCount[slot] += 1;
            }
        }
    }

    private void reduce(int s) {
        double g = partial[2 * s];
        double h = partial[2 * s + 1];
        int c = partialCount[s];
        for (int b = 1; b < blocks; b++) {
            int p = b * slots + s;
            g += partial[2 * p];
            h += partial[2 * p + 1];
            c += partialCount[p];
        }
        int t = target * slots + s;
        pool[2 * t] = g;
        pool[2 * t + 1] = h;
        poolCount[t] = c;
    }

    private void subtract(int s) {
        int t = target * slots + s;
        int o = other * slots + s;
        pool[2 * t] -= pool[2 * o];
        pool[2 * t + 1] -= pool[2 * o + 1];
        poolCount[t] -= poolCount[o];
    }

    private void split(int f) {
        int base = target * slots + offsets[f];
        int present = offsets[f + 1] - offsets[f] - 1;
        int missingRows = poolCount[base + present];
        double missingGradient = pool[2 * (base + present)];
        double missingHessian = pool[2 * (base + present) + 1];
        int isFound = 0;
        int count = 0;
        double best = 0;
        int passes = missingRows > 0 ? 2 : 1;
        for (int pass = 0; pass < passes; pass++) {
            double gl = pass == 1 ? missingGradient : 0;
            double hl = pass == 1 ? missingHessian : 0;
            int nl = pass == 1 ? missingRows : 0;
            int lastBin = pass == 1 ? present - 1 : present - (missingRows > 0 ? 0 : 1);
            int stop = 0;
            for (int b = 0; b < lastBin && stop == 0; b++) {
                gl += pool[2 * (base + b)];
                hl += pool[2 * (base + b) + 1];
                nl += poolCount[base + b];
                int nr = nodeRows - nl;
                if (nl >= minRows) {
                    if (nr < minRows) {
                        stop = 1;
                    }
                    if (nr >= minRows) {
                        double hr = sumHessian - hl;
                        if (hl >= minHessian && hr >= minHessian) {
                            double gr = sumGradient - gl;
                            double g = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent;
                            count++;
                            if (g > 0 && (isFound == 0 || g > best)) {
                                isFound = 1;
                                best = g;
                                splitNumbers[3 * f] = g;
                                splitNumbers[3 * f + 1] = gl;
                                splitNumbers[3 * f + 2] = hl;
                                splitCounts[5 * f + 1] = b;
                                splitCounts[5 * f + 2] = missingRows > 0 ? pass : (nl >= nr ? 1 : 0);
                                splitCounts[5 * f + 3] = nl;
                            }
                        }
                    }
                }
            }
        }
        splitCounts[5 * f] = isFound;
        splitCounts[5 * f + 4] = count;
    }
}
