// A convolution's forward product and weight gradient on a CPU device, written with OpenCL's vector types (see ConvolutionProducts): PoCL
// compiles the kernels Aparapi translates from Java for 256-bit vectors only (its LLVM tunes AVX-512 processors so),
// and those kept their sums in memory between passes over four taps. Here a work-item holds a tile of 8 filters by 32
// positions in sixteen float16 registers over the whole sum.

#define TILE 32

// Stores the valid values (at most 32) of a tile's row.
void storeRow(__global float *out, float16 a, float16 b, int valid) {
    if (valid >= TILE) {
        vstore16(a, 0, out);
        vstore16(b, 0, out + 16);
        return;
    }
    float row[TILE];
    vstore16(a, 0, row);
    vstore16(b, 0, row + 16);
    for (int i = 0; i < valid; i++) {
        out[i] = row[i];
    }
}

// out (count <= 8 rows, `outStride` apart, `valid` values each) = w (count rows of `depth` values) times columns
// (`depth` rows of 32 values, `stride` apart).
void tile8x32(__global const float *w, int depth, int count, __local const float *columns, int stride,
              __global float *out, int outStride, int valid) {
    __global const float *w0 = w;
    __global const float *w1 = w + min(1, count - 1) * depth;
    __global const float *w2 = w + min(2, count - 1) * depth;
    __global const float *w3 = w + min(3, count - 1) * depth;
    __global const float *w4 = w + min(4, count - 1) * depth;
    __global const float *w5 = w + min(5, count - 1) * depth;
    __global const float *w6 = w + min(6, count - 1) * depth;
    __global const float *w7 = w + min(7, count - 1) * depth;
    float16 a0 = 0.0f, a1 = 0.0f, a2 = 0.0f, a3 = 0.0f, a4 = 0.0f, a5 = 0.0f, a6 = 0.0f, a7 = 0.0f;
    float16 b0 = 0.0f, b1 = 0.0f, b2 = 0.0f, b3 = 0.0f, b4 = 0.0f, b5 = 0.0f, b6 = 0.0f, b7 = 0.0f;
    for (int k = 0; k < depth; k++) {
        __local const float *row = columns + k * stride;
        float16 lo = vload16(0, row);
        float16 hi = vload16(0, row + 16);
        float x0 = w0[k], x1 = w1[k], x2 = w2[k], x3 = w3[k], x4 = w4[k], x5 = w5[k], x6 = w6[k], x7 = w7[k];
        a0 = fma((float16) x0, lo, a0); b0 = fma((float16) x0, hi, b0);
        a1 = fma((float16) x1, lo, a1); b1 = fma((float16) x1, hi, b1);
        a2 = fma((float16) x2, lo, a2); b2 = fma((float16) x2, hi, b2);
        a3 = fma((float16) x3, lo, a3); b3 = fma((float16) x3, hi, b3);
        a4 = fma((float16) x4, lo, a4); b4 = fma((float16) x4, hi, b4);
        a5 = fma((float16) x5, lo, a5); b5 = fma((float16) x5, hi, b5);
        a6 = fma((float16) x6, lo, a6); b6 = fma((float16) x6, hi, b6);
        a7 = fma((float16) x7, lo, a7); b7 = fma((float16) x7, hi, b7);
    }
    storeRow(out, a0, b0, valid);
    if (count > 1) storeRow(out + outStride, a1, b1, valid);
    if (count > 2) storeRow(out + 2 * outStride, a2, b2, valid);
    if (count > 3) storeRow(out + 3 * outStride, a3, b3, valid);
    if (count > 4) storeRow(out + 4 * outStride, a4, b4, valid);
    if (count > 5) storeRow(out + 5 * outStride, a5, b5, valid);
    if (count > 6) storeRow(out + 6 * outStride, a6, b6, valid);
    if (count > 7) storeRow(out + 7 * outStride, a7, b7, valid);
}

