package org.mlarena.numerics.opencl;

import com.aparapi.Kernel;

/**
 * Every training and inference kernel as one Aparapi kernel class, selected by {@link #mode}: its few
 * array fields are the flat resident memory and the staged batch, so they stay on the device between
 * launches (Aparapi keeps one device buffer per field of one kernel instance). Offsets and sizes are
 * scalar fields set before each launch.
 *
 * <p>Work decomposition: {@link #perRow} = 1 gives one work-item per output row with the inner loops in
 * the kernel (fast on CPU devices); 0 gives one work-item per output element (GPU shape). Element-wise
 * modes process {@link #chunk} consecutive elements per work-item.
 *
 * <p>Written for Aparapi's bytecode translator: no else-chains (it failed on them with "child list
 * broken"), flags as 0/1 numbers used arithmetically, matrix transposition as strides set by the host.
 */
final class ArenaKernel extends Kernel {

    // element-wise modes are below 10
    static final int COPY = 1;
    static final int ADD_BIAS = 2;
    static final int RELU_BACKWARD = 3;
    static final int ADAM = 4;
    static final int SGD = 5;
    static final int DROPOUT = 6;
    static final int MULTIPLY = 7;
    static final int ACTIVATION = 8;
    static final int ACTIVATION_GRADIENT = 9;
    static final int MATMUL = 10;
    static final int BIAS_GRADIENT = 11;
    static final int SOFTMAX_CE = 12;
    static final int MSE = 13;
    static final int PACK = 14;
    static final int CONV = 20;
    static final int CONV_WEIGHT_GRADIENT = 21;
    static final int CONV_INPUT_GRADIENT = 22;
    static final int POOL = 23;
    static final int POOL_GRADIENT = 24;
    static final int AVG_POOL = 25;
    static final int AVG_POOL_GRADIENT = 26;
    static final int GROUP_MEAN = 27;
    static final int GROUP_MEAN_GRADIENT = 28;
    static final int BATCH_NORM = 15;
    static final int BATCH_NORM_GRADIENT = 16;
    // more modes that are not element-wise, from 40 on
    static final int ADD_BIAS_PLANES = 40;
    static final int EMBEDDING_IDS = 43;
    static final int EMBEDDING_BAG = 44;
    static final int EMBEDDING_GRADIENT = 45;
    static final int EMBEDDING_STEP = 46;
    static final int AUGMENT = 47;
    static final int CONV_IMAGE = 49;
    static final int CONV_WEIGHT_IMAGE = 50;
    static final int CONV_WEIGHT_SUM = 51;
    static final int CONV_INPUT_IMAGE = 52;
    /** a gradient no real gradient takes: marks a table value an embedding step has stepped (JavaBackend.STEPPED) */
    static final float STEPPED = -Float.MAX_VALUE;
    // element-wise modes from 30 on
    static final int ADD = 30;
    static final int MEM_COPY = 31;
    static final int VIEW = 32;

    float[] mem = new float[1];
    float[] batch = new float[1];
    int[] labels = new int[1];
    float[] targets = new float[1];
    float[] out = new float[2];
    /** values of the resident memory copied out to be read without downloading all of it (a batch's outputs) */
    float[] view = new float[1];
    /** B copied with a row stride that keeps its rows in different cache sets (see {@link #packed}) */
    float[] wide = new float[1];

    int mode;
    /** the launch's work-items; a GPU launch is rounded up to whole work-groups, and the work-items past it do nothing */
    int items;
    /** matrix work shape: 0 one element per work-item, 1 one row, 2 one 4x8 register tile, 3 a block of four rows */
    int perRow;
    int chunk = 1;
    int count;
    int m;
    int n;
    int k;
    int a;
    int b;
    int c;
    /** a fourth offset (Adam's second moment) */
    int d;
    /** strides of op(A) (m x k) and op(B) (k x n): element (i, p) of A is mem[a + i * aRow + p * aCol] */
    int aRow;
    int aCol;
    int bRow;
    int bCol;
    /** 1 to add to C, 0 to overwrite it */
    float accumulate;
    /** ROW_BLOCK shape: where the 4-row path reads B: 0 rows in mem, 1 rows in {@link #wide}, 2 in mem with a column stride */
    int packed;
    /** row stride of the copy of B in {@link #wide} */
    int wideRow = 1;
    /** ROW_BLOCK shape: offset of a bias to add to each row of C (dense layer forward), -1 for none */
    int bias = -1;
    /** ROW_BLOCK shape: 1 to copy the work-item's rows of A from the staged batch first */
    int stage;
    /** ROW_BLOCK shape: offset of activations (laid out as C) where C is zeroed unless positive, -1 for none */
    int mask = -1;
    /** ROW_BLOCK shape: offset for the softmax cross-entropy gradient of the rows of C (logits), -1 for none */
    int lossGrad = -1;
    /**
     * ROW_BLOCK shape: 0, or the optimiser (1 Adam, 2 SGD) to step in the same launch once the gradients are complete:
     * those this product writes by the work-item that writes them, parameters [restFrom, restTo) by work-items of their
     * own, {@link #restChunk} each. Only for a product whose C and column sums are gradients (of the network's first
     * layer, whose gradients come last).
     */
    int optimiser;
    /** the network's parameter count P (the optimiser's memory layout) */
    int parameters;
    int restFrom;
    int restTo;
    int restChunk = 1;
    /** ROW_BLOCK shape: offset where the column sums of op(B) go (dense layer bias gradient), -1 for none */
    int sums = -1;
    /** 1 to apply ReLU after the bias, 0 not to */
    float relu;
    float lr;
    float beta1;
    float beta2;
    float eps;
    float wd;
    float c1;
    float c2;
    float momentum;
    /** bias layout: values per (row, column) pair; H*W for convolutions, 1 for dense layers */
    int spatial = 1;
    /** convolution and pooling shape: batch, channels, height, width, filters, kernel, padding, output size, pool size */
    int nb;
    int ch;
    int hh;
    int ww;
    int fl;
    int ks;
    int pad;
    int oh;
    int ow;
    int ps;
    /** convolution stride */
    int st = 1;
    /** convolutions as products: the first image of the chunk whose columns {@link #wide} holds */
    int img0;
    /** convolutions as products: where in {@link #wide} the rows beside the chunk's columns start (its images' dy or dW rows) */
    int besideColumns;
    /** activation: the ordinal of ActivationFunction */
    int act;
    /** batch normalisation: 1 training, 0 predicting; where the batch's statistics are; where the gradient of gamma goes (-1 none) */
    int training;
    int statistics;
    int paramGradient = -1;
    /** dropout: the rate, 1 / (1 - rate), and the seed of the hash */
    float rate;
    float scale;
    int seed;
    /** embedding bag: the input's width (the table's rows), the table's columns, the most ids a row keeps, where the ids are */
    int vocabulary;
    int dimension;
    int entries;
    int ids;
    /** augmentation: 1 to flip images (with probability one half), 0 not to; the most shift is {@link #pad} */
    int flip;

    @Override
    public void run() {
        int gid = getGlobalId();
        if (gid < items) {
            work(gid);
        }
    }

