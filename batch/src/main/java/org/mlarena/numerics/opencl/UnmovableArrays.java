package org.mlarena.numerics.opencl;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Arrays the garbage collector does not move, for state that lives on the device only (written by one launch, read by a
 * later one). At every launch Aparapi pins each array and, when the array lies elsewhere than at the previous launch,
 * drops its device buffer and makes a new one from the array's contents in the heap: for an array whose current contents
 * exist only on the device (node histograms, a network's resident memory) that silently puts back stale values. It
 * happened: about one fit in 15 on PoCL under load grew a different tree. G1 never moves a humongous object (at least
 * half a region), so every array here has at least that many bytes, its tail unused; Aparapi sends whole arrays, so
 * these are for arrays the host seldom sends or reads. Arrays sent with every launch need none of this: a moved one is
 * sent again as it is.
 */
final class UnmovableArrays {

    /** Half of G1's largest region (32 MiB) when the region size cannot be read. */
    private static final long FALLBACK_BYTES = 16L << 20;
    private static final long HUMONGOUS_BYTES = humongousBytes();

    private UnmovableArrays() {
    }

    static int[] ints(int length) {
        return new int[elements(length, Integer.BYTES)];
    }

    static float[] floats(int length) {
        return new float[elements(length, Float.BYTES)];
    }

    static double[] doubles(int length) {
        return new double[elements(length, Double.BYTES)];
    }

    static byte[] bytes(int length) {
        return new byte[elements(length, 1)];
    }

    private static int elements(int length, int bytes) {
        return (int) Math.max(length, (HUMONGOUS_BYTES + bytes - 1) / bytes);
    }

    private static long humongousBytes() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long region = Long.parseLong(hotSpot.getVMOption("G1HeapRegionSize").getValue());
            return region > 0 ? region / 2 : FALLBACK_BYTES;
        } catch (RuntimeException | LinkageError e) {
            return FALLBACK_BYTES;
        }
    }
}
