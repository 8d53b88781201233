// A convolution's three products and a dense layer's forward product and weight gradient on a CPU device, written with OpenCL's vector
// types (see VectorProducts): PoCL compiles the kernels Aparapi translates from Java for 256-bit vectors only (its LLVM
// tunes AVX-512 processors so), and those kept their sums in memory between passes over four taps. Here a work-item
// holds a tile of 8 rows (filters, taps, channels) by 32 columns (positions, filters, outputs) in sixteen float16
// registers over the whole sum.
// Each convolution kernel is launched as a few work-groups of one work-item per compute unit, each taking a run of consecutive
// images (`images` split evenly between them): the weight gradient then writes a partial sum per run instead of per
// image (6.5 MB for the zoo CNN's second convolution), the direct kernels build their tables once per run, and a core
// the VM takes away leaves the runs not started to the others. (2, 8 or 128 work-groups read the same here.)

#define TILE 32

// Stores the valid values (at most 32) of a tile's row, or adds them to what is there.
void storeRow(__global float *out, float16 a, float16 b, int valid, bool add) {
    if (valid >= TILE) {
        if (add) {
            a += vload16(0, out);
            b += vload16(0, out + 16);
        }
        vstore16(a, 0, out);
        vstore16(b, 0, out + 16);
        return;
    }
    float row[TILE];
    vstore16(a, 0, row);
    vstore16(b, 0, row + 16);
    for (int i = 0; i < valid; i++) {
        out[i] = add ? out[i] + row[i] : row[i];
    }
}

// M(i, a, b) for each row i of a tile, a and b its sums (see TILE_SUMS_OF)
#define EACH_TILE_ROW(M) \
    M(0, a0, b0) M(1, a1, b1) M(2, a2, b2) M(3, a3, b3) M(4, a4, b4) M(5, a5, b5) M(6, a6, b6) M(7, a7, b7)

// The sums of a tile: a0..a7 and b0..b7 (8 rows by 32 columns) = sum over k < depth of WROW(q)[AT] * ROW[32 columns],
// WROW(q) a macro giving row q in SPACE, AT and ROW (in VSPACE) expressions of k. TILE_SUMS: w's row q at w + q * wRow
// (clamped to count - 1), its element k at + k * wStep, v's rows vStride apart.
#define TILE_SUMS TILE_SUMS_OF(__global, ROWS_APART, k * wStep, __local, v + k * vStride)
#define ROWS_APART(q) (w + min(q, count - 1) * wRow)
#define TILE_SUMS_OF(SPACE, WROW, AT, VSPACE, ROW) \
    SPACE const float *w0 = WROW(0); \
    SPACE const float *w1 = WROW(1); \
    SPACE const float *w2 = WROW(2); \
    SPACE const float *w3 = WROW(3); \
    SPACE const float *w4 = WROW(4); \
    SPACE const float *w5 = WROW(5); \
    SPACE const float *w6 = WROW(6); \
    SPACE const float *w7 = WROW(7); \
    float16 a0 = 0.0f, a1 = 0.0f, a2 = 0.0f, a3 = 0.0f, a4 = 0.0f, a5 = 0.0f, a6 = 0.0f, a7 = 0.0f; \
    float16 b0 = 0.0f, b1 = 0.0f, b2 = 0.0f, b3 = 0.0f, b4 = 0.0f, b5 = 0.0f, b6 = 0.0f, b7 = 0.0f; \
    for (int k = 0; k < depth; k++) { \
        VSPACE const float *row = ROW; \
        float16 lo = vload16(0, row); \
        float16 hi = vload16(0, row + 16); \
        int at = AT; \
        float x0 = w0[at], x1 = w1[at], x2 = w2[at], x3 = w3[at], x4 = w4[at], x5 = w5[at], x6 = w6[at], x7 = w7[at]; \
        a0 = fma((float16) x0, lo, a0); b0 = fma((float16) x0, hi, b0); \
        a1 = fma((float16) x1, lo, a1); b1 = fma((float16) x1, hi, b1); \
        a2 = fma((float16) x2, lo, a2); b2 = fma((float16) x2, hi, b2); \
        a3 = fma((float16) x3, lo, a3); b3 = fma((float16) x3, hi, b3); \
        a4 = fma((float16) x4, lo, a4); b4 = fma((float16) x4, hi, b4); \
        a5 = fma((float16) x5, lo, a5); b5 = fma((float16) x5, hi, b5); \
        a6 = fma((float16) x6, lo, a6); b6 = fma((float16) x6, hi, b6); \
        a7 = fma((float16) x7, lo, a7); b7 = fma((float16) x7, hi, b7); \
    }

