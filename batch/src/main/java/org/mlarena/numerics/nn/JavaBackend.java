package org.mlarena.numerics.nn;

import java.util.Arrays;
import org.mlarena.numerics.ComputeDevice;

/**
 * The plain-Java reference implementation of every kernel: single-threaded, straightforward loops in
 * float arithmetic, deterministic bit for bit. The OpenCL backend is tested against it.
 */
public final class JavaBackend implements Backend {

    private final ComputeDevice device = ComputeDevice.plainJava();
    private float[] mem = new float[0];
    private float[] batch = new float[0];
    private int[] labels = new int[0];
    private float[] targets = new float[0];
    private long flops;

    @Override
    public ComputeDevice device() {
        return device;
    }

    @Override
    public void allocate(int memorySize, int batchFloats, int batchRows, int targetColumns) {
        mem = new float[memorySize];
        batch = new float[batchFloats];
        labels = new int[batchRows];
        targets = new float[Math.max(1, batchRows * targetColumns)];
    }

    @Override
    public float[] memory() {
        return mem;
    }

    @Override
    public void upload() {
        // host memory is the memory
    }

    @Override
    public void download() {
        // host memory is the memory
    }

    @Override
    public void stageBatch(float[] inputs, int from, int rows, int cols, int[] labels, int labelFrom) {
        System.arraycopy(inputs, from, batch, 0, rows * cols);
        System.arraycopy(labels, labelFrom, this.labels, 0, rows);
    }

    @Override
    public void stageBatch(float[] inputs, int from, int rows, int cols, float[] targets, int targetFrom) {
        System.arraycopy(inputs, from, batch, 0, rows * cols);
        int perRow = this.targets.length / Math.max(1, labels.length);
        System.arraycopy(targets, targetFrom, this.targets, 0, rows * perRow);
    }

    @Override
    public void copyBatch(int count, int destination) {
        System.arraycopy(batch, 0, mem, destination, count);
    }

