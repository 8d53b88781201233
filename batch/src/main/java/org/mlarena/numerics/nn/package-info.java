/**
 * Neural-network training on a {@link org.mlarena.numerics.nn.Backend}: a flat, device-resident memory
 * (parameters, gradients, optimiser state and activations in one {@code float[]} at fixed offsets), so
 * that a training step uploads only the batch and downloads only the per-row losses.
 *
 * <p>Why flat: Aparapi keeps a device buffer per kernel field of one kernel instance; separate kernels
 * cannot share buffers. One kernel class whose fields are these few arrays, addressed by offsets, keeps
 * everything on the device between launches. The plain-Java {@link org.mlarena.numerics.nn.JavaBackend}
 * is the reference that the OpenCL backend is tested against.
 *
 * <p>FLOPs are counted per launch with one convention (see {@link org.mlarena.numerics.nn.Flops}).
 */
package org.mlarena.numerics.nn;
