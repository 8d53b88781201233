/**
 * The OpenCL implementation of the numerics kernels, through Aparapi. The only package of ML Arena that
 * imports {@code com.aparapi}.
 *
 * <p>Kernels here are "CPU-shaped" (one work-item per output row, inner loops in the kernel): on PoCL
 * that shape ran 10-40&times; faster than GPU-shaped 16&times;16 work-groups. Every launch checks where it
 * really ran; Aparapi's silent fall-back to its Java thread pool is reported, never hidden.
 */
package org.mlarena.numerics.opencl;