// out[i] = from[i] for start <= i < end, zeros elsewhere below n: a row of columns (from is read only inside the run).
void run(__local float *out, __global const float *from, int start, int end, int n) {
    for (int i = 0; i < start; i++) {
        out[i] = 0.0f;
    }
    for (int i = start; i < end; i++) {
        out[i] = from[i];
    }
    for (int i = max(start, end); i < n; i++) {
        out[i] = 0.0f;
    }
}

// out (count <= 8 rows, `outStride` apart, `valid` values each) = the tile's sums (or += with add), v in local memory.
void tile8x32(__global const float *w, int wRow, int wStep, int count, __local const float *v, int vStride, int depth,
              __global float *out, int outStride, int valid, bool add) {
    TILE_SUMS
    storeRow(out, a0, b0, valid, add);
    if (count > 1) storeRow(out + outStride, a1, b1, valid, add);
    if (count > 2) storeRow(out + 2 * outStride, a2, b2, valid, add);
    if (count > 3) storeRow(out + 3 * outStride, a3, b3, valid, add);
    if (count > 4) storeRow(out + 4 * outStride, a4, b4, valid, add);
    if (count > 5) storeRow(out + 5 * outStride, a5, b5, valid, add);
    if (count > 6) storeRow(out + 6 * outStride, a6, b6, valid, add);
    if (count > 7) storeRow(out + 7 * outStride, a7, b7, valid, add);
}

// The same into local memory, whole rows of 32.
void tile8x32Local(__global const float *w, int wRow, int wStep, int count, __local const float *v, int vStride, int depth,
                   __local float *out, int outStride) {
    TILE_SUMS
    vstore16(a0, 0, out); vstore16(b0, 0, out + 16);
    if (count > 1) { vstore16(a1, 0, out + outStride); vstore16(b1, 0, out + outStride + 16); }
    if (count > 2) { vstore16(a2, 0, out + 2 * outStride); vstore16(b2, 0, out + 2 * outStride + 16); }
    if (count > 3) { vstore16(a3, 0, out + 3 * outStride); vstore16(b3, 0, out + 3 * outStride + 16); }
    if (count > 4) { vstore16(a4, 0, out + 4 * outStride); vstore16(b4, 0, out + 4 * outStride + 16); }
    if (count > 5) { vstore16(a5, 0, out + 5 * outStride); vstore16(b5, 0, out + 5 * outStride + 16); }
    if (count > 6) { vstore16(a6, 0, out + 6 * outStride); vstore16(b6, 0, out + 6 * outStride + 16); }
    if (count > 7) { vstore16(a7, 0, out + 7 * outStride); vstore16(b7, 0, out + 7 * outStride + 16); }
}

