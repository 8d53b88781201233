package org.mlarena.numerics.opencl;

/**
 * {@link HistogramKernel} for a GPU, where {@link #GROUP_BUILD} replaces BUILD: a work-group takes a block of a node's
 * rows and one feature, stages the block's bin codes, gradients and hessians in local memory a tile at a time (each read
 * once from global memory, side by side), and each of its work-items owns some of the feature's bins and sums the tile's
 * rows that fall in them, in row order: the same additions in the same order as BUILD, so the same bits, without atomics
 * (LightGBM's GPU learner and XGBoost's {@code gpu_hist} add into local histograms atomically, whose order, and so whose
 * floating-point sums, vary from run to run). Every work-item reads every staged row, which a GPU's local memory
 * broadcasts to a warp at once. A class of its own because a barrier in the kernel changes how PoCL compiles every mode
 * of it: the CPU's launches stay as they were.
 */
final class GroupHistogramKernel extends HistogramKernel {

    static final int GROUP_BUILD = 6;
    /** the rows a work-group stages in local memory at a time (12 KiB of it) */
    static final int TILE = 1024;

    @Local int[] tileCodes = new int[TILE];
    @Local float[] tileGradient = new float[TILE];
    @Local float[] tileHessian = new float[TILE];

    @Override
    public void run() {
        if (mode == GROUP_BUILD) {
            groupBuild(getGroupId() / features, getGroupId() % features);
        } else {
            step(getGlobalId());
        }
    }

    /**
     * Work-item {@code l} of {@code n} owns the bins l, l + n, ... of feature {@code f} (the missing values' bin last),
     * so each bin's sums run over the block's rows in row order, tile after tile.
     */
    private void groupBuild(int block, int f) {
        int item = getLocalId();
        int size = getLocalSize();
        int from = offsets[f];
        int present = offsets[f + 1] - from - 1;
        int base = block * slots + from;
        for (int s = item; s <= present; s += size) {
            partial[2 * (base + s)] = 0;
            partial[2 * (base + s) + 1] = 0;
            partialCount[base + s] = 0;
        }
        int first = start + block * blockRows;
        int last = min(end, first + blockRows);
        int column = f * rows;
        for (int tile = first; tile < last; tile += TILE) {
            int n = min(TILE, last - tile);
            for (int i = item; i < n; i += size) {
                if (inOrder == 1) {
                    tileCodes[i] = bins[column + tile + i] & 0xFF;
                    tileGradient[i] = gradient[tile + i];
                    tileHessian[i] = hessian[tile + i];
                }
                if (inOrder == 0) {
                    tileCodes[i] = bins[column + index[tile + i]] & 0xFF;
                    tileGradient[i] = orderedGradient[tile + i];
                    tileHessian[i] = orderedHessian[tile + i];
                }
            }
            localBarrier();
            for (int s = item; s <= present; s += size) {
                int code = s == present ? MISSING : s;
                int slot = base + s;
                double g = partial[2 * slot];
                double h = partial[2 * slot + 1];
                int c = partialCount[slot];
                for (int i = 0; i < n; i++) {
                    if (tileCodes[i] == code) {
                        g += tileGradient[i];
                        h += tileHessian[i];
                        c++;
                    }
                }
                partial[2 * slot] = g;
                partial[2 * slot + 1] = h;
                partialCount[slot] = c;
            }
            // the next tile overwrites the staged rows only once every work-item has read them
            localBarrier();
        }
    }

}