    private void work(int gid) {
        if (mode < 10 || mode >= 30 && mode < 40) {
            elementwise(gid * chunk, min(gid * chunk + chunk, count));
        }
        if (mode == MATMUL) {
            if (perRow == 1) {
                matmulRow(gid);
            }
            if (perRow == 0) {
                matmulElement(gid);
            }
            if (perRow == 2) {
                matmulTile(gid);
            }
            if (perRow == 3) {
                matmulBlock(gid);
            }
        }
        if (mode == BIAS_GRADIENT) {
            float sum = 0f;
            for (int i = 0; i < m; i++) {
                int base = a + (i * n + gid) * spatial;
                for (int q = 0; q < spatial; q++) {
                    sum += mem[base + q];
                }
            }
            mem[b + gid] = sum;
        }
        if (mode == PACK) {
            int from = b + gid * bRow;
            int to = gid * wideRow;
            for (int j = 0; j < n; j++) {
                wide[to + j] = mem[from + j * bCol];
            }
        }
        if (mode == CONV) {
            if (st == 1) {
                convRow(gid);
            }
            if (st > 1) {
                convRowStrided(gid);
            }
        }
        if (mode == CONV_WEIGHT_GRADIENT) {
            if (st == 1) {
                convWeight(gid);
            }
            if (st > 1) {
                convWeightStrided(gid);
            }
        }
        if (mode == CONV_INPUT_GRADIENT) {
            if (st == 1) {
                convInputRow(gid);
            }
            if (st > 1) {
                convInputRowStrided(gid);
            }
        }
        if (mode == CONV_IMAGE) {
            // one image of the chunk: its columns, then every block of four filters while the columns are in the cache
            int rows = ch * ks * ks;
            for (int r = 0; r < rows; r++) {
                im2col(gid, r);
            }
            for (int f = 0; f < fl; f += 4) {
                convProduct(gid, f);
            }
        }
        if (mode == CONV_INPUT_IMAGE) {
            // one image of the chunk: its dy rows beside, its column gradient from them, then its rows of dx, all in the cache
            int positions = oh * ow;
            int depth = ch * ks * ks;
            int dyFrom = besideColumns + gid * fl * positions;
            int from = a + (img0 + gid) * fl * positions;
            for (int j = 0; j < fl * positions; j++) {
                wide[dyFrom + j] = mem[from + j];
            }
            int out = gid * depth * positions;
            for (int r = 0; r < depth; r += 4) {
                inputRows(r, out, dyFrom, positions);
            }
            for (int row = 0; row < ch * hh; row++) {
                col2im(gid, row / hh, row % hh, out, positions);
            }
        }
        if (mode == CONV_WEIGHT_IMAGE) {
            // one image of the chunk: its transposed columns, then its own weight gradient from them while they are in the cache
            for (int oy = 0; oy < oh; oy++) {
                im2colTransposed(gid, oy);
            }
            convWeightImage(gid);
        }
        if (mode == CONV_WEIGHT_SUM) {
            convWeightSum(gid);
        }
        if (mode == ADD_BIAS_PLANES) {
            // one plane (row, channel) of a convolution's output: its channel's bias on every position, ReLU if asked
            int plane = a + gid * spatial;
            float bv = mem[b + gid % n];
            for (int q = 0; q < spatial; q++) {
                float v = mem[plane + q] + bv;
                mem[plane + q] = v - relu * min(v, 0f);
            }
        }
        if (mode == AVG_POOL) {
            avgPool(gid);
        }
        if (mode == AVG_POOL_GRADIENT) {
            avgPoolGradient(gid);
        }
        if (mode == GROUP_MEAN) {
            float sum = 0f;
            for (int q = 0; q < spatial; q++) {
                sum += mem[a + gid * spatial + q];
            }
            mem[b + gid] = sum * (1f / spatial);
        }
        if (mode == GROUP_MEAN_GRADIENT) {
            float v = mem[a + gid] * (1f / spatial);
            for (int q = 0; q < spatial; q++) {
                mem[b + gid * spatial + q] = v;
            }
        }
        if (mode == BATCH_NORM) {
            batchNorm(gid);
        }
        if (mode == BATCH_NORM_GRADIENT) {
            batchNormGradient(gid);
        }
        if (mode == POOL) {
            pool(gid);
        }
        if (mode == POOL_GRADIENT) {
            poolGradient(gid);
        }
        if (mode == AUGMENT) {
            augment(gid);
        }
        if (mode == EMBEDDING_IDS) {
            embeddingIds(gid);
        }
        if (mode == EMBEDDING_BAG) {
            embeddingBag(gid);
        }
        if (mode == EMBEDDING_GRADIENT) {
            embeddingGradient(gid);
        }
        if (mode == EMBEDDING_STEP) {
            embeddingStep(gid);
            embeddingStepDone(gid);
        }
        if (mode == SOFTMAX_CE) {
            softmaxCrossEntropyRow(gid, a, b);
        }
        if (mode == MSE) {
            mseRow(gid);
        }
    }

    /**
     * Elements [start, end) of an element-wise mode. Each mode has its own loop with nothing but its arithmetic
     * inside (the mode is tested once, outside), so the device compiler can vectorise it: with the test inside one
     * shared loop, Adam over 203,530 parameters took 1.4 ms per launch on PoCL.
     */
    private void elementwise(int start, int end) {
        if (mode == COPY) {
            for (int e = start; e < end; e++) {
                mem[c + e] = batch[e];
            }
        }
        if (mode == ADD_BIAS) {
            for (int e = start; e < end; e++) {
                float v = mem[a + e] + mem[b + (e / spatial) % n];
                mem[a + e] = v - relu * min(v, 0f);
            }
        }
        if (mode == RELU_BACKWARD) {
            // both values read, then a select: a conditional store or load keeps PoCL from vectorising the loop
            for (int e = start; e < end; e++) {
                float y = mem[a + e];
                float g = mem[b + e];
                mem[b + e] = y <= 0f ? 0f : g;
            }
        }
        if (mode == ADAM) {
            adam(a + start, b + start, c + start, d + start, end - start);
        }
        if (mode == DROPOUT) {
            for (int e = start; e < end; e++) {
                float u = uniform(e);
                float factor = 0f;
                if (u >= rate) {
                    factor = scale;
                }
                mem[b + e] = factor;
                mem[a + e] = mem[a + e] * factor;
            }
        }
        if (mode == MULTIPLY) {
            for (int e = start; e < end; e++) {
                mem[a + e] = mem[a + e] * mem[b + e];
            }
        }
        if (mode == SGD) {
            sgd(a + start, b + start, c + start, end - start);
        }
        // ReLU, the common case, in loops of its own: with every function's branches in the loop PoCL left it scalar
        if (mode == ACTIVATION && act == 0) {
            for (int e = start; e < end; e++) {
                mem[b + e] = max(0f, mem[a + e]);
            }
        }
        if (mode == ACTIVATION && act != 0) {
            for (int e = start; e < end; e++) {
                mem[b + e] = activate(mem[a + e]);
            }
        }
        if (mode == ACTIVATION_GRADIENT && act == 0) {
            for (int e = start; e < end; e++) {
                float x = mem[a + e];
                float g = mem[c + e];
                mem[d + e] = x > 0f ? g : 0f;
            }
        }
        if (mode == ACTIVATION_GRADIENT && act != 0) {
            for (int e = start; e < end; e++) {
                mem[d + e] = activationGradient(mem[a + e], mem[b + e], mem[c + e]);
            }
        }
        if (mode == ADD) {
            for (int e = start; e < end; e++) {
                mem[c + e] = mem[a + e] + mem[b + e];
            }
        }
        if (mode == MEM_COPY) {
            for (int e = start; e < end; e++) {
                mem[b + e] = mem[a + e];
            }
        }
        if (mode == VIEW) {
            for (int e = start; e < end; e++) {
                view[e] = mem[a + e];
            }
        }
    }

    /** Flops.dropoutUniform(seed, e): the same hash. */
    private float uniform(int e) {
        int h = seed ^ (e * 0x9E3779B9);
        h ^= (h >> 16) & 0xFFFF;
        h *= 0x85EBCA6B;
        h ^= (h >> 13) & 0x7FFFF;
        h *= 0xC2B2AE35;
        h ^= (h >> 16) & 0xFFFF;
        return ((h >> 8) & 0xFFFFFF) * (1f / 16777216f);
    }

    /**
     * Image row gid (image, channel, row) of the staged batch shifted and flipped into {@link #c}: the draws of
     * Backend.augment ({@link #pad} the most shift, {@link #flip}).
     */
    private void augment(int gid) {
        int i = gid % hh;
        int plane = gid / hh;
        int r = plane / ch;
        int dy = (int) (uniform(3 * r) * (2 * pad + 1)) - pad;
        int dx = (int) (uniform(3 * r + 1) * (2 * pad + 1)) - pad;
        int mirror = 0;
        if (flip == 1 && uniform(3 * r + 2) >= 0.5f) {
            mirror = 1;
        }
        int si = i + dy;
        int to = c + plane * hh * ww + i * ww;
        for (int j = 0; j < ww; j++) {
            int sj = j + dx + mirror * (ww - 1 - 2 * j);
            float v = 0f;
            if (si >= 0 && si < hh && sj >= 0 && sj < ww) {
                v = batch[plane * hh * ww + si * ww + sj];
            }
            mem[to + j] = v;
        }
    }

    /** Row gid of the input at {@link #a}: the count and the first {@link #entries} ids of its nonzero values, at {@link #ids}. */
    private void embeddingIds(int gid) {
        int row = a + gid * vocabulary;
        int list = ids + gid * (entries + 1);
        int found = 0;
        for (int j = 0; j < vocabulary; j++) {
            if (found < entries && mem[row + j] != 0f) {
                mem[list + 1 + found] = j;
                found++;
            }
        }
        mem[list] = found;
    }

    /** Output (row, column) of gid: the bias plus the weighted sum of the table's column over the row's ids. */
    private void embeddingBag(int gid) {
        int r = gid / dimension;
        int col = gid - r * dimension;
        int row = a + r * vocabulary;
        int list = ids + r * (entries + 1);
        int found = (int) mem[list];
        float sum = mem[b + vocabulary * dimension + col];
        for (int t = 0; t < found; t++) {
            int id = (int) mem[list + 1 + t];
            sum += mem[row + id] * mem[b + id * dimension + col];
        }
        mem[d + gid] = sum;
    }

    /**
     * Column gid of the table's gradient (at {@link #d}) over the batch's ids: zero, then the sum of input value times the
     * output's gradient (at {@link #b}). One work-item per column, so no two write the same value.
     */
    private void embeddingGradient(int gid) {
        for (int r = 0; r < m; r++) {
            int list = ids + r * (entries + 1);
            int found = (int) mem[list];
            for (int t = 0; t < found; t++) {
                mem[d + (int) mem[list + 1 + t] * dimension + gid] = 0f;
            }
        }
        for (int r = 0; r < m; r++) {
            int list = ids + r * (entries + 1);
            int found = (int) mem[list];
            float g = mem[b + r * dimension + gid];
            for (int t = 0; t < found; t++) {
                int id = (int) mem[list + 1 + t];
                mem[d + id * dimension + gid] += mem[a + r * vocabulary + id] * g;
            }
        }
    }

