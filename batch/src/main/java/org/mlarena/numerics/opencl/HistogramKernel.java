package org.mlarena.numerics.opencl;

import com.aparapi.Kernel;

/**
 * A node's histogram in two launches, without atomics: {@link #BUILD} gives each work-item one block of the node's rows
 * and one feature, whose bins it owns in the block's own histogram (zeroed, then summed in row order); {@link #REDUCE}
 * gives each work-item one slot, which it sums over the blocks in block order. That is the order of
 * {@code JavaTreeKernels}, so the sums are the same to the bit; Aparapi has no floating-point atomics, and atomics would
 * make the order, and so the trees, vary from run to run.
 *
 * <p>The binned rows ({@link #bins}, feature-major), the gradients and the blocks' histograms stay on the device; a
 * histogram sends the node's row numbers and reads back its sums and counts.
 */
final class HistogramKernel extends Kernel {

    static final int BUILD = 1;
    static final int REDUCE = 2;
    static final int MISSING = 255;

    /** bin codes, feature-major: feature f of row r at {@code f * rows + r} */
    byte[] bins = new byte[1];
    float[] gradient = new float[1];
    float[] hessian = new float[1];
    int[] index = new int[1];
    /** feature f's slots are {@code [offsets[f], offsets[f + 1])}, its missing bin the last */
    int[] offsets = new int[2];
    /** per block, per slot: gradients' and hessians' sums, interleaved */
    double[] partial = new double[2];
    int[] partialCount = new int[1];
    double[] sums = new double[2];
    int[] count = new int[1];

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

    @Override
    public void run() {
        int gid = getGlobalId();
        if (gid < items) {
            if (mode == BUILD) {
                build(gid / features, gid % features);
            }
            if (mode == REDUCE) {
                reduce(gid);
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
        for (int i = first; i < last; i++) {
            int row = inOrder == 1 ? i : index[i];
            int code = bins[column + row] & 0xFF;
            int slot = base + (code == MISSING ? missing : from + code);
            partial[2 * slot] += gradient[row];
            partial[2 * slot + 1] += hessian[row];
            partialCount[slot] += 1;
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
        sums[2 * s] = g;
        sums[2 * s + 1] = h;
        count[s] = c;
    }
}
