package org.mlarena.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NumericsSelectionTest {

    @Test
    void preferenceParsesCaseInsensitivelyAndDefaultsToAuto() {
        assertEquals(DevicePreference.AUTO, DevicePreference.parse(null));
        assertEquals(DevicePreference.AUTO, DevicePreference.parse("  "));
        assertEquals(DevicePreference.GPU, DevicePreference.parse("GPU"));
        assertEquals(DevicePreference.JAVA, DevicePreference.parse(" java "));
    }

    @Test
    void unknownPreferenceNamesTheAcceptedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DevicePreference.parse("tpu"));
        assertTrue(e.getMessage().contains("'tpu'") && e.getMessage().contains("auto, gpu, cpu, java"), e.getMessage());
    }

    @Test
    void javaPreferenceNeverTouchesOpenCl() {
        Numerics numerics = Numerics.select(DevicePreference.JAVA);
        assertEquals(DeviceType.JAVA, numerics.device().type());
        assertEquals("configured: arena.numerics.device=java", numerics.selectionReason());
        DeviceCheck.Report report = DeviceCheck.run(numerics, 17, 5);
        assertTrue(report.matches());
        assertEquals(DeviceType.JAVA, report.ranOn().type());
        assertEquals(2L * 17 * 17 * 17, report.flops());
    }

    @Test
    void javaReferenceMultipliesRectangularMatrices() {
        float[] a = {1, 2, 3, 4, 5, 6};        // 2x3
        float[] b = {7, 8, 9, 10, 11, 12};     // 3x2
        float[] c = new float[4];
        KernelRun run = new JavaMatrixKernels().multiply(a, b, c, 2, 3, 2);
        assertEquals(58f, c[0]);
        assertEquals(64f, c[1]);
        assertEquals(139f, c[2]);
        assertEquals(154f, c[3]);
        assertEquals(24, run.flops());
    }

    @Test
    void wrongShapesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JavaMatrixKernels().multiply(new float[5], new float[6], new float[4], 2, 3, 2));
        assertEquals("A has 5 elements, expected m*k = 2*3", e.getMessage());
    }

    @Test
    void deviceCheckRejectsSizesOutOfRange() {
        Numerics numerics = Numerics.select(DevicePreference.JAVA);
        assertThrows(IllegalArgumentException.class, () -> DeviceCheck.run(numerics, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> DeviceCheck.run(numerics, DeviceCheck.MAX_SIZE + 1, 1));
    }
}