    /** Column gid of the table (at {@link #a}, gradients at {@link #b}): each value of the batch's ids stepped once. */
    private void embeddingStep(int gid) {
        for (int r = 0; r < m; r++) {
            int list = ids + r * (entries + 1);
            int found = (int) mem[list];
            for (int t = 0; t < found; t++) {
                int e = (int) mem[list + 1 + t] * dimension + gid;
                if (mem[b + e] != STEPPED) {
                    if (optimiser == 1) {
                        adam(a + e, b + e, c + e, d + e, 1);
                    }
                    if (optimiser == 2) {
                        sgd(a + e, b + e, c + e, 1);
                    }
                    mem[b + e] = STEPPED;
                }
            }
        }
    }

    /** The gradients {@link #embeddingStep} marked, zero again. */
    private void embeddingStepDone(int gid) {
        for (int r = 0; r < m; r++) {
            int list = ids + r * (entries + 1);
            int found = (int) mem[list];
            for (int t = 0; t < found; t++) {
                mem[b + (int) mem[list + 1 + t] * dimension + gid] = 0f;
            }
        }
    }

    /** ActivationFunction.apply of {@link #act}, the same operations in the same order. */
    private float activate(float x) {
        float y = max(0f, x);
        if (act == 1) {
            y = x;
            if (x <= 0f) {
                y = 0.01f * x;
            }
        }
        if (act == 2) {
            y = 1f / (1f + exp(-x));
        }
        if (act == 3) {
            y = tanhOf(x);
        }
        if (act == 4) {
            float u = 0.7978845608f * (x + 0.044715f * x * x * x);
            y = 0.5f * x * (1f + tanhOf(u));
        }
        return y;
    }

    /** ActivationFunction.gradient of {@link #act}: dy times f' from the input x and the output y. */
    private float activationGradient(float x, float y, float dy) {
        float g = 0f;
        if (act == 0 && x > 0f) {
            g = dy;
        }
        if (act == 1) {
            g = 0.01f * dy;
            if (x > 0f) {
                g = dy;
            }
        }
        if (act == 2) {
            g = dy * (y * (1f - y));
        }
        if (act == 3) {
            g = dy * (1f - y * y);
        }
        if (act == 4) {
            float x2 = x * x;
            float t = tanhOf(0.7978845608f * (x + 0.044715f * x2 * x));
            g = dy * (0.5f * (1f + t) + 0.5f * x * (1f - t * t) * 0.7978845608f * (1f + 0.134145f * x2));
        }
        return g;
    }

    private float tanhOf(float x) {
        return 1f - 2f / (exp(2f * x) + 1f);
    }

    /** AdamW on {@code count} parameters at {@code pa}, their gradients at {@code pg}, moments at {@code pm}, {@code pv}. */
    private void adam(int pa, int pg, int pm, int pv, int count) {
        for (int e = 0; e < count; e++) {
            float g = mem[pg + e];
            float p = mem[pa + e] * (1f - lr * wd);
            float mi = beta1 * mem[pm + e] + (1f - beta1) * g;
            float vi = beta2 * mem[pv + e] + (1f - beta2) * g * g;
            mem[pm + e] = mi;
            mem[pv + e] = vi;
            mem[pa + e] = p - lr * (mi / c1) / (sqrt(vi / c2) + eps);
        }
    }

    /** SGD with momentum on {@code count} parameters at {@code pa}, gradients at {@code pg}, velocities at {@code pv}. */
    private void sgd(int pa, int pg, int pv, int count) {
        for (int e = 0; e < count; e++) {
            float g = mem[pg + e] + wd * mem[pa + e];
            float vel = momentum * mem[pv + e] + g;
            mem[pv + e] = vel;
            mem[pa + e] = mem[pa + e] - lr * vel;
        }
    }

    /**
     * The optimiser step ({@link #optimiser}: 1 Adam, 2 SGD) of parameters [from, to); parameter e has its gradient at
     * P + e, its first state at 2P + e and its second at 3P + e (P = {@link #parameters}).
     */
    private void step(int from, int to) {
        if (optimiser == 1) {
            adam(from, parameters + from, 2 * parameters + from, 3 * parameters + from, to - from);
        }
        if (optimiser == 2) {
            sgd(from, parameters + from, 2 * parameters + from, to - from);
        }
    }

    /**
     * One output row (image, filter, y) of a convolution: a = x, b = weights, c = y. Loops are ordered so
     * the innermost runs along the output row over the x positions a kernel tap can reach (contiguous,
     * no bounds test inside).
     */
    private void convRow(int gid) {
        int img = gid / (fl * oh);
        int f = (gid / oh) % fl;
        int oy = gid % oh;
        int rowY = c + ((img * fl + f) * oh + oy) * ow;
        for (int ox = 0; ox < ow; ox++) {
            mem[rowY + ox] = 0f;
        }
        for (int cc = 0; cc < ch; cc++) {
            for (int ky = 0; ky < ks; ky++) {
                int iy = oy + ky - pad;
                if (iy >= 0 && iy < hh) {
                    int rowX = a + ((img * ch + cc) * hh + iy) * ww - pad;
                    int rowW = b + ((f * ch + cc) * ks + ky) * ks;
                    for (int kx = 0; kx < ks; kx++) {
                        float w = mem[rowW + kx];
                        int start = max(0, pad - kx);
                        int end = min(ow, ww + pad - kx);
                        int x = rowX + kx;
                        for (int ox = start; ox < end; ox++) {
                            mem[rowY + ox] += w * mem[x + ox];
                        }
                    }
                }
            }
        }
    }

    /** One weight (filter, channel, ky, kx) of the weight gradient: a = x, b = dy, c = dW. */
    private void convWeight(int gid) {
        int kx = gid % ks;
        int ky = (gid / ks) % ks;
        int cc = (gid / (ks * ks)) % ch;
        int f = gid / (ks * ks * ch);
        // the output x positions whose input x = ox + kx - pad lies inside the row
        int start = max(0, pad - kx);
        int end = min(ow, ww + pad - kx);
        // four partial sums: one sum's chain of dependent additions held the loop to a quarter of an FMA per cycle
        // (the device compiler may not reorder floating-point additions), 4.3 GFLOP/s
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int end4 = start + (end - start) / 4 * 4;
        for (int img = 0; img < nb; img++) {
            for (int oy = 0; oy < oh; oy++) {
                int iy = oy + ky - pad;
                if (iy >= 0 && iy < hh) {
                    int rowX = a + ((img * ch + cc) * hh + iy) * ww + kx - pad;
                    int rowY = b + ((img * fl + f) * oh + oy) * ow;
                    for (int ox = start; ox < end4; ox += 4) {
                        s0 += mem[rowX + ox] * mem[rowY + ox];
                        s1 += mem[rowX + ox + 1] * mem[rowY + ox + 1];
                        s2 += mem[rowX + ox + 2] * mem[rowY + ox + 2];
                        s3 += mem[rowX + ox + 3] * mem[rowY + ox + 3];
                    }
                    for (int rest = end4; rest < end; rest++) {
                        s0 += mem[rowX + rest] * mem[rowY + rest];
                    }
                }
            }
        }
        mem[c + gid] = (s0 + s1) + (s2 + s3);
    }

    /** One input row (image, channel, y) of the input gradient: a = dy, b = weights, c = dx; loops as in convRow. */
    private void convInputRow(int gid) {
        int img = gid / (ch * hh);
        int cc = (gid / hh) % ch;
        int iy = gid % hh;
        int rowX = c + ((img * ch + cc) * hh + iy) * ww;
        for (int ix = 0; ix < ww; ix++) {
            mem[rowX + ix] = 0f;
        }
        for (int f = 0; f < fl; f++) {
            for (int ky = 0; ky < ks; ky++) {
                int oy = iy - ky + pad;
                if (oy >= 0 && oy < oh) {
                    int rowY = a + ((img * fl + f) * oh + oy) * ow + pad;
                    int rowW = b + ((f * ch + cc) * ks + ky) * ks;
                    for (int kx = 0; kx < ks; kx++) {
                        float w = mem[rowW + kx];
                        // ox = ix - kx + pad must lie in [0, ow)
                        int start = max(0, kx - pad);
                        int end = min(ww, ow + kx - pad);
                        int y = rowY - kx;
                        for (int ix = start; ix < end; ix++) {
                            mem[rowX + ix] += w * mem[y + ix];
                        }
                    }
                }
            }
        }
    }

    /** One output row (plane, y) of max-pooling: a = x, b = y, c = the index in its window of each maximum. */
    private void pool(int gid) {
        int oy = gid % oh;
        int plane = gid / oh;
        for (int ox = 0; ox < ow; ox++) {
            int base = a + (plane * hh + oy * ps) * ww + ox * ps;
            float best = mem[base];
            int at = 0;
            for (int qy = 0; qy < ps; qy++) {
                for (int qx = 0; qx < ps; qx++) {
                    float v = mem[base + qy * ww + qx];
                    if (v > best) {
                        best = v;
                        at = qy * ps + qx;
                    }
                }
            }
            int o = (plane * oh + oy) * ow + ox;
            mem[b + o] = best;
            mem[c + o] = at;
        }
    }