// y[image] = W times the image's columns: first its columns in local memory (rows `stride` apart, a multiple of 32;
// zeros past the positions and on the padding), then every tile of 8 filters by 32 positions from them. x and y are the
// first image's. A work-group of one needs no barrier: one of 28 (a tile per work-item) took 6.2 against 5.5 ms for the
// zoo CNN's second convolution.
void forwardImage(__global float *mem, __local float *columns, int x, int weights, int y, int channels, int height,
                  int width, int kernelSize, int pad, int step, int outH, int outW, int filters, int stride, int image) {
    int depth = channels * kernelSize * kernelSize;
    int positions = outH * outW;
    __global const float *in = mem + x + (size_t) image * channels * height * width;
    for (int r = 0; r < depth; r++) {
        int c = r / (kernelSize * kernelSize);
        int ky = (r / kernelSize) % kernelSize;
        int kx = r % kernelSize;
        __local float *row = columns + r * stride;
        __global const float *plane = in + c * height * width;
        for (int oy = 0; oy < outH; oy++) {
            int iy = oy * step + ky - pad;
            __local float *out = row + oy * outW;
            bool inside = iy >= 0 && iy < height;
            for (int ox = 0; ox < outW; ox++) {
                int ix = ox * step + kx - pad;
                out[ox] = inside && ix >= 0 && ix < width ? plane[iy * width + ix] : 0.0f;
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
        tile8x32(mem + weights + f0 * depth, depth, 1, min(8, filters - f0), columns + t * TILE, stride, depth,
                 mem + y + ((size_t) image * filters + f0) * positions + t * TILE, positions, min(TILE, positions - t * TILE), false);
    }
}

__kernel void forward(__global float *mem, __local float *columns, int x, int weights, int y, int channels, int height,
                      int width, int kernelSize, int pad, int step, int outH, int outW, int filters, int stride, int images) {
    int group = get_global_id(0);
    int groups = get_global_size(0);
    for (int image = group * images / groups; image < (group + 1) * images / groups; image++) {
        forwardImage(mem, columns, x, weights, y, channels, height, width, kernelSize, pad, step, outH, outW, filters, stride,
                     image);
    }
}

// The images' weight gradient, dW[f][r] = sum over images and positions p of dy[image][f][p] * columns[image][r][p], in
// partial sums: a work-item adds each image of its run to its own F x taps values in wide from `partials`; the backend
// then sums the work-items'. Per image: first its transposed columns in local memory (a row of the taps per
// position, rows `stride` apart, a multiple of 32; zeros past the taps and on the padding), then every tile of 8 filters by
// 32 taps from them. (A partial per image took 6.6-7.3 ms for the zoo CNN's second convolution: 6.5 MB written to memory
// and read back.) x and dy are the first image's.
__kernel void weightGradient(__global float *mem, __global float *wide, __local float *columns, int x, int dy, int partials,
                             int channels, int height, int width, int kernelSize, int pad, int step, int outH, int outW,
                             int filters, int stride, int images) {
    int group = get_global_id(0);
    int groups = get_global_size(0);
    int depth = channels * kernelSize * kernelSize;
    int positions = outH * outW;
    __global float *sums = wide + partials + (size_t) group * filters * depth;
    int first = group * images / groups;
    for (int image = first; image < (group + 1) * images / groups; image++) {
        __global const float *in = mem + x + (size_t) image * channels * height * width;
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                __local float *row = columns + (oy * outW + ox) * stride;
                // ix = ox * step + kx - pad: the taps inside the row are a contiguous run, zeros before and after it
                int x0 = ox * step - pad;
                int start = max(0, -x0);
                int end = min(kernelSize, width - x0);
                for (int c = 0; c < channels; c++) {
                    __global const float *plane = in + c * height * width;
                    for (int ky = 0; ky < kernelSize; ky++) {
                        int iy = oy * step + ky - pad;
                        bool inside = iy >= 0 && iy < height;
                        run(row + (c * kernelSize + ky) * kernelSize, plane + iy * width + x0, inside ? start : 0,
                            inside ? end : 0, kernelSize);
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
            tile8x32(mem + dy + ((size_t) image * filters + f0) * positions, positions, 1, min(8, filters - f0),
                     columns + t * TILE, stride, positions, sums + f0 * depth + t * TILE, depth, min(TILE, depth - t * TILE),
                     image > first);
        }
    }
}

// An image's input gradient (a strided convolution's; a step of 1 runs direct): its dy in local memory (rows `stride`
// apart, a multiple of 32, zeros after the positions), the column gradients W^T dy there (a tile of 8 taps by 32
// positions at a time), then each tap's column gradients added to dx where the tap read them. dy and dx are the first
// image's.
void inputGradientImage(__global float *mem, __local float *scratch, int dy, int weights, int dx, int channels,
                        int height, int width, int kernelSize, int pad, int step, int outH, int outW, int filters,
                        int stride, int image) {
    int depth = channels * kernelSize * kernelSize;
    int positions = outH * outW;
    __local float *rows = scratch;
    __local float *gradients = scratch + filters * stride;
    __global const float *g = mem + dy + (size_t) image * filters * positions;
    for (int f = 0; f < filters; f++) {
        for (int j = 0; j < positions; j++) {
            rows[f * stride + j] = g[f * positions + j];
        }
        for (int j = positions; j < stride; j++) {
            rows[f * stride + j] = 0.0f;
        }
    }
    int tiles = stride / TILE;
    for (int w = 0; w < (depth + 7) / 8 * tiles; w++) {
        int t = w % tiles;
        int r0 = w / tiles * 8;
        tile8x32Local(mem + weights + r0, 1, depth, min(8, depth - r0), rows + t * TILE, stride, filters,
                      gradients + r0 * stride + t * TILE, stride);
    }
    __global float *out = mem + dx + (size_t) image * channels * height * width;
    // each tap's column gradients added where the tap read them (gathered per value of dx, with the taps that reach it
    // found by division, resnet-small's strided convolution took 4.2 ms per input gradient; a step of 1 runs direct)
    int kk = kernelSize * kernelSize;
    for (int i = 0; i < channels * height * width; i++) {
        out[i] = 0.0f;
    }
    for (int r = 0; r < depth; r++) {
        int ky = r % kk / kernelSize;
        int kx = r % kernelSize;
        __local const float *from = gradients + r * stride;
        __global float *plane = out + r / kk * height * width;
        for (int oy = 0; oy < outH; oy++) {
            int iy = oy * step + ky - pad;
            if (iy >= 0 && iy < height) {
                for (int ox = 0; ox < outW; ox++) {
                    int ix = ox * step + kx - pad;
                    if (ix >= 0 && ix < width) {
                        plane[iy * width + ix] += from[oy * outW + ox];
                    }
                }
            }
        }
    }
}

__kernel void inputGradient(__global float *mem, __local float *scratch, int dy, int weights, int dx, int channels,
                            int height, int width, int kernelSize, int pad, int step, int outH, int outW, int filters,
                            int stride, int images) {
    int group = get_global_id(0);
    int groups = get_global_size(0);
    for (int image = group * images / groups; image < (group + 1) * images / groups; image++) {
        inputGradientImage(mem, scratch, dy, weights, dx, channels, height, width, kernelSize, pad, step, outH, outW, filters,
                           stride, image);
    }
}

// Direct convolutions of step 1, reading the input from a zero-padded copy in local memory instead of columns (building
// an image's 78,400 column values took 3.6 of the 4.6 ms of the zoo CNN's second convolution forward). Over a grid of
// positions as wide as the padded plane (pw), the value of tap (channel, ky, kx) at position q is the padded plane's at
// q + ky * pw + kx, so 32 consecutive positions are 32 consecutive values of the copy; the grid's last kernelSize - 1
// columns are computed and dropped (the methodology counts them).

// A tile's sums as 8 rows of 32 into local `out`.
#define STORE_TILE(out) \
    vstore16(a0, 0, out); vstore16(b0, 0, out + 16); \
    vstore16(a1, 0, out + 32); vstore16(b1, 0, out + 48); \
    vstore16(a2, 0, out + 64); vstore16(b2, 0, out + 80); \
    vstore16(a3, 0, out + 96); vstore16(b3, 0, out + 112); \
    vstore16(a4, 0, out + 128); vstore16(b4, 0, out + 144); \
    vstore16(a5, 0, out + 160); vstore16(b5, 0, out + 176); \
    vstore16(a6, 0, out + 192); vstore16(b6, 0, out + 208); \
    vstore16(a7, 0, out + 224); vstore16(b7, 0, out + 240);

// out (8 rows of 32, local) = sum over k < depth of w[row][wAt[k]] * v[vAt[k] + 0..31], w's rows wRow apart (clamped to
// count - 1).
void directTile(__global const float *w, int wRow, int count, __local const int *wAt, __local const float *v,
                __local const int *vAt, int depth, __local float *out) {
    TILE_SUMS_OF(__global, ROWS_APART, wAt[k], __local, v + vAt[k])
    STORE_TILE(out)
}

// Copies `planes` planes of h x w from `from` into `to` with `border` zeros around each (planes of (h + 2 border) x
// (w + 2 border)), then `slack` zeros after the last.
void padPlanes(__local float *to, __global const float *from, int planes, int h, int w, int border, int slack) {
    int pw = w + 2 * border;
    int plane = (h + 2 * border) * pw;
    for (int i = 0; i < planes * plane + slack; i++) {
        to[i] = 0.0f;
    }
    for (int p = 0; p < planes; p++) {
        for (int iy = 0; iy < h; iy++) {
            __local float *row = to + p * plane + (iy + border) * pw + border;
            __global const float *src = from + (p * h + iy) * w;
            for (int ix = 0; ix < w; ix++) {
                row[ix] = src[ix];
            }
        }
    }
}

// The products of direct tiles into `out` (`rows` planes of outH x outW, `rowCount` of them): every tile of 8 rows by 32
// grid positions, the grid `pw` wide, its columns from outW on dropped.
void directProducts(__global const float *w, int wRow, int rows, __local const int *wAt, __local const float *padded,
                    __local const int *vAt, int depth, __local float *tile, int outH, int outW, int pw,
                    __global float *out) {
    int grid = outH * pw;
    for (int r0 = 0; r0 < rows; r0 += 8) {
        int count = min(8, rows - r0);
        for (int q0 = 0; q0 < grid; q0 += TILE) {
            directTile(w + r0 * wRow, wRow, count, wAt, padded + q0, vAt, depth, tile);
            // the tile's positions as runs along the grid's rows, each run's kept part copied (tested per position, the
            // stores took longer than the sums of the zoo CNN's first convolution)
            for (int q = q0; q < min(q0 + TILE, grid);) {
                int oy = q / pw;
                int ox = q - oy * pw;
                int run = min(pw - ox, q0 + TILE - q);
                for (int i = 0; i < count; i++) {
                    __global float *to = out + (r0 + i) * outH * outW + oy * outW;
                    __local const float *from = tile + i * TILE + q - q0 - ox;
                    for (int j = ox; j < min(ox + run, outW); j++) {
                        to[j] = from[j];
                    }
                }
                q += run;
            }
        }
    }
}

// y = W * x for a step of 1. Local: the padded planes, their slack, two tables of depth ints and a tile
// (VectorProducts.directFloats).
__kernel void forwardDirect(__global float *mem, __local float *scratch, int x, int weights, int y, int channels,
                            int height, int width, int kernelSize, int pad, int outH, int outW, int filters, int images) {
    int group = get_global_id(0);
    int groups = get_global_size(0);
    int kk = kernelSize * kernelSize;
    int depth = channels * kk;
    int pw = width + 2 * pad;
    int plane = (height + 2 * pad) * pw;
    int slack = TILE + kernelSize;
    __local float *padded = scratch;
    __local int *wAt = (__local int *) (scratch + channels * plane + slack);
    __local int *vAt = wAt + depth;
    __local float *tile = (__local float *) (vAt + depth);
    for (int k = 0; k < depth; k++) {
        wAt[k] = k;
        vAt[k] = k / kk * plane + (k % kk) / kernelSize * pw + k % kernelSize;
    }
    for (int image = group * images / groups; image < (group + 1) * images / groups; image++) {
        padPlanes(padded, mem + x + (size_t) image * channels * height * width, channels, height, width, pad, slack);
        directProducts(mem + weights, depth, filters, wAt, padded, vAt, depth, tile, outH, outW, pw,
                       mem + y + (size_t) image * filters * outH * outW);
    }
}

// dx from dy and W for a step of 1 and pad < kernelSize: the full correlation of dy, padded by kernelSize - 1 - pad, with
// the flipped kernels: dx[c][q] = sum over (f, ky, kx) of W[f][c][kernelSize - 1 - ky][kernelSize - 1 - kx] *
// dyPadded[f][q + ky * pw + kx]. Local: as forwardDirect's, over dy's planes padded by kernelSize - 1 - pad.
__kernel void inputGradientDirect(__global float *mem, __local float *scratch, int dy, int weights, int dx, int channels,
                                  int height, int width, int kernelSize, int pad, int outH, int outW, int filters,
                                  int images) {
    int group = get_global_id(0);
    int groups = get_global_size(0);
    int kk = kernelSize * kernelSize;
    int depth = filters * kk;
    int border = kernelSize - 1 - pad;
    int pw = outW + 2 * border;
    int plane = (outH + 2 * border) * pw;
    int slack = TILE + kernelSize;
    __local float *padded = scratch;
    __local int *wAt = (__local int *) (scratch + filters * plane + slack);
    __local int *vAt = wAt + depth;
    __local float *tile = (__local float *) (vAt + depth);
    for (int k = 0; k < depth; k++) {
        int f = k / kk;
        int t = k % kk;
        wAt[k] = f * channels * kk + kk - 1 - t;
        vAt[k] = f * plane + t / kernelSize * pw + t % kernelSize;
    }
    for (int image = group * images / groups; image < (group + 1) * images / groups; image++) {
        padPlanes(padded, mem + dy + (size_t) image * filters * outH * outW, filters, outH, outW, border, slack);
        directProducts(mem + weights, kk, channels, wAt, padded, vAt, depth, tile, height, width, pw,
                       mem + dx + (size_t) image * channels * height * width);
    }
}


// The images' weight gradient for a step of 1, in partial sums as weightGradient's: dW[f][tap] = sum over grid positions
// q of xPadded[tap's channel][q + ky * pw + kx] * dyGrid[f][q], dy laid on the grid (zeros in its dropped columns) and
// transposed, 32 filters to a row, so that a tile of 8 taps by 32 filters takes the taps' values one by one and the
// filters' as vectors. Local: the padded planes and their slack, dy on the grid (filters rounded up to 32 per row), a
// table of depth ints and a tile (VectorProducts.directWeightFloats).
#define TAP_ROWS(q) (padded + vAt[t0 + min(q, count - 1)])

// out (8 rows of 32, local) = sum over q < depth of padded[vAt[t0 + row] + q] * v[q * vStride + 0..31] (rows past
// count repeat the last).
void tapTile(__local const float *padded, __local const int *vAt, int t0, int count, __local const float *v, int vStride,
             int depth, __local float *out) {
    TILE_SUMS_OF(__local, TAP_ROWS, k, __local, v + k * vStride)
    STORE_TILE(out)
}

__kernel void weightGradientDirect(__global float *mem, __global float *wide, __local float *scratch, int x, int dy,
                                   int partials, int channels, int height, int width, int kernelSize, int pad, int outH,
                                   int outW, int filters, int images) {
    int group = get_global_id(0);
    int groups = get_global_size(0);
    int kk = kernelSize * kernelSize;
    int depth = channels * kk;
    int pw = width + 2 * pad;
    int plane = (height + 2 * pad) * pw;
    int grid = outH * pw;
    int slack = TILE + kernelSize;
    int row = (filters + TILE - 1) / TILE * TILE;
    __local float *padded = scratch;
    __local float *dyGrid = scratch + channels * plane + slack;
    __local int *vAt = (__local int *) (dyGrid + grid * row);
    __local float *tile = (__local float *) (vAt + depth);
    for (int k = 0; k < depth; k++) {
        vAt[k] = k / kk * plane + (k % kk) / kernelSize * pw + k % kernelSize;
    }
    __global float *sums = wide + partials + (size_t) group * filters * depth;
    int first = group * images / groups;
    for (int image = first; image < (group + 1) * images / groups; image++) {
        padPlanes(padded, mem + x + (size_t) image * channels * height * width, channels, height, width, pad, slack);
        for (int i = 0; i < grid * row; i++) {
            dyGrid[i] = 0.0f;
        }
        __global const float *g = mem + dy + (size_t) image * filters * outH * outW;
        for (int f = 0; f < filters; f++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    dyGrid[(oy * pw + ox) * row + f] = g[(f * outH + oy) * outW + ox];
                }
            }
        }
        for (int t0 = 0; t0 < depth; t0 += 8) {
            int count = min(8, depth - t0);
            for (int f0 = 0; f0 < filters; f0 += TILE) {
                tapTile(padded, vAt, t0, count, dyGrid + f0, row, grid, tile);
                for (int j = 0; j < min(TILE, filters - f0); j++) {
                    __global float *to = sums + (f0 + j) * depth + t0;
                    for (int i = 0; i < count; i++) {
                        to[i] = image > first ? to[i] + tile[i * TILE + j] : tile[i * TILE + j];
                    }
                }
            }
        }
    }
}

// A dense layer's product on a CPU device: y (rows x outputs) = x (rows x inputs) W (inputs x outputs) + bias, ReLU if
// asked, a work-item per tile of 8 rows by 32 outputs (outputs a multiple of 32), x's values taken one by one and W's
// rows as vectors.
__kernel void dense(__global float *mem, int rows, int outputs, int inputs, int x, int weights, int y, int bias, int relu) {
    int tiles = outputs / TILE;
    int r0 = get_global_id(0) / tiles * 8;
    int n0 = get_global_id(0) % tiles * TILE;
    int count = min(8, rows - r0);
    __global const float *w = mem + x + (size_t) r0 * inputs;
    int wRow = inputs;
    int depth = inputs;
    __global const float *v = mem + weights + n0;
    TILE_SUMS_OF(__global, ROWS_APART, k, __global, v + (size_t) k * outputs)
    float16 biasLo = vload16(0, mem + bias + n0);
    float16 biasHi = vload16(0, mem + bias + n0 + 16);
    float16 zero = 0.0f;
    __global float *out = mem + y + (size_t) r0 * outputs + n0;
#define DENSE_ROW(i, a, b) \
    if (count > i) { \
        float16 lo = a + biasLo; \
        float16 hi = b + biasHi; \
        vstore16(relu ? fmax(lo, zero) : lo, 0, out + i * outputs); \
        vstore16(relu ? fmax(hi, zero) : hi, 0, out + i * outputs + 16); \
    }
    EACH_TILE_ROW(DENSE_ROW)
}

// The optimiser's step of parameters p from their gradients g (T float or float16): AdamW with its moments m and v
// (optimiser 1), or SGD with momentum, its velocity in m (optimiser 2); the arithmetic of ArenaKernel's adam and sgd.
#define OPTIMISER_STEP(g, p, m, v) \
    if (optimiser == 1) { \
        m = beta1 * m + (1.0f - beta1) * g; \
        v = beta2 * v + (1.0f - beta2) * g * g; \
        p = p * (1.0f - lr * decay) - lr * (m / c1) / (sqrt(v / c2) + epsilon); \
    } else { \
        m = momentum * m + (g + decay * p); \
        p = p - lr * m; \
    }
#define STEP_ARGUMENTS int optimiser, int parameters, float lr, float beta1, float beta2, float epsilon, float decay, \
    float c1, float c2, float momentum
#define STEP_VALUES optimiser, parameters, lr, beta1, beta2, epsilon, decay, c1, c2, momentum

// Stores 16 gradients at grad and, with an optimiser, steps their parameters: the parameters lie P = parameters floats
// before their gradients, the first moments (or velocities) P after, the second moments 2P after.
void storeAndStep(__global float *grad, float16 g, STEP_ARGUMENTS) {
    vstore16(g, 0, grad);
    if (optimiser == 0) {
        return;
    }
    float16 p = vload16(0, grad - parameters);
    float16 m = vload16(0, grad + parameters);
    float16 v = optimiser == 1 ? vload16(0, grad + 2 * parameters) : 0.0f;
    OPTIMISER_STEP(g, p, m, v)
    vstore16(p, 0, grad - parameters);
    vstore16(m, 0, grad + parameters);
    if (optimiser == 1) {
        vstore16(v, 0, grad + 2 * parameters);
    }
}

// A dense layer's parameter gradients, and with an optimiser the step of all the network's parameters in the same
// launch (the layer is the network's first: its gradients are the last to be computed). A work-item per tile of 8
// inputs by 32 outputs of dW (inputs x outputs) = x^T dy (x rows x inputs, dy rows x outputs), x's values taken one
// by one and dy's rows as vectors; then one per 32 outputs of the bias gradient db (dy's column sums); then one per
// chunk of the parameters [restFrom, restTo) whose gradients are already there (the layers above).
__kernel void denseWeightGradient(__global float *mem, int rows, int outputs, int inputs, int x, int dy, int dw, int db,
                                  int restFrom, int restTo, int restChunk, STEP_ARGUMENTS) {
    int tiles = outputs / TILE;
    int weightTiles = (inputs + 7) / 8 * tiles;
    int id = get_global_id(0);
    if (id < weightTiles) {
        int i0 = id / tiles * 8;
        int n0 = id % tiles * TILE;
        int count = min(8, inputs - i0);
        __global const float *w = mem + x + i0;
        int wRow = 1;
        int wStep = inputs;
        int depth = rows;
        __global const float *v = mem + dy + n0;
        TILE_SUMS_OF(__global, ROWS_APART, k * wStep, __global, v + (size_t) k * outputs)
        __global float *out = mem + dw + (size_t) i0 * outputs + n0;
#define GRADIENT_ROW(i, a, b) \
        if (count > i) { \
            storeAndStep(out + i * outputs, a, STEP_VALUES); \
            storeAndStep(out + i * outputs + 16, b, STEP_VALUES); \
        }
        EACH_TILE_ROW(GRADIENT_ROW)
    } else if (id < weightTiles + tiles) {
        int n0 = (id - weightTiles) * TILE;
        float16 lo = 0.0f;
        float16 hi = 0.0f;
        for (int r = 0; r < rows; r++) {
            lo += vload16(0, mem + dy + (size_t) r * outputs + n0);
            hi += vload16(0, mem + dy + (size_t) r * outputs + n0 + 16);
        }
        storeAndStep(mem + db + n0, lo, STEP_VALUES);
        storeAndStep(mem + db + n0 + 16, hi, STEP_VALUES);
    } else {
        int first = restFrom + (id - weightTiles - tiles) * restChunk;
        int last = min(first + restChunk, restTo);
        int e = first;
        for (; e + 16 <= last; e += 16) {
            __global float *grad = mem + parameters + e;
            storeAndStep(grad, vload16(0, grad), STEP_VALUES);
        }
        for (; e < last; e++) {
            float g = mem[parameters + e];
            float p = mem[e];
            float m = mem[2 * parameters + e];
            float v = optimiser == 1 ? mem[3 * parameters + e] : 0.0f;
            OPTIMISER_STEP(g, p, m, v)
            mem[e] = p;
            mem[2 * parameters + e] = m;
            if (optimiser == 1) {
                mem[3 * parameters + e] = v;
            }
        }
    }
}

// Stores the valid values (at most 32) of a tile's row of input gradients, zero where the layer below's output is not
// positive when masked (its ReLU's backward pass).
void storeMasked(__global float *out, float16 a, float16 b, int valid, int masked, __global const float *below) {
    float row[TILE];
    vstore16(a, 0, row);
    vstore16(b, 0, row + 16);
    for (int i = 0; i < valid; i++) {
        out[i] = !masked || below[i] > 0.0f ? row[i] : 0.0f;
    }
}

// A small dense layer's backward pass (fewer than 32 outputs: an output layer) in one launch, a work-item per:
// 8 inputs of its weight gradient dW (inputs x outputs) = x^T dy, dy copied to local memory with its rows 32 floats
// apart (zero-padded); 8 rows of its input gradient dx (rows x inputs) = dy W^T, W copied transposed to local memory
// with its rows a whole number of tiles apart, zero where the layer below's output at reluOf (unless -1) is not
// positive; and its bias gradient db (dy's column sums).
__kernel void denseBackward(__global float *mem, __local float *scratch, int rows, int outputs, int inputs, int x, int dy,
                            int weights, int dw, int db, int dx, int reluOf) {
    int weightItems = (inputs + 7) / 8;
    int inputItems = (rows + 7) / 8;
    int id = get_global_id(0);
    if (id < weightItems) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < TILE; j++) {
                scratch[r * TILE + j] = j < outputs ? mem[dy + r * outputs + j] : 0.0f;
            }
        }
        int i0 = id * 8;
        int count = min(8, inputs - i0);
        __global const float *w = mem + x + i0;
        int wRow = 1;
        int wStep = inputs;
        int depth = rows;
        TILE_SUMS_OF(__global, ROWS_APART, k * wStep, __local, scratch + k * TILE)
        __global float *out = mem + dw + i0 * outputs;