// y[image] = W times the image's columns, a work-item (a work-group of its own) per image: first its columns in local
// memory (rows `stride` apart, a multiple of 32; zeros past the positions and on the padding), then every tile of 8
// filters by 32 positions from them. x and y are the first image's. A work-group of one needs no barrier: one of 28
// (a tile per work-item) took 6.2 against 5.5 ms for the zoo CNN's second convolution.
__kernel void forward(__global float *mem, __local float *columns, int x, int weights, int y, int channels, int height,
                      int width, int kernelSize, int pad, int step, int outH, int outW, int filters, int stride) {
    int image = get_global_id(0);
    int depth = channels * kernelSize * kernelSize;
    int positions = outH * outW;
    __global const float *in = mem + x + (size_t) image * channels * height * width;
    for (int r = 0; r < depth; r++) {
        int c = r / (kernelSize * kernelSize);
        int ky = (r / kernelSize) % kernelSize;
        int kx = r % kernelSize;
        __local float *row = columns + r * stride;
        __global const float *plane = in + c * height * width;
        // with a step of 1, ix = ox + kx - pad: zeros, a contiguous copy, zeros, no test per value (tested per value,
        // the columns took 7.1 ms of the zoo CNN's second convolution, as runs 2.2)
        int start = step == 1 ? max(0, pad - kx) : outW;
        int end = step == 1 ? min(outW, width + pad - kx) : outW;
        for (int oy = 0; oy < outH; oy++) {
            int iy = oy * step + ky - pad;
            __local float *out = row + oy * outW;
            if (iy < 0 || iy >= height) {
                for (int ox = 0; ox < outW; ox++) {
                    out[ox] = 0.0f;
                }
                continue;
            }
            __global const float *from = plane + iy * width + kx - pad;
            for (int ox = 0; ox < start; ox++) {
                out[ox] = 0.0f;
            }
            for (int ox = start; ox < end; ox++) {
                out[ox] = from[ox];
            }
            for (int ox = max(start, end); ox < outW; ox++) {
                out[ox] = 0.0f;
            }
            if (step > 1) {
                for (int ox = 0; ox < outW; ox++) {
                    int ix = ox * step + kx - pad;
                    out[ox] = ix >= 0 && ix < width ? plane[iy * width + ix] : 0.0f;
                }
            }
        }
        for (int j = positions; j < stride; j++) {
            row[j] = 0.0f;
        }
    }
    int tiles = stride / TILE;
    for (int w = 0; w < (filters + 7) / 8 * tiles; w++) {
        int t = w % tiles;
        int f0 = w / tiles * 8;
        tile8x32(mem + weights + f0 * depth, depth, min(8, filters - f0), columns + t * TILE, stride,
                 mem + y + ((size_t) image * filters + f0) * positions + t * TILE, positions, min(TILE, positions - t * TILE));
    }
}

// Each image's weight gradient: dW_image[f][r] = sum over positions p of dy[image][f][p] * columns[image][r][p], a
// work-item (a work-group of its own) per image: first its transposed columns in local memory (a row of the taps per
// position, rows `stride` apart, a multiple of 32; zeros past the taps and on the padding), then every tile of 8 filters
// by 32 taps from them, into wide from `partials` (the image's F x taps values); the backend then sums the images.
// x and dy are the first image's.
__kernel void weightGradient(__global float *mem, __global float *wide, __local float *columns, int x, int dy, int partials,
                             int channels, int height, int width, int kernelSize, int pad, int step, int outH, int outW,
                             int filters, int stride) {
    int image = get_global_id(0);
    int depth = channels * kernelSize * kernelSize;
    int positions = outH * outW;
    __global const float *in = mem + x + (size_t) image * channels * height * width;
    for (int oy = 0; oy < outH; oy++) {
        for (int ox = 0; ox < outW; ox++) {
            __local float *row = columns + (oy * outW + ox) * stride;
            for (int c = 0; c < channels; c++) {
                __global const float *plane = in + c * height * width;
                for (int ky = 0; ky < kernelSize; ky++) {
                    int iy = oy * step + ky - pad;
                    __local float *taps = row + (c * kernelSize + ky) * kernelSize;
                    for (int kx = 0; kx < kernelSize; kx++) {
                        int ix = ox * step + kx - pad;
                        taps[kx] = iy >= 0 && iy < height && ix >= 0 && ix < width ? plane[iy * width + ix] : 0.0f;
                    }
                }
            }
            for (int r = depth; r < stride; r++) {
                row[r] = 0.0f;
            }
        }
    }
    int tiles = stride / TILE;
    for (int w = 0; w < (filters + 7) / 8 * tiles; w++) {
        int t = w % tiles;
        int f0 = w / tiles * 8;
        tile8x32(mem + dy + ((size_t) image * filters + f0) * positions, positions, min(8, filters - f0), columns + t * TILE,
                 stride, wide + partials + ((size_t) image * filters + f0) * depth + t * TILE, depth, min(TILE, depth - t * TILE));
    }
}

// A probe: the program runs, its arguments arrive and its write reaches the array.
__kernel void probe(__global float *mem, int at, int value) {
    if (get_global_id(0) == 0) {
        mem[at] = (float) value;
    }
}