    private void poolGradient(int gid) {
        int oy = gid % oh;
        int plane = gid / oh;
        for (int ox = 0; ox < ow; ox++) {
            int o = (plane * oh + oy) * ow + ox;
            int base = c + (plane * hh + oy * ps) * ww + ox * ps;
            int at = (int) mem[b + o];
            float g = mem[a + o];
            for (int qy = 0; qy < ps; qy++) {
                for (int qx = 0; qx < ps; qx++) {
                    float v = 0f;
                    if (qy * ps + qx == at) {
                        v = g;
                    }
                    mem[base + qy * ww + qx] = v;
                }
            }
        }
    }

    /**
     * A convolution as products (on CPU devices, {@link #CONV_IMAGE}): one row of the columns of an image of the chunk into
     * {@link #wide}, the input values each output position's tap (channel, ky, kx) multiplies, zero on the padding. Row
     * r = (c, ky, kx) of image i (of the chunk) holds oh * ow values at (i * c * ks * ks + r) * oh * ow. a = x.
     */
    private void im2col(int slot, int r) {
        int rows = ch * ks * ks;
        int image = img0 + slot;
        int cc = r / (ks * ks);
        int ky = (r / ks) % ks;
        int kx = r % ks;
        int positions = oh * ow;
        int to = (slot * rows + r) * positions;
        int plane = a + (image * ch + cc) * hh * ww;
        for (int oy = 0; oy < oh; oy++) {
            int iy = oy * st + ky - pad;
            int row = to + oy * ow;
            if (iy < 0 || iy >= hh) {
                for (int ox = 0; ox < ow; ox++) {
                    wide[row + ox] = 0f;
                }
            }
            if (iy >= 0 && iy < hh && st == 1) {
                // ix = ox + kx - pad: zeros, a contiguous copy, zeros; no test per element
                int from = plane + iy * ww + kx - pad;
                int start = max(0, pad - kx);
                int end = min(ow, ww + pad - kx);
                for (int ox = 0; ox < start; ox++) {
                    wide[row + ox] = 0f;
                }
                for (int ox = start; ox < end; ox++) {
                    wide[row + ox] = mem[from + ox];
                }
                for (int ox = max(start, end); ox < ow; ox++) {
                    wide[row + ox] = 0f;
                }
            }
            if (iy >= 0 && iy < hh && st > 1) {
                int from = plane + iy * ww;
                for (int ox = 0; ox < ow; ox++) {
                    int ix = ox * st + kx - pad;
                    float v = 0f;
                    if (ix >= 0 && ix < ww) {
                        v = mem[from + ix];
                    }
                    wide[row + ox] = v;
                }
            }
        }
    }

    /**
     * Four filters' output rows (from f0) of one image: y_i (f x oh*ow) = W (f x c*ks*ks) . columns_i, four rows of the
     * product sharing each read of the columns (the 4-row loop of {@link #matmulRows}). a = x (read by im2col), b = W, c = y.
     */
    private void convProduct(int slot, int f0) {
        int image = img0 + slot;
        int depth = ch * ks * ks;
        int positions = oh * ow;
        int base = slot * depth * positions;
        int rows = min(4, fl - f0);
        if (rows == 4) {
            int c0 = c + (image * fl + f0) * positions;
            int c1 = c0 + positions;
            int c2 = c1 + positions;
            int c3 = c2 + positions;
            int a0 = b + f0 * depth;
            int a1 = a0 + depth;
            int a2 = a1 + depth;
            int a3 = a2 + depth;
            for (int j = 0; j < positions; j++) {
                mem[c0 + j] = 0f;
                mem[c1 + j] = 0f;
                mem[c2 + j] = 0f;
                mem[c3 + j] = 0f;
            }
            int k4 = depth - depth % 4;
            for (int p = 0; p < k4; p += 4) {
                float x00 = mem[a0 + p];
                float x01 = mem[a0 + p + 1];
                float x02 = mem[a0 + p + 2];
                float x03 = mem[a0 + p + 3];
                float x10 = mem[a1 + p];
                float x11 = mem[a1 + p + 1];
                float x12 = mem[a1 + p + 2];
                float x13 = mem[a1 + p + 3];
                float x20 = mem[a2 + p];
                float x21 = mem[a2 + p + 1];
                float x22 = mem[a2 + p + 2];
                float x23 = mem[a2 + p + 3];
                float x30 = mem[a3 + p];
                float x31 = mem[a3 + p + 1];
                float x32 = mem[a3 + p + 2];
                float x33 = mem[a3 + p + 3];
                int w0 = base + p * positions;
                int w1 = w0 + positions;
                int w2 = w1 + positions;
                int w3 = w2 + positions;
                for (int j = 0; j < positions; j++) {
                    float v0 = wide[w0 + j];
                    float v1 = wide[w1 + j];
                    float v2 = wide[w2 + j];
                    float v3 = wide[w3 + j];
                    mem[c0 + j] += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
                    mem[c1 + j] += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
                    mem[c2 + j] += x20 * v0 + x21 * v1 + x22 * v2 + x23 * v3;
                    mem[c3 + j] += x30 * v0 + x31 * v1 + x32 * v2 + x33 * v3;
                }
            }
            for (int p = k4; p < depth; p++) {
                float y0 = mem[a0 + p];
                float y1 = mem[a1 + p];
                float y2 = mem[a2 + p];
                float y3 = mem[a3 + p];
                int w = base + p * positions;
                for (int j = 0; j < positions; j++) {
                    float v = wide[w + j];
                    mem[c0 + j] += y0 * v;
                    mem[c1 + j] += y1 * v;
                    mem[c2 + j] += y2 * v;
                    mem[c3 + j] += y3 * v;
                }
            }
        }
        if (rows < 4) {
            for (int f = f0; f < f0 + rows; f++) {
                int rowC = c + (image * fl + f) * positions;
                int rowA = b + f * depth;
                for (int j = 0; j < positions; j++) {
                    mem[rowC + j] = 0f;
                }
                for (int p = 0; p < depth; p++) {
                    float x = mem[rowA + p];
                    int w = base + p * positions;
                    for (int j = 0; j < positions; j++) {
                        mem[rowC + j] += x * wide[w + j];
                    }
                }
            }
        }
    }

    /**
     * Four rows (taps) of an image's column gradient, dcolumns (c*ks*ks x oh*ow) = W^T . dy, at {@code out} (row r at
     * out + r * columns), dy's rows at {@code dyFrom} in {@link #wide}; four taps per pass sharing each read of dy, four
     * filters at a time. b = W; {@link #col2im} then sums the rows into dx. ({@link #CONV_INPUT_IMAGE} calls it for its
     * image: one product over the whole chunk's positions, written to memory and read back, took 12.0-12.5 ms against
     * 8.9-9.8 for the zoo CNN's second convolution.)
     */
    private void inputRows(int r0, int out, int dyFrom, int columns) {
        int depth = ch * ks * ks;
        int rows = min(4, depth - r0);
        if (rows == 4) {
            int c0 = out + r0 * columns;
            int c1 = c0 + columns;
            int c2 = c1 + columns;
            int c3 = c2 + columns;
            for (int j = 0; j < columns; j++) {
                wide[c0 + j] = 0f;
                wide[c1 + j] = 0f;
                wide[c2 + j] = 0f;
                wide[c3 + j] = 0f;
            }
            int f4 = fl - fl % 4;
            for (int f = 0; f < f4; f += 4) {
                // four filters at a time: each element of the column gradient read and written once per sixteen multiply-adds
                int w0 = b + f * depth + r0;
                int w1 = w0 + depth;
                int w2 = w1 + depth;
                int w3 = w2 + depth;
                float x00 = mem[w0];
                float x01 = mem[w1];
                float x02 = mem[w2];
                float x03 = mem[w3];
                float x10 = mem[w0 + 1];
                float x11 = mem[w1 + 1];
                float x12 = mem[w2 + 1];
                float x13 = mem[w3 + 1];
                float x20 = mem[w0 + 2];
                float x21 = mem[w1 + 2];
                float x22 = mem[w2 + 2];
                float x23 = mem[w3 + 2];
                float x30 = mem[w0 + 3];
                float x31 = mem[w1 + 3];
                float x32 = mem[w2 + 3];
                float x33 = mem[w3 + 3];
                wideRows4(c0, dyFrom + f * columns, columns, x00, x01, x02, x03, x10, x11, x12, x13, x20, x21, x22, x23, x30, x31, x32, x33);
            }
            for (int f = f4; f < fl; f++) {
                int rowW = b + f * depth + r0;
                float x0 = mem[rowW];
                float x1 = mem[rowW + 1];
                float x2 = mem[rowW + 2];
                float x3 = mem[rowW + 3];
                int rowB = dyFrom + f * columns;
                for (int j = 0; j < columns; j++) {
                    float v = wide[rowB + j];
                    wide[c0 + j] += x0 * v;
                    wide[c1 + j] += x1 * v;
                    wide[c2 + j] += x2 * v;
                    wide[c3 + j] += x3 * v;
                }
            }
        }
        if (rows < 4) {
            for (int r = r0; r < r0 + rows; r++) {
                int rowC = out + r * columns;
                for (int j = 0; j < columns; j++) {
                    wide[rowC + j] = 0f;
                }
                for (int f = 0; f < fl; f++) {
                    float x = mem[b + f * depth + r];
                    wideRow(rowC, dyFrom + f * columns, columns, x);
                }
            }
        }
    }

