package org.mlarena.numerics;

/**
 * What one kernel launch did.
 *
 * @param ranOn the device that really executed it (which may differ from the one asked for if a
 *              runtime fell back), never a guess
 * @param nanos wall time of the launch including transfers
 * @param flops floating-point operations performed, 2 per multiply-add
 */
public record KernelRun(ComputeDevice ranOn, long nanos, long flops) {
}
