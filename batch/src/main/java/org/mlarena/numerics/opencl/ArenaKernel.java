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
    static final int MATMUL = 10;
    static final int BIAS_GRADIENT = 11;
    static final int SOFTMAX_CE = 12;
    static final int MSE = 13;

    float[] mem = new float[1];
    float[] batch = new float[1];
    int[] labels = new int[1];
    float[] targets = new float[1];
    float[] out = new float[2];

    int mode;
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

    @Override
    public void run() {
        int gid = getGlobalId();
        if (mode < 10) {
            int start = gid * chunk;
            int end = min(start + chunk, count);
            for (int e = start; e < end; e++) {
                elementwise(e);
            }
        }
        if (mode == MATMUL) {
            if (perRow == 1) {
                matmulRow(gid);
            }
            if (perRow == 0) {
                matmulElement(gid);
            }
        }
        if (mode == BIAS_GRADIENT) {
            float sum = 0f;
            for (int i = 0; i < m; i++) {
                sum += mem[a + i * n + gid];
            }
            mem[b + gid] = sum;
        }
        if (mode == SOFTMAX_CE) {
            softmaxCrossEntropyRow(gid);
        }
        if (mode == MSE) {
            mseRow(gid);
        }
    }

    private void elementwise(int e) {
        if (mode == COPY) {
            mem[c + e] = batch[e];
        }
        if (mode == ADD_BIAS) {
            float v = mem[a + e] + mem[b + e % n];
            mem[a + e] = v - relu * min(v, 0f);
        }
        if (mode == RELU_BACKWARD) {
            if (mem[a + e] <= 0f) {
                mem[b + e] = 0f;
            }
        }
        if (mode == ADAM) {
            float g = mem[b + e];
            float p = mem[a + e] * (1f - lr * wd);
            float mi = beta1 * mem[c + e] + (1f - beta1) * g;
            float vi = beta2 * mem[d + e] + (1f - beta2) * g * g;
            mem[c + e] = mi;
            mem[d + e] = vi;
            mem[a + e] = p - lr * (mi / c1) / (sqrt(vi / c2) + eps);
        }
        if (mode == SGD) {
            float g = mem[b + e] + wd * mem[a + e];
            float vel = momentum * mem[c + e] + g;
            mem[c + e] = vel;
            mem[a + e] = mem[a + e] - lr * vel;
        }
    }

    private void matmulRow(int i) {
        int rowC = c + i * n;
        int rowA = a + i * aRow;
        if (bCol == 1) {
            // i-k-j: rows of B and C are contiguous
            for (int j = 0; j < n; j++) {
                mem[rowC + j] = accumulate * mem[rowC + j];
            }
            for (int p = 0; p < k; p++) {
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

    private void matmulElement(int gid) {
        int i = gid / n;
        int j = gid % n;
        float sum = 0f;
        for (int p = 0; p < k; p++) {
            sum += mem[a + i * aRow + p * aCol] * mem[b + p * bRow + j * bCol];
        }
        mem[c + gid] = accumulate * mem[c + gid] + sum;
    }

    private void softmaxCrossEntropyRow(int i) {
        int row = a + i * n;
        int gradRow = b + i * n;
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
