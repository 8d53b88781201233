/**
 * The numerics library of ML Arena: the device model, the kernels' plain-Java reference implementations,
 * and the explicit, once-per-deployment choice of the device that runs them.
 *
 * <p>No {@code jakarta.*} import is allowed here: the library is used by batch jobs but is tested and
 * benchmarked as plain Java. Aparapi is confined to {@link org.mlarena.numerics.opencl}.
 */
package org.mlarena.numerics;