    /**
     * Transposed columns for the weight gradient: for each output position (image of the chunk, y, x) the depth = c * ks * ks
     * input values its taps multiply, zero on the padding, at ((image * oh + y) * ow + x) * depth in {@link #wide}; one
     * output row per call ({@link #CONV_WEIGHT_IMAGE} calls it for each row of its image). a = x.
     */
    private void im2colTransposed(int slot, int oy) {
        int depth = ch * ks * ks;
        int image = img0 + slot;
        for (int ox = 0; ox < ow; ox++) {
            int to = ((slot * oh + oy) * ow + ox) * depth;
            for (int cc = 0; cc < ch; cc++) {
                int plane = a + (image * ch + cc) * hh * ww;
                for (int ky = 0; ky < ks; ky++) {
                    int iy = oy * st + ky - pad;
                    for (int kx = 0; kx < ks; kx++) {
                        int ix = ox * st + kx - pad;
                        float v = 0f;
                        if (iy >= 0 && iy < hh && ix >= 0 && ix < ww) {
                            v = mem[plane + iy * ww + ix];
                        }
                        wide[to + (cc * ks + ky) * ks + kx] = v;
                    }
                }
            }
        }
    }

    /**
     * The step of the products in {@link #wide}: four rows of C (at {@code c0}, {@code stride} apart) += the 4x4 block x
     * times four rows of B (at {@code b0}, as far apart), {@code stride} values each, each read of B shared by sixteen
     * multiply-adds.
     */
    private void wideRows4(int c0, int b0, int stride, float x00, float x01, float x02, float x03, float x10, float x11, float x12,
                           float x13, float x20, float x21, float x22, float x23, float x30, float x31, float x32, float x33) {
        for (int j = 0; j < stride; j++) {
            float v0 = wide[b0 + j];
            float v1 = wide[b0 + stride + j];
            float v2 = wide[b0 + 2 * stride + j];
            float v3 = wide[b0 + 3 * stride + j];
            wide[c0 + j] += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
            wide[c0 + stride + j] += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
            wide[c0 + 2 * stride + j] += x20 * v0 + x21 * v1 + x22 * v2 + x23 * v3;
            wide[c0 + 3 * stride + j] += x30 * v0 + x31 * v1 + x32 * v2 + x33 * v3;
        }
    }

    /** A row of C in {@link #wide} += x times a row of B there, {@code n} values: the products' last rows. */
    private void wideRow(int c0, int b0, int n, float x) {
        for (int j = 0; j < n; j++) {
            wide[c0 + j] += x * wide[b0 + j];
        }
    }

    /**
     * One image's weight gradient, every filter's row of taps, into {@link #wide} at {@link #besideColumns} + slot * fl * depth:
     * the sum over its positions of dy[f] times the transposed columns' taps, four positions and four filters at a time as
     * the dense products' 4-row loop, along whole rows of taps. a = x (read by im2colTransposed), b = dy.
     */
    private void convWeightImage(int slot) {
        int depth = ch * ks * ks;
        int positions = oh * ow;
        int dyImage = b + (img0 + slot) * fl * positions;
        int t = slot * positions * depth;
        int out = besideColumns + slot * fl * depth;
        for (int j = 0; j < fl * depth; j++) {
            wide[out + j] = 0f;
        }
        int f4 = fl - fl % 4;
        int p4 = positions - positions % 4;
        for (int p = 0; p < p4; p += 4) {
            int w0 = t + p * depth;
            int w1 = w0 + depth;
            int w2 = w1 + depth;
            int w3 = w2 + depth;
            for (int f = 0; f < f4; f += 4) {
                int a0 = dyImage + f * positions + p;
                int a1 = a0 + positions;
                int a2 = a1 + positions;
                int a3 = a2 + positions;
                float x00 = mem[a0];
                float x01 = mem[a0 + 1];
                float x02 = mem[a0 + 2];
                float x03 = mem[a0 + 3];
                float x10 = mem[a1];
                float x11 = mem[a1 + 1];
                float x12 = mem[a1 + 2];
                float x13 = mem[a1 + 3];
                float x20 = mem[a2];
                float x21 = mem[a2 + 1];
                float x22 = mem[a2 + 2];
                float x23 = mem[a2 + 3];
                float x30 = mem[a3];
                float x31 = mem[a3 + 1];
                float x32 = mem[a3 + 2];
                float x33 = mem[a3 + 3];
                wideRows4(out + f * depth, w0, depth, x00, x01, x02, x03, x10, x11, x12, x13, x20, x21, x22, x23, x30, x31, x32, x33);
            }
            for (int f = f4; f < fl; f++) {
                int af = dyImage + f * positions + p;
                float y0 = mem[af];
                float y1 = mem[af + 1];
                float y2 = mem[af + 2];
                float y3 = mem[af + 3];
                int rowC = out + f * depth;
                for (int r = 0; r < depth; r++) {
                    wide[rowC + r] += y0 * wide[w0 + r] + y1 * wide[w1 + r] + y2 * wide[w2 + r] + y3 * wide[w3 + r];
                }
            }
        }
        for (int p = p4; p < positions; p++) {
            int w = t + p * depth;
            for (int f = 0; f < fl; f++) {
                wideRow(out + f * depth, w, depth, mem[dyImage + f * positions + p]);
            }
        }
    }

    /**
     * Filter f's row of dW: the chunk's images' rows ({@link #convWeightImage}) summed in image order, added to dW unless
     * {@link #accumulate} is 0 (the first chunk). c = dW.
     */
    private void convWeightSum(int f) {
        int depth = ch * ks * ks;
        int row = c + f * depth;
        for (int r = 0; r < depth; r++) {
            mem[row + r] = accumulate * mem[row + r];
        }
        for (int slot = 0; slot < nb; slot++) {
            int from = besideColumns + (slot * fl + f) * depth;
            for (int r = 0; r < depth; r++) {
                mem[row + r] += wide[from + r];
            }
        }
    }