#define WEIGHT_ROW(i, a, b) \
        if (count > i) { \
            storeRow(out + i * outputs, a, b, outputs, false); \
        }
        EACH_TILE_ROW(WEIGHT_ROW)
    } else if (id < weightItems + inputItems) {
        int stride = (inputs + TILE - 1) / TILE * TILE;
        for (int j = 0; j < outputs; j++) {
            for (int i = 0; i < stride; i++) {
                scratch[j * stride + i] = i < inputs ? mem[weights + i * outputs + j] : 0.0f;
            }
        }
        int r0 = (id - weightItems) * 8;
        int count = min(8, rows - r0);
        __global const float *w = mem + dy + r0 * outputs;
        int wRow = outputs;
        int depth = outputs;
        int masked = reluOf >= 0;
        for (int i0 = 0; i0 < inputs; i0 += TILE) {
            TILE_SUMS_OF(__global, ROWS_APART, k, __local, scratch + k * stride + i0)
            int valid = min(TILE, inputs - i0);
            __global float *out = mem + dx + r0 * inputs + i0;
            __global const float *below = mem + (masked ? reluOf : 0) + r0 * inputs + i0;
#define INPUT_ROW(i, a, b) \
            if (count > i) { \
                storeMasked(out + i * inputs, a, b, valid, masked, below + i * inputs); \
            }
            EACH_TILE_ROW(INPUT_ROW)
        }
    } else {
        for (int j = 0; j < outputs; j++) {
            float sum = 0.0f;
            for (int r = 0; r < rows; r++) {
                sum += mem[dy + r * outputs + j];
            }
            mem[db + j] = sum;
        }
    }
}

// A probe: the program runs, its arguments arrive and its write reaches the array.
__kernel void probe(__global float *mem, int at, int value) {
    if (get_global_id(0) == 0) {
        mem[at] = (float) value;
    }
}