    @Override
    public void matmul(int m, int n, int k, int a, boolean transposeA, int b, boolean transposeB, int c, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float x = transposeA ? mem[a + p * m + i] : mem[a + i * k + p];
                    float y = transposeB ? mem[b + j * k + p] : mem[b + p * n + j];
                    sum += x * y;
                }
                mem[c + i * n + j] = accumulate ? mem[c + i * n + j] + sum : sum;
            }
        }
        flops += Flops.matmul(m, n, k, accumulate);
    }

    @Override
    public void addBias(int rows, int cols, int spatial, int x, int bias, boolean relu) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                for (int s = 0; s < spatial; s++) {
                    int e = x + (i * cols + j) * spatial + s;
                    float v = mem[e] + mem[bias + j];
                    mem[e] = relu ? Math.max(0f, v) : v;
                }
            }
        }
        flops += Flops.addBias(rows, (long) cols * spatial, relu);
    }

    @Override
    public void conv2d(Conv cv, int x, int weights, int y) {
        int oh = cv.oh();
        int ow = cv.ow();
        for (int b = 0; b < cv.n(); b++) {
            for (int f = 0; f < cv.f(); f++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        float sum = 0f;
                        for (int c = 0; c < cv.c(); c++) {
                            for (int ky = 0; ky < cv.k(); ky++) {
                                int iy = oy * cv.stride() + ky - cv.pad();
                                if (iy < 0 || iy >= cv.h()) {
                                    continue;
                                }
                                for (int kx = 0; kx < cv.k(); kx++) {
                                    int ix = ox * cv.stride() + kx - cv.pad();
                                    if (ix >= 0 && ix < cv.w()) {
                                        sum += mem[x + ((b * cv.c() + c) * cv.h() + iy) * cv.w() + ix]
                                                * mem[weights + ((f * cv.c() + c) * cv.k() + ky) * cv.k() + kx];
                                    }
                                }
                            }
                        }
                        mem[y + ((b * cv.f() + f) * oh + oy) * ow + ox] = sum;
                    }
                }
            }
        }
        flops += Flops.conv2d(cv);
    }

    @Override
    public void conv2dWeightGradient(Conv cv, int x, int dy, int dw) {
        int oh = cv.oh();
        int ow = cv.ow();
        for (int f = 0; f < cv.f(); f++) {
            for (int c = 0; c < cv.c(); c++) {
                for (int ky = 0; ky < cv.k(); ky++) {
                    for (int kx = 0; kx < cv.k(); kx++) {
                        float sum = 0f;
                        for (int b = 0; b < cv.n(); b++) {
                            for (int oy = 0; oy < oh; oy++) {
                                int iy = oy * cv.stride() + ky - cv.pad();
                                if (iy < 0 || iy >= cv.h()) {
                                    continue;
                                }
                                for (int ox = 0; ox < ow; ox++) {
                                    int ix = ox * cv.stride() + kx - cv.pad();
                                    if (ix >= 0 && ix < cv.w()) {
                                        sum += mem[x + ((b * cv.c() + c) * cv.h() + iy) * cv.w() + ix]
                                                * mem[dy + ((b * cv.f() + f) * oh + oy) * ow + ox];
                                    }
                                }
                            }
                        }
                        mem[dw + ((f * cv.c() + c) * cv.k() + ky) * cv.k() + kx] = sum;
                    }
                }
            }
        }
        flops += Flops.conv2d(cv);
    }

    @Override
    public void conv2dInputGradient(Conv cv, int dy, int weights, int dx) {
        int oh = cv.oh();
        int ow = cv.ow();
        for (int b = 0; b < cv.n(); b++) {
            for (int c = 0; c < cv.c(); c++) {
                for (int iy = 0; iy < cv.h(); iy++) {
                    for (int ix = 0; ix < cv.w(); ix++) {
                        float sum = 0f;
                        for (int f = 0; f < cv.f(); f++) {
                            for (int ky = 0; ky < cv.k(); ky++) {
                                int ty = iy - ky + cv.pad();
                                int oy = ty / cv.stride();
                                if (ty < 0 || ty % cv.stride() != 0 || oy >= oh) {
                                    continue;
                                }
                                for (int kx = 0; kx < cv.k(); kx++) {
                                    int tx = ix - kx + cv.pad();
                                    int ox = tx / cv.stride();
                                    if (tx >= 0 && tx % cv.stride() == 0 && ox < ow) {
                                        sum += mem[dy + ((b * cv.f() + f) * oh + oy) * ow + ox]
                                                * mem[weights + ((f * cv.c() + c) * cv.k() + ky) * cv.k() + kx];
                                    }
                                }
                            }
                        }
                        mem[dx + ((b * cv.c() + c) * cv.h() + iy) * cv.w() + ix] = sum;
                    }
                }
            }
        }
        flops += Flops.conv2d(cv);
    }

    @Override
    public void maxPool(Pool pool, int x, int y, int argmax) {
        int oh = pool.oh();
        int ow = pool.ow();
        int s = pool.size();
        for (int plane = 0; plane < pool.n() * pool.c(); plane++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int base = x + (plane * pool.h() + oy * s) * pool.w() + ox * s;
                    float best = mem[base];
                    int at = 0;
                    for (int q = 1; q < s * s; q++) {
                        float v = mem[base + (q / s) * pool.w() + q % s];
                        if (v > best) {
                            best = v;
                            at = q;
                        }
                    }
                    int o = (plane * oh + oy) * ow + ox;
                    mem[y + o] = best;
                    mem[argmax + o] = at;
                }
            }
        }
        flops += Flops.maxPool(pool);
    }

    @Override
    public void maxPoolGradient(Pool pool, int dy, int argmax, int dx) {
        int oh = pool.oh();
        int ow = pool.ow();
        int s = pool.size();
        for (int plane = 0; plane < pool.n() * pool.c(); plane++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int o = (plane * oh + oy) * ow + ox;
                    int base = dx + (plane * pool.h() + oy * s) * pool.w() + ox * s;
                    for (int q = 0; q < s * s; q++) {
                        mem[base + (q / s) * pool.w() + q % s] = q == (int) mem[argmax + o] ? mem[dy + o] : 0f;
                    }
                }
            }
        }
    }

    @Override
    public void activation(ActivationFunction function, int count, int x, int y) {
        int code = function.ordinal();
        for (int i = 0; i < count; i++) {
            mem[y + i] = ActivationFunction.apply(code, mem[x + i]);
        }
        flops += function.forwardFlops(count);
    }

    @Override
    public void activationGradient(ActivationFunction function, int count, int x, int y, int dy, int dx) {
        int code = function.ordinal();
        for (int i = 0; i < count; i++) {
            mem[dx + i] = ActivationFunction.gradient(code, mem[x + i], mem[y + i], mem[dy + i]);
        }
        flops += function.backwardFlops(count);
    }

    @Override
    public void add(int count, int a, int b, int y) {
        for (int i = 0; i < count; i++) {
            mem[y + i] = mem[a + i] + mem[b + i];
        }
        flops += Flops.add(count);
    }

    @Override
    public void copy(int count, int x, int y) {
        System.arraycopy(mem, x, mem, y, count);
    }

    @Override
    public void avgPool(Pool pool, int x, int y) {
        int s = pool.size();
        float inverse = 1f / (s * s);
        for (int plane = 0; plane < pool.n() * pool.c(); plane++) {
            for (int oy = 0; oy < pool.oh(); oy++) {
                for (int ox = 0; ox < pool.ow(); ox++) {
                    int base = x + (plane * pool.h() + oy * s) * pool.w() + ox * s;
                    float sum = 0f;
                    for (int q = 0; q < s * s; q++) {
                        sum += mem[base + (q / s) * pool.w() + q % s];
                    }
                    mem[y + (plane * pool.oh() + oy) * pool.ow() + ox] = sum * inverse;
                }
            }
        }
        flops += Flops.avgPool(pool);
    }

    @Override
    public void avgPoolGradient(Pool pool, int dy, int dx) {
        int s = pool.size();
        float inverse = 1f / (s * s);
        for (int plane = 0; plane < pool.n() * pool.c(); plane++) {
            for (int oy = 0; oy < pool.oh(); oy++) {
                for (int ox = 0; ox < pool.ow(); ox++) {
                    float g = mem[dy + (plane * pool.oh() + oy) * pool.ow() + ox];
                    int base = dx + (plane * pool.h() + oy * s) * pool.w() + ox * s;
                    for (int q = 0; q < s * s; q++) {
                        mem[base + (q / s) * pool.w() + q % s] = g * inverse;
                    }
                }
            }
        }
        flops += Flops.avgPoolGradient(pool);
    }

    @Override
    public void groupMean(int groups, int size, int x, int y) {
        float inverse = 1f / size;
        for (int g = 0; g < groups; g++) {
            float sum = 0f;
            for (int s = 0; s < size; s++) {
                sum += mem[x + g * size + s];
            }
            mem[y + g] = sum * inverse;
        }
        flops += Flops.groupMean(groups, size);
    }

    @Override
    public void groupMeanGradient(int groups, int size, int dy, int dx) {
        float inverse = 1f / size;
        for (int g = 0; g < groups; g++) {
            float v = mem[dy + g] * inverse;
            for (int s = 0; s < size; s++) {
                mem[dx + g * size + s] = v;
            }
        }
        flops += Flops.groupMean(groups, size);
    }

    @Override
    public void batchNorm(Norm norm, int x, int y, int gamma, int running, int saved, boolean training) {
        int channels = norm.channels();
        int spatial = norm.spatial();
        int m = norm.perChannel();
        for (int j = 0; j < channels; j++) {
            float scale;
            float shift;
            if (training) {
                // four partial sums along each row, as the OpenCL kernel adds them (there for speed)
                float[] lanes = new float[4];
                for (int i = 0; i < norm.rows(); i++) {
                    int row = x + (i * channels + j) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        lanes[lane(s, spatial)] += mem[row + s];
                    }
                }
                float mean = sumOf(lanes) / m;
                Arrays.fill(lanes, 0f);
                for (int i = 0; i < norm.rows(); i++) {
                    int row = x + (i * channels + j) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        float d = mem[row + s] - mean;
                        lanes[lane(s, spatial)] += d * d;
                    }
                }
                float variance = sumOf(lanes) / m;
                float inverse = 1f / (float) Math.sqrt(variance + norm.epsilon());
                mem[saved + j] = mean;
                mem[saved + channels + j] = inverse;
                scale = mem[gamma + j] * inverse;
                shift = mem[gamma + channels + j] - mean * scale;
                float keep = 1f - norm.momentum();
                mem[running + j] = keep * mem[running + j] + norm.momentum() * mean;
                float unbiased = m > 1 ? variance * ((float) m / (m - 1)) : variance;
                mem[running + channels + j] = keep * mem[running + channels + j] + norm.momentum() * unbiased;
            } else {
                float inverse = 1f / (float) Math.sqrt(mem[running + channels + j] + norm.epsilon());
                scale = mem[gamma + j] * inverse;
                shift = mem[gamma + channels + j] - mem[running + j] * scale;
            }
            for (int i = 0; i < norm.rows(); i++) {
                int offset = (i * channels + j) * spatial;
                for (int s = 0; s < spatial; s++) {
                    mem[y + offset + s] = mem[x + offset + s] * scale + shift;
                }
            }
        }
        flops += Flops.batchNorm(norm, training);
    }

    /** Which of four partial sums position s of a row of {@code spatial} adds to: s mod 4, the tail past the last four to the first. */
    private static int lane(int s, int spatial) {
        return s < spatial - spatial % 4 ? s % 4 : 0;
    }

    private static float sumOf(float[] lanes) {
        return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    }

    @Override
    public void batchNormGradient(Norm norm, int x, int dy, int dx, int gamma, int saved, int dGamma) {
        int channels = norm.channels();
        int spatial = norm.spatial();
        int m = norm.perChannel();
        for (int j = 0; j < channels; j++) {
            float mean = mem[saved + j];
            float inverse = mem[saved + channels + j];
            float[] dyLanes = new float[4];
            float[] dyXhatLanes = new float[4];
            for (int i = 0; i < norm.rows(); i++) {
                int offset = (i * channels + j) * spatial;
                for (int s = 0; s < spatial; s++) {
                    float g = mem[dy + offset + s];
                    dyLanes[lane(s, spatial)] += g;
                    dyXhatLanes[lane(s, spatial)] += g * ((mem[x + offset + s] - mean) * inverse);
                }
            }
            float sumDy = sumOf(dyLanes);
            float sumDyXhat = sumOf(dyXhatLanes);
            if (dGamma >= 0) {
                mem[dGamma + j] = sumDyXhat;
                mem[dGamma + channels + j] = sumDy;
            }
            if (dx < 0) {
                continue;
            }
            float factor = mem[gamma + j] * inverse / m;
            for (int i = 0; i < norm.rows(); i++) {
                int offset = (i * channels + j) * spatial;
                for (int s = 0; s < spatial; s++) {
                    float xhat = (mem[x + offset + s] - mean) * inverse;
                    mem[dx + offset + s] = factor * (m * mem[dy + offset + s] - sumDy - xhat * sumDyXhat);
                }
            }
        }
        flops += Flops.batchNormGradient(norm, dx >= 0);
    }

    @Override
    public void reluBackward(int count, int y, int dy) {
        for (int i = 0; i < count; i++) {
            if (mem[y + i] <= 0f) {
                mem[dy + i] = 0f;
            }
        }
        flops += Flops.reluBackward(count);
    }

    @Override
    public void dropout(int count, int x, int mask, float rate, int seed) {
        float scale = 1f / (1f - rate);
        for (int i = 0; i < count; i++) {
            float factor = Flops.dropoutUniform(seed, i) >= rate ? scale : 0f;
            mem[mask + i] = factor;
            mem[x + i] *= factor;
        }
        flops += Flops.dropout(count);
    }

    @Override
    public void multiply(int count, int x, int mask) {
        for (int i = 0; i < count; i++) {
            mem[x + i] *= mem[mask + i];
        }
        flops += Flops.multiply(count);
    }

    @Override
    public void biasGradient(int rows, int cols, int spatial, int dy, int db) {
        for (int j = 0; j < cols; j++) {
            float sum = 0f;
            for (int i = 0; i < rows; i++) {
                for (int s = 0; s < spatial; s++) {
                    sum += mem[dy + (i * cols + j) * spatial + s];
                }
            }
            mem[db + j] = sum;
        }
        flops += Flops.biasGradient(rows, (long) cols * spatial);
    }

    @Override
    public LossResult softmaxCrossEntropy(int rows, int cols, int logits, int grad) {
        double total = 0;
        int correct = 0;
        for (int i = 0; i < rows; i++) {
            int row = logits + i * cols;
            float max = mem[row];
            int argmax = 0;
            for (int j = 1; j < cols; j++) {
                if (mem[row + j] > max) {
                    max = mem[row + j];
                    argmax = j;
                }
            }
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(mem[row + j] - max);
                mem[grad + i * cols + j] = e;
                sum += e;
            }
            int label = labels[i];
            float logSum = (float) Math.log(sum);
            total += logSum - (mem[row + label] - max);
            float scale = 1f / (sum * rows);
            for (int j = 0; j < cols; j++) {
                mem[grad + i * cols + j] *= scale;
            }
            mem[grad + i * cols + label] -= 1f / rows;
            if (argmax == label) {
                correct++;
            }
        }
        flops += Flops.softmaxCrossEntropy(rows, cols);
        return new LossResult(total / rows, correct);
    }

    @Override
    public LossResult meanSquaredError(int rows, int cols, int predictions, int grad) {
        double total = 0;
        float scale = 2f / (rows * cols);
        for (int i = 0; i < rows * cols; i++) {
            float d = mem[predictions + i] - targets[i];
            total += d * d;
            mem[grad + i] = d * scale;
        }
        flops += Flops.meanSquaredError(rows, cols);
        return new LossResult(total / (rows * cols), 0);
    }

    @Override
    public void adam(int count, int params, int grads, int m, int v, float learningRate, float beta1, float beta2, float epsilon,
                     float weightDecay, int step) {
        float c1 = Optimizer.Adam.correction(beta1, step);
        float c2 = Optimizer.Adam.correction(beta2, step);
        for (int i = 0; i < count; i++) {
            adamAt(i, params, grads, m, v, learningRate, beta1, beta2, epsilon, weightDecay, c1, c2);
        }
        flops += Flops.adam(count);
    }

    @Override
    public void sgd(int count, int params, int grads, int velocity, float learningRate, float momentum, float weightDecay) {
        for (int i = 0; i < count; i++) {
            sgdAt(i, params, grads, velocity, learningRate, momentum, weightDecay);
        }
        flops += Flops.sgd(count);
    }

    @Override
    public void augment(Images images, int shift, boolean flip, int seed, int y) {
        int h = images.height();
        int w = images.width();
        for (int r = 0; r < images.rows(); r++) {
            int dy = Backend.augmentDraw(seed, r, 0, shift);
            int dx = Backend.augmentDraw(seed, r, 1, shift);
            boolean mirror = flip && Flops.dropoutUniform(seed, 3 * r + 2) >= 0.5f;
            for (int c = 0; c < images.channels(); c++) {
                int plane = (r * images.channels() + c) * h * w;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        int si = i + dy;
                        int sj = (mirror ? w - 1 - j : j) + dx;
                        mem[y + plane + i * w + j] = si >= 0 && si < h && sj >= 0 && sj < w ? batch[plane + si * w + sj] : 0f;
                    }
                }
            }
        }
    }

    @Override
    public void embeddingBag(Bag bag, int x, int table, int ids, int y) {
        int dimension = bag.dimension();
        int bias = table + bag.vocabulary() * dimension;
        for (int r = 0; r < bag.rows(); r++) {
            int row = x + r * bag.vocabulary();
            int list = ids + r * bag.idsPerRow();
            int count = 0;
            for (int j = 0; j < bag.vocabulary() && count < bag.entries(); j++) {
                if (mem[row + j] != 0f) {
                    mem[list + 1 + count++] = j;
                }
            }
            mem[list] = count;
            for (int d = 0; d < dimension; d++) {
                float sum = mem[bias + d];
                for (int t = 0; t < count; t++) {
                    int id = (int) mem[list + 1 + t];
                    sum += mem[row + id] * mem[table + id * dimension + d];
                }
                mem[y + r * dimension + d] = sum;
            }
        }
        flops += Flops.embeddingBag(bag);
    }

    @Override
    public void embeddingBagGradient(Bag bag, int x, int dy, int ids, int dTable) {
        int dimension = bag.dimension();
        for (int d = 0; d < dimension; d++) {
            for (int r = 0; r < bag.rows(); r++) {
                int list = ids + r * bag.idsPerRow();
                for (int t = 0; t < (int) mem[list]; t++) {
                    mem[dTable + (int) mem[list + 1 + t] * dimension + d] = 0f;
                }
            }
            for (int r = 0; r < bag.rows(); r++) {
                int list = ids + r * bag.idsPerRow();
                float g = mem[dy + r * dimension + d];
                for (int t = 0; t < (int) mem[list]; t++) {
                    int id = (int) mem[list + 1 + t];
                    mem[dTable + id * dimension + d] += mem[x + r * bag.vocabulary() + id] * g;
                }
            }
        }
        flops += Flops.embeddingBagGradient(bag);
    }

    @Override
    public void adamRows(Bag bag, int ids, int table, int grads, int m, int v, float learningRate, float beta1, float beta2, float epsilon,
                         float weightDecay, int step) {
        float c1 = Optimizer.Adam.correction(beta1, step);
        float c2 = Optimizer.Adam.correction(beta2, step);
        rows(bag, ids, grads, e -> adamAt(e, table, grads, m, v, learningRate, beta1, beta2, epsilon, weightDecay, c1, c2));
        flops += Flops.adam(bag.updatedAtMost());
    }

    @Override
    public void sgdRows(Bag bag, int ids, int table, int grads, int velocity, float learningRate, float momentum, float weightDecay) {
        rows(bag, ids, grads, e -> sgdAt(e, table, grads, velocity, learningRate, momentum, weightDecay));
        flops += Flops.sgd(bag.updatedAtMost());
    }

    /** AdamW of parameter i of the region at {@code params} (gradient, moments at the same index of theirs). */
    private void adamAt(int i, int params, int grads, int m, int v, float learningRate, float beta1, float beta2, float epsilon,
                        float weightDecay, float c1, float c2) {
        float g = mem[grads + i];
        float p = mem[params + i] * (1f - learningRate * weightDecay);
        float mi = beta1 * mem[m + i] + (1f - beta1) * g;
        float vi = beta2 * mem[v + i] + (1f - beta2) * g * g;
        mem[m + i] = mi;
        mem[v + i] = vi;
        mem[params + i] = p - learningRate * (mi / c1) / ((float) Math.sqrt(vi / c2) + epsilon);
    }

    private void sgdAt(int i, int params, int grads, int velocity, float learningRate, float momentum, float weightDecay) {
        float g = mem[grads + i] + weightDecay * mem[params + i];
        float vel = momentum * mem[velocity + i] + g;
        mem[velocity + i] = vel;
        mem[params + i] -= learningRate * vel;
    }

    /**
     * Steps each table value (id &middot; dimension + d) of the bag's ids once, as the OpenCL kernel does: a value stepped is
     * marked {@link #STEPPED} in the gradients so that a repeated id skips it, and all are zeroed afterwards.
     */
    private void rows(Bag bag, int ids, int grads, java.util.function.IntConsumer step) {
        int dimension = bag.dimension();
        for (int d = 0; d < dimension; d++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int r = 0; r < bag.rows(); r++) {
                    int list = ids + r * bag.idsPerRow();
                    for (int t = 0; t < (int) mem[list]; t++) {
                        int e = (int) mem[list + 1 + t] * dimension + d;
                        if (pass == 1) {
                            mem[grads + e] = 0f;
                        } else if (mem[grads + e] != STEPPED) {
                            step.accept(e);
                            mem[grads + e] = STEPPED;
                        }
                    }
                }
            }
        }
    }

    /** A gradient value no real gradient takes: marks a table value stepped already (see {@link #rows}). */
    public static final float STEPPED = -Float.MAX_VALUE;

    @Override
    public long flops() {
        return flops;
    }

    @Override
    public String toString() {
        return "JavaBackend[" + mem.length + " floats, batch of " + labels.length + " rows]";
    }
}