    /**
     * One input row (image of the chunk, channel, y) of dx: the sum of the column gradients of the taps that read it, their
     * rows at {@code first} a row of {@code columns} values per tap. c = dx.
     */
    private void col2im(int slot, int cc, int iy, int first, int columns) {
        int image = img0 + slot;
        int base = first + cc * ks * ks * columns;
        int rowX = c + ((image * ch + cc) * hh + iy) * ww;
        for (int ix = 0; ix < ww; ix++) {
            mem[rowX + ix] = 0f;
        }
        for (int ky = 0; ky < ks; ky++) {
            int ty = iy + pad - ky;
            int oy = ty / st;
            if (ty >= 0 && ty - oy * st == 0 && oy < oh) {
                for (int kx = 0; kx < ks; kx++) {
                    int row = base + (ky * ks + kx) * columns + oy * ow;
                    if (st == 1) {
                        // ox = ix + pad - kx: a contiguous range, no test inside
                        int start = max(0, kx - pad);
                        int end = min(ww, ow + kx - pad);
                        int from = row + pad - kx;
                        for (int ix = start; ix < end; ix++) {
                            mem[rowX + ix] += wide[from + ix];
                        }
                    }
                    if (st > 1) {
                        for (int ix = 0; ix < ww; ix++) {
                            int tx = ix + pad - kx;
                            int ox = tx / st;
                            if (tx >= 0 && tx - ox * st == 0 && ox < ow) {
                                mem[rowX + ix] += wide[row + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@link #convRow} with a stride above 1: the same sums, x read every {@link #st} positions. */
    private void convRowStrided(int gid) {
        int img = gid / (fl * oh);
        int f = (gid / oh) % fl;
        int oy = gid % oh;
        int rowY = c + ((img * fl + f) * oh + oy) * ow;
        for (int ox = 0; ox < ow; ox++) {
            mem[rowY + ox] = 0f;
        }
        for (int cc = 0; cc < ch; cc++) {
            for (int ky = 0; ky < ks; ky++) {
                int iy = oy * st + ky - pad;
                if (iy >= 0 && iy < hh) {
                    int rowX = a + ((img * ch + cc) * hh + iy) * ww - pad;
                    int rowW = b + ((f * ch + cc) * ks + ky) * ks;
                    for (int kx = 0; kx < ks; kx++) {
                        float w = mem[rowW + kx];
                        // ox * st + kx - pad must lie in [0, ww)
                        int start = (max(0, pad - kx) + st - 1) / st;
                        int end = min(ow, (ww + pad - kx + st - 1) / st);
                        int x = rowX + kx;
                        for (int ox = start; ox < end; ox++) {
                            mem[rowY + ox] += w * mem[x + ox * st];
                        }
                    }
                }
            }
        }
    }

    /** {@link #convWeight} with a stride above 1. */
    private void convWeightStrided(int gid) {
        int kx = gid % ks;
        int ky = (gid / ks) % ks;
        int cc = (gid / (ks * ks)) % ch;
        int f = gid / (ks * ks * ch);
        int start = (max(0, pad - kx) + st - 1) / st;
        int end = min(ow, (ww + pad - kx + st - 1) / st);
        float sum = 0f;
        for (int img = 0; img < nb; img++) {
            for (int oy = 0; oy < oh; oy++) {
                int iy = oy * st + ky - pad;
                if (iy >= 0 && iy < hh) {
                    int rowX = a + ((img * ch + cc) * hh + iy) * ww + kx - pad;
                    int rowY = b + ((img * fl + f) * oh + oy) * ow;
                    for (int ox = start; ox < end; ox++) {
                        sum += mem[rowX + ox * st] * mem[rowY + ox];
                    }
                }
            }
        }
        mem[c + gid] = sum;
    }

    /** {@link #convInputRow} with a stride above 1: each tap reaches every {@link #st}-th x of the row. */
    private void convInputRowStrided(int gid) {
        int img = gid / (ch * hh);
        int cc = (gid / hh) % ch;
        int iy = gid % hh;
        int rowX = c + ((img * ch + cc) * hh + iy) * ww;
        for (int ix = 0; ix < ww; ix++) {
            mem[rowX + ix] = 0f;
        }
        for (int f = 0; f < fl; f++) {
            for (int ky = 0; ky < ks; ky++) {
                int ty = iy - ky + pad;
                int oy = ty / st;
                if (ty >= 0 && ty - oy * st == 0 && oy < oh) {
                    int rowY = a + ((img * fl + f) * oh + oy) * ow;
                    int rowW = b + ((f * ch + cc) * ks + ky) * ks;
                    for (int kx = 0; kx < ks; kx++) {
                        float w = mem[rowW + kx];
                        int start = (max(0, pad - kx) + st - 1) / st;
                        int end = min(ow, (ww + pad - kx + st - 1) / st);
                        int x = rowX + kx - pad;
                        for (int ox = start; ox < end; ox++) {
                            mem[x + ox * st] += w * mem[rowY + ox];
                        }
                    }
                }
            }
        }
    }

    /** One window of average pooling: a = x, b = y. */
    private void avgPool(int gid) {
        int ox = gid % ow;
        int oy = (gid / ow) % oh;
        int plane = gid / (ow * oh);
        int base = a + (plane * hh + oy * ps) * ww + ox * ps;
        float sum = 0f;
        for (int qy = 0; qy < ps; qy++) {
            for (int qx = 0; qx < ps; qx++) {
                sum += mem[base + qy * ww + qx];
            }
        }
        mem[b + gid] = sum * (1f / (ps * ps));
    }

    /** One window's share of the gradient: a = dy, b = dx. */
    private void avgPoolGradient(int gid) {
        int ox = gid % ow;
        int oy = (gid / ow) % oh;
        int plane = gid / (ow * oh);
        int base = b + (plane * hh + oy * ps) * ww + ox * ps;
        float v = mem[a + gid] * (1f / (ps * ps));
        for (int qy = 0; qy < ps; qy++) {
            for (int qx = 0; qx < ps; qx++) {
                mem[base + qy * ww + qx] = v;
            }
        }
    }

    /**
     * Batch normalisation of one channel (gid) of x (a) into y (b): m rows, n channels, {@link #spatial} positions; gamma
     * and beta at c, the running mean and variance at d, the batch's mean and 1/sqrt(var + eps) saved at
     * {@link #statistics}. The same operations in the same order as the Java reference.
     */
    private void batchNorm(int j) {
        int count = m * spatial;
        float scale = 0f;
        float shift = 0f;
        if (training == 1) {
            // four partial sums along each row (JavaBackend adds in the same order): one running sum waited on every
            // addition's latency
            int q4 = spatial - spatial % 4;
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            for (int i = 0; i < m; i++) {
                int row = a + (i * n + j) * spatial;
                for (int q = 0; q < q4; q += 4) {
                    s0 += mem[row + q];
                    s1 += mem[row + q + 1];
                    s2 += mem[row + q + 2];
                    s3 += mem[row + q + 3];
                }
                for (int q = q4; q < spatial; q++) {
                    s0 += mem[row + q];
                }
            }
            float mean = ((s0 + s1) + (s2 + s3)) / count;
            s0 = 0f;
            s1 = 0f;
            s2 = 0f;
            s3 = 0f;
            for (int i = 0; i < m; i++) {
                int row = a + (i * n + j) * spatial;
                for (int q = 0; q < q4; q += 4) {
                    float d0 = mem[row + q] - mean;
                    float d1 = mem[row + q + 1] - mean;
                    float d2 = mem[row + q + 2] - mean;
                    float d3 = mem[row + q + 3] - mean;
                    s0 += d0 * d0;
                    s1 += d1 * d1;
                    s2 += d2 * d2;
                    s3 += d3 * d3;
                }
                for (int q = q4; q < spatial; q++) {
                    float dev = mem[row + q] - mean;
                    s0 += dev * dev;
                }
            }
            float variance = ((s0 + s1) + (s2 + s3)) / count;
            float inverse = 1f / sqrt(variance + eps);
            mem[statistics + j] = mean;
            mem[statistics + n + j] = inverse;
            scale = mem[c + j] * inverse;
            shift = mem[c + n + j] - mean * scale;
            float keep = 1f - momentum;
            mem[d + j] = keep * mem[d + j] + momentum * mean;
            float unbiased = variance;
            if (count > 1) {
                unbiased = variance * ((float) count / (count - 1));
            }
            mem[d + n + j] = keep * mem[d + n + j] + momentum * unbiased;
        }
        if (training == 0) {
            float inverse = 1f / sqrt(mem[d + n + j] + eps);
            scale = mem[c + j] * inverse;
            shift = mem[c + n + j] - mem[d + j] * scale;
        }
        for (int i = 0; i < m; i++) {
            int offset = (i * n + j) * spatial;
            for (int q = 0; q < spatial; q++) {
                mem[b + offset + q] = mem[a + offset + q] * scale + shift;
            }
        }
    }

    /**
     * Batch normalisation's backward pass for one channel: x at a, dy at b, dx at c (-1: none), gamma at d, the saved
     * statistics at {@link #statistics}, the gradients of gamma and beta at {@link #paramGradient} (-1: none).
     */
    private void batchNormGradient(int j) {
        int count = m * spatial;
        float mean = mem[statistics + j];
        float inverse = mem[statistics + n + j];
        // four partial sums of each along the rows, as the forward pass's
        int q4 = spatial - spatial % 4;
        float g0 = 0f;
        float g1 = 0f;
        float g2 = 0f;
        float g3 = 0f;
        float h0 = 0f;
        float h1 = 0f;
        float h2 = 0f;
        float h3 = 0f;
        for (int i = 0; i < m; i++) {
            int offset = (i * n + j) * spatial;
            for (int q = 0; q < q4; q += 4) {
                int e = offset + q;
                float y0 = mem[b + e];
                float y1 = mem[b + e + 1];
                float y2 = mem[b + e + 2];
                float y3 = mem[b + e + 3];
                g0 += y0;
                g1 += y1;
                g2 += y2;
                g3 += y3;
                h0 += y0 * ((mem[a + e] - mean) * inverse);
                h1 += y1 * ((mem[a + e + 1] - mean) * inverse);
                h2 += y2 * ((mem[a + e + 2] - mean) * inverse);
                h3 += y3 * ((mem[a + e + 3] - mean) * inverse);
            }
            for (int q = q4; q < spatial; q++) {
                float g = mem[b + offset + q];
                g0 += g;
                h0 += g * ((mem[a + offset + q] - mean) * inverse);
            }
        }
        float sumDy = (g0 + g1) + (g2 + g3);
        float sumDyXhat = (h0 + h1) + (h2 + h3);
        if (paramGradient >= 0) {
            mem[paramGradient + j] = sumDyXhat;
            mem[paramGradient + n + j] = sumDy;
        }
        if (c >= 0) {
            float factor = mem[d + j] * inverse / count;
            for (int i = 0; i < m; i++) {
                int offset = (i * n + j) * spatial;
                for (int q = 0; q < spatial; q++) {
                    float xhat = (mem[a + offset + q] - mean) * inverse;
                    mem[c + offset + q] = factor * (count * mem[b + offset + q] - sumDy - xhat * sumDyXhat);
                }
            }
        }
    }

    /** Row i of C. */
    private void matmulRow(int i) {
        int rowC = c + i * n;
        int rowA = a + i * aRow;
        if (bCol == 1) {
            // i-k-j: rows of B and C are contiguous
            for (int j = 0; j < n; j++) {
                mem[rowC + j] = accumulate * mem[rowC + j];
            }
            // four steps of k at a time: C is read and written once per four multiply-adds
            int k4 = k - k % 4;
            for (int p = 0; p < k4; p += 4) {
                float x0 = mem[rowA + p * aCol];
                float x1 = mem[rowA + (p + 1) * aCol];
                float x2 = mem[rowA + (p + 2) * aCol];
                float x3 = mem[rowA + (p + 3) * aCol];
                int b0 = b + p * bRow;
                int b1 = b0 + bRow;
                int b2 = b1 + bRow;
                int b3 = b2 + bRow;
                for (int j = 0; j < n; j++) {
                    mem[rowC + j] += x0 * mem[b0 + j] + x1 * mem[b1 + j] + x2 * mem[b2 + j] + x3 * mem[b3 + j];
                }
            }
            for (int p = k4; p < k; p++) {
                float aip = mem[rowA + p * aCol];
                int rowB = b + p * bRow;
                for (int j = 0; j < n; j++) {
                    mem[rowC + j] += aip * mem[rowB + j];
                }
            }
        }
        if (bCol != 1) {
            // B transposed: each element of C is a dot product of contiguous rows
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                int colB = b + j * bCol;
                for (int p = 0; p < k; p++) {
                    sum += mem[rowA + p * aCol] * mem[colB + p * bRow];
                }
                mem[rowC + j] = accumulate * mem[rowC + j] + sum;
            }
        }
    }

    /**
     * One 4&times;8 tile of C per work-item, accumulated in registers over the whole k: 12 loads for
     * 32 multiply-adds, and C written once. Edge tiles (m or n not a multiple) take the plain loop.
     * Generated (see the commit that added it); consecutive work-items take consecutive column tiles.
     */
    private void matmulTile(int tile) {
        int tilesPerRow = (n + 7) / 8;
        int i0 = (tile / tilesPerRow) * 4;
        int j0 = (tile % tilesPerRow) * 8;
        if (i0 + 4 <= m && j0 + 8 <= n) {
            int ra0 = a + (i0 + 0) * aRow;
            int ra1 = a + (i0 + 1) * aRow;
            int ra2 = a + (i0 + 2) * aRow;
            int ra3 = a + (i0 + 3) * aRow;
            int cb0 = b + (j0 + 0) * bCol;
            int cb1 = b + (j0 + 1) * bCol;
            int cb2 = b + (j0 + 2) * bCol;
            int cb3 = b + (j0 + 3) * bCol;
            int cb4 = b + (j0 + 4) * bCol;
            int cb5 = b + (j0 + 5) * bCol;
            int cb6 = b + (j0 + 6) * bCol;
            int cb7 = b + (j0 + 7) * bCol;
            float c00 = 0f; float c01 = 0f; float c02 = 0f; float c03 = 0f; float c04 = 0f; float c05 = 0f; float c06 = 0f; float c07 = 0f;
            float c10 = 0f; float c11 = 0f; float c12 = 0f; float c13 = 0f; float c14 = 0f; float c15 = 0f; float c16 = 0f; float c17 = 0f;
            float c20 = 0f; float c21 = 0f; float c22 = 0f; float c23 = 0f; float c24 = 0f; float c25 = 0f; float c26 = 0f; float c27 = 0f;
            float c30 = 0f; float c31 = 0f; float c32 = 0f; float c33 = 0f; float c34 = 0f; float c35 = 0f; float c36 = 0f; float c37 = 0f;
            for (int p = 0; p < k; p++) {
                int pa = p * aCol;
                int pb = p * bRow;
                float a0 = mem[ra0 + pa];
                float a1 = mem[ra1 + pa];
                float a2 = mem[ra2 + pa];
                float a3 = mem[ra3 + pa];
                float b0 = mem[cb0 + pb];
                float b1 = mem[cb1 + pb];
                float b2 = mem[cb2 + pb];
                float b3 = mem[cb3 + pb];
                float b4 = mem[cb4 + pb];
                float b5 = mem[cb5 + pb];
                float b6 = mem[cb6 + pb];
                float b7 = mem[cb7 + pb];
                c00 += a0 * b0;
                c01 += a0 * b1;
                c02 += a0 * b2;
                c03 += a0 * b3;
                c04 += a0 * b4;
                c05 += a0 * b5;
                c06 += a0 * b6;
                c07 += a0 * b7;
                c10 += a1 * b0;
                c11 += a1 * b1;
                c12 += a1 * b2;
                c13 += a1 * b3;
                c14 += a1 * b4;
                c15 += a1 * b5;
                c16 += a1 * b6;
                c17 += a1 * b7;
                c20 += a2 * b0;
                c21 += a2 * b1;
                c22 += a2 * b2;
                c23 += a2 * b3;
                c24 += a2 * b4;
                c25 += a2 * b5;
                c26 += a2 * b6;
                c27 += a2 * b7;
                c30 += a3 * b0;
                c31 += a3 * b1;
                c32 += a3 * b2;
                c33 += a3 * b3;
                c34 += a3 * b4;
                c35 += a3 * b5;
                c36 += a3 * b6;
                c37 += a3 * b7;
            }
            int rc0 = c + (i0 + 0) * n + j0;
            mem[rc0 + 0] = accumulate * mem[rc0 + 0] + c00;
            mem[rc0 + 1] = accumulate * mem[rc0 + 1] + c01;
            mem[rc0 + 2] = accumulate * mem[rc0 + 2] + c02;
            mem[rc0 + 3] = accumulate * mem[rc0 + 3] + c03;
            mem[rc0 + 4] = accumulate * mem[rc0 + 4] + c04;
            mem[rc0 + 5] = accumulate * mem[rc0 + 5] + c05;
            mem[rc0 + 6] = accumulate * mem[rc0 + 6] + c06;
            mem[rc0 + 7] = accumulate * mem[rc0 + 7] + c07;
            int rc1 = c + (i0 + 1) * n + j0;
            mem[rc1 + 0] = accumulate * mem[rc1 + 0] + c10;
            mem[rc1 + 1] = accumulate * mem[rc1 + 1] + c11;
            mem[rc1 + 2] = accumulate * mem[rc1 + 2] + c12;
            mem[rc1 + 3] = accumulate * mem[rc1 + 3] + c13;
            mem[rc1 + 4] = accumulate * mem[rc1 + 4] + c14;
            mem[rc1 + 5] = accumulate * mem[rc1 + 5] + c15;
            mem[rc1 + 6] = accumulate * mem[rc1 + 6] + c16;
            mem[rc1 + 7] = accumulate * mem[rc1 + 7] + c17;
            int rc2 = c + (i0 + 2) * n + j0;
            mem[rc2 + 0] = accumulate * mem[rc2 + 0] + c20;
            mem[rc2 + 1] = accumulate * mem[rc2 + 1] + c21;
            mem[rc2 + 2] = accumulate * mem[rc2 + 2] + c22;
            mem[rc2 + 3] = accumulate * mem[rc2 + 3] + c23;
            mem[rc2 + 4] = accumulate * mem[rc2 + 4] + c24;
            mem[rc2 + 5] = accumulate * mem[rc2 + 5] + c25;
            mem[rc2 + 6] = accumulate * mem[rc2 + 6] + c26;
            mem[rc2 + 7] = accumulate * mem[rc2 + 7] + c27;
            int rc3 = c + (i0 + 3) * n + j0;
            mem[rc3 + 0] = accumulate * mem[rc3 + 0] + c30;
            mem[rc3 + 1] = accumulate * mem[rc3 + 1] + c31;
            mem[rc3 + 2] = accumulate * mem[rc3 + 2] + c32;
            mem[rc3 + 3] = accumulate * mem[rc3 + 3] + c33;
            mem[rc3 + 4] = accumulate * mem[rc3 + 4] + c34;
            mem[rc3 + 5] = accumulate * mem[rc3 + 5] + c35;
            mem[rc3 + 6] = accumulate * mem[rc3 + 6] + c36;
            mem[rc3 + 7] = accumulate * mem[rc3 + 7] + c37;
        }
        if (i0 + 4 > m || j0 + 8 > n) {
            int iEnd = min(i0 + 4, m);
            int jEnd = min(j0 + 8, n);
            for (int i = i0; i < iEnd; i++) {
                for (int j = j0; j < jEnd; j++) {
                    float sum = 0f;
                    for (int p = 0; p < k; p++) {
                        sum += mem[a + i * aRow + p * aCol] * mem[b + p * bRow + j * bCol];
                    }
                    mem[c + i * n + j] = accumulate * mem[c + i * n + j] + sum;
                }
            }
        }
    }

    /**
     * 4 rows of C per work-item with k four steps at a time: every element of B read serves 4 rows and
     * every element of C is read and written once per four multiply-adds (B not transposed; the last
     * block, or a transposed B, takes the one-row loop). Generated code; see OpenClBackend.Shape.
     */
    /**
     * Work-item {@code block} of the ROW_BLOCK shape: four rows of C, and what a dense layer does with them in the same
     * launch (each needs only those rows):
     * <ul>
     * <li>{@link #stage}: copies its rows of A from the staged batch first (the first layer's input);</li>
     * <li>{@link #bias}: adds the bias and, with {@link #relu}, applies ReLU once the sums are complete;</li>
     * <li>{@link #mask}: zeroes C where the activations there are not positive (the layer below's ReLU backward);</li>
     * <li>{@link #lossGrad}: softmax with cross-entropy of the rows, gradient there (the output layer).</li>
     * </ul>
     * With {@link #sums} set, one more work-item writes the column sums of op(B) there (a dense layer's bias gradient).
     */
    private void matmulBlock(int block) {
        int blocks = (m + 3) / 4;
        int extra = 0;
        if (sums >= 0) {
            extra = 1;
        }
        if (block >= blocks + extra) {
            // the optimiser step of the parameters this product does not touch, a share per work-item
            int share = block - blocks - extra;
            int first = restFrom + share * restChunk;
            int last = min(first + restChunk, restTo);
            if (first < last) {
                step(first, last);
            }
        }
        if (block < blocks && optimiser != 0) {
            matmulRows(block * 4);
            // this work-item's rows of C are gradients, complete: the optimiser step of their parameters
            step(c - parameters + block * 4 * n, c - parameters + min(block * 4 + 4, m) * n);
        }
        if (block < blocks && optimiser == 0) {
            int end = min(block * 4 + 4, m);
            if (stage == 1) {
                // this work-item's rows of A, still in the staged batch (A is the batch: k columns, not transposed)
                for (int r = block * 4; r < end; r++) {
                    for (int p = 0; p < k; p++) {
                        mem[a + r * k + p] = batch[r * k + p];
                    }
                }
            }
            matmulRows(block * 4);
            if (bias >= 0) {
                for (int r = block * 4; r < end; r++) {
                    int rowC = c + r * n;
                    for (int j = 0; j < n; j++) {
                        float v = mem[rowC + j] + mem[bias + j];
                        mem[rowC + j] = v - relu * min(v, 0f);
                    }
                }
            }
            if (mask >= 0) {
                // ReLU's backward pass of the layer whose output C is the gradient of: zero where its output was not positive
                for (int r = block * 4; r < end; r++) {
                    int rowC = c + r * n;
                    int rowY = mask + r * n;
                    for (int j = 0; j < n; j++) {
                        if (mem[rowY + j] <= 0f) {
                            mem[rowC + j] = 0f;
                        }
                    }
                }
            }
            if (lossGrad >= 0) {
                for (int r = block * 4; r < end; r++) {
                    softmaxCrossEntropyRow(r, c, lossGrad);
                }
            }
        }
        if (block == blocks && extra == 1) {
            for (int j = 0; j < n; j++) {
                mem[sums + j] = 0f;
            }
            for (int p = 0; p < k; p++) {
                int rowB = b + p * bRow;
                for (int j = 0; j < n; j++) {
                    mem[sums + j] += mem[rowB + j * bCol];
                }
            }
            if (optimiser != 0) {
                step(sums - parameters, sums - parameters + n);
            }
        }
    }

    /**
     * Rows [i, i + 4) of C (fewer at the end). The 4-row path reads B as {@link #packed} says: its rows in mem, its
     * row-major copy in {@link #wide} (row stride {@link #wideRow}: a large transposed B, or rows a multiple of 4 KiB
     * apart), or a small transposed B in mem with a stride; rows past the last four read B where it is.
     */
    private void matmulRows(int i) {
        int fast = 0;
        if (i + 4 <= m && (bCol == 1 || packed != 0)) {
            fast = 1;
        }
        if (fast == 0) {
            int end = min(i + 4, m);
            for (int r = i; r < end; r++) {
                matmulRow(r);
            }
        }
        if (fast == 1) {
            int c0 = c + (i + 0) * n;
            int a0 = a + (i + 0) * aRow;
            int c1 = c + (i + 1) * n;
            int a1 = a + (i + 1) * aRow;
            int c2 = c + (i + 2) * n;
            int a2 = a + (i + 2) * aRow;
            int c3 = c + (i + 3) * n;
            int a3 = a + (i + 3) * aRow;
            for (int j = 0; j < n; j++) {
                mem[c0 + j] = accumulate * mem[c0 + j];
                mem[c1 + j] = accumulate * mem[c1 + j];
                mem[c2 + j] = accumulate * mem[c2 + j];
                mem[c3 + j] = accumulate * mem[c3 + j];
            }
            int k4 = k - k % 4;
            for (int p = 0; p < k4; p += 4) {
                float x00 = mem[a0 + (p + 0) * aCol];
                float x01 = mem[a0 + (p + 1) * aCol];
                float x02 = mem[a0 + (p + 2) * aCol];
                float x03 = mem[a0 + (p + 3) * aCol];
                float x10 = mem[a1 + (p + 0) * aCol];
                float x11 = mem[a1 + (p + 1) * aCol];
                float x12 = mem[a1 + (p + 2) * aCol];
                float x13 = mem[a1 + (p + 3) * aCol];
                float x20 = mem[a2 + (p + 0) * aCol];
                float x21 = mem[a2 + (p + 1) * aCol];
                float x22 = mem[a2 + (p + 2) * aCol];
                float x23 = mem[a2 + (p + 3) * aCol];
                float x30 = mem[a3 + (p + 0) * aCol];
                float x31 = mem[a3 + (p + 1) * aCol];
                float x32 = mem[a3 + (p + 2) * aCol];
                float x33 = mem[a3 + (p + 3) * aCol];
                if (packed != 1) {
                    // B where it is: its rows (bCol = 1) or, small and transposed, with a stride (a copy would cost a
                    // launch); the device compiler checks bCol = 1 at run time and reads whole vectors then
                    int b0 = b + p * bRow;
                    int b1 = b0 + bRow;
                    int b2 = b1 + bRow;
                    int b3 = b2 + bRow;
                    for (int j = 0; j < n; j++) {
                        float v0 = mem[b0 + j * bCol];
                        float v1 = mem[b1 + j * bCol];
                        float v2 = mem[b2 + j * bCol];
                        float v3 = mem[b3 + j * bCol];
                        mem[c0 + j] += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
                        mem[c1 + j] += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
                        mem[c2 + j] += x20 * v0 + x21 * v1 + x22 * v2 + x23 * v3;
                        mem[c3 + j] += x30 * v0 + x31 * v1 + x32 * v2 + x33 * v3;
                    }
                }
                if (packed == 1) {
                    // the same loop over the copy of B, whose rows do not share cache sets with C's
                    int w0 = p * wideRow;
                    int w1 = w0 + wideRow;
                    int w2 = w1 + wideRow;
                    int w3 = w2 + wideRow;
                    for (int j = 0; j < n; j++) {
                        float v0 = wide[w0 + j];
                        float v1 = wide[w1 + j];
                        float v2 = wide[w2 + j];
                        float v3 = wide[w3 + j];
                        mem[c0 + j] += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
                        mem[c1 + j] += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
                        mem[c2 + j] += x20 * v0 + x21 * v1 + x22 * v2 + x23 * v3;
                        mem[c3 + j] += x30 * v0 + x31 * v1 + x32 * v2 + x33 * v3;
                    }
                }
            }
            for (int p = k4; p < k; p++) {
                float y0 = mem[a0 + p * aCol];
                float y1 = mem[a1 + p * aCol];
                float y2 = mem[a2 + p * aCol];
                float y3 = mem[a3 + p * aCol];
                if (packed != 1) {
                    int rowB = b + p * bRow;
                    for (int j = 0; j < n; j++) {
                        float v = mem[rowB + j * bCol];
                        mem[c0 + j] += y0 * v;
                        mem[c1 + j] += y1 * v;
                        mem[c2 + j] += y2 * v;
                        mem[c3 + j] += y3 * v;
                    }
                }
                if (packed == 1) {
                    int rowW = p * wideRow;
                    for (int j = 0; j < n; j++) {
                        float v = wide[rowW + j];
                        mem[c0 + j] += y0 * v;
                        mem[c1 + j] += y1 * v;
                        mem[c2 + j] += y2 * v;
                        mem[c3 + j] += y3 * v;
                    }
                }
            }
        }
    }

    private void matmulElement(int gid) {
        int i = gid / n;
        int j = gid % n;
        float sum = 0f;
        for (int p = 0; p < k; p++) {
            sum += mem[a + i * aRow + p * aCol] * mem[b + p * bRow + j * bCol];
        }
        mem[c + gid] = accumulate * mem[c + gid] + sum;
    }

    /** Row i of the softmax with cross-entropy: logits at {@code logits}, gradient to {@code grad}, m rows of n. */
    private void softmaxCrossEntropyRow(int i, int logits, int grad) {
        int row = logits + i * n;
        int gradRow = grad + i * n;
        float mx = mem[row];
        int argmax = 0;
        for (int j = 1; j < n; j++) {
            float x = mem[row + j];
            if (x > mx) {
                mx = x;
                argmax = j;
            }
        }
        float sum = 0f;
        for (int j = 0; j < n; j++) {
            float e = exp(mem[row + j] - mx);
            mem[gradRow + j] = e;
            sum += e;
        }
        int label = labels[i];
        out[2 * i] = log(sum) - (mem[row + label] - mx);
        float scale = 1f / (sum * m);
        for (int j = 0; j < n; j++) {
            mem[gradRow + j] = mem[gradRow + j] * scale;
        }
        mem[gradRow + label] = mem[gradRow + label] - 1f / m;
        out[2 * i + 1] = 0f;
        if (argmax == label) {
            out[2 * i + 1] = 1f;
        }
    }

    private void mseRow(int i) {
        float scale = 2f / (m * n);
        float total = 0f;
        for (int j = 0; j < n; j++) {
            int e = i * n + j;
            float diff = mem[a + e] - targets[e];
            total += diff * diff;
            mem[b + e] = diff * scale;
        }
        out[2 * i] = total;
        out[2 * i + 1] = 0f;
    }
}
