package org.mlarena.web.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DisplayTest {

    @Test
    void operationsAndBytesWithSiPrefixesAndThreeSignificantDigits() {
        assertEquals("950 FLOPs", Display.flops(950));
        assertEquals("37.9 MFLOPs", Display.flops(3.791e7));
        assertEquals("1.00 kFLOPs", Display.flops(999.6), "rounding up crosses to the next prefix");
        assertEquals("242 GFLOPs", Display.pflops(2.423e-4));
        assertEquals("0 FLOPs", Display.flops(0L));
        assertEquals("12,300 EFLOPs", Display.flops(1.23e22), "past the last prefix the digits group");
        assertEquals("1.63 MB", Display.bytes(1_629_000));
        assertEquals("10.0 PFLOPs", Display.pflops(10), "an exact figure keeps three digits, as a rounded one does");
        assertEquals(Display.pflops(9.99996), Display.pflops(10));
        assertEquals(Display.NONE, Display.flops(null));
    }

    @Test
    void energyAndCarbonAsPeopleReadThem() {
        assertEquals("3.70 J", Display.energy(3.7));
        assertEquals("3 J", Display.energy(3.0));
        assertEquals("12.4 kJ", Display.energy(12_400));
        assertEquals("1.25 kWh", Display.energy(4.5e6));
        assertEquals("0.013 g", Display.gco2e(0.01314));
        assertEquals("< 0.01 g", Display.gco2e(0.0004), "a small mass is not shown as zero");
        assertEquals("0 g", Display.gco2e(0));
        assertEquals("1,200 g", Display.gco2e(1234));
        assertEquals(Display.NONE, Display.energy(Double.NaN));
    }

    @Test
    void categoriesAndMetricsByTheirNames() {
        assertEquals("Tabular classification", Display.category("TABULAR_CLASSIFICATION"));
        assertEquals("Completed", Display.status("COMPLETED"));
        assertEquals("Budget spent", Display.status("BUDGET_EXHAUSTED"));
        assertEquals(org.mlarena.evaluation.MetricRegistry.standard().get("rmse").name(), Display.metric("rmse"));
        assertEquals("no_such_metric", Display.metric("no_such_metric"), "an unknown id stays as it is");
    }

    @Test
    void countsScoresAndPlainDecimals() {
        assertEquals("203,530", Display.count(203_530));
        assertEquals("0.9615", Display.score(0.96149));
        assertEquals("0.0004", Display.plain(4.0E-4), "never E-notation in a file");
        assertEquals("37910000", Display.plain(3.791E7));
        assertEquals("12", Display.plain(12L));
        assertEquals("", Display.plain(Double.NaN));
        assertEquals("0.01124", Display.setting(1.0 / 89));
        assertEquals("0.001", Display.setting(0.001));
        assertEquals("1", Display.setting(1.0));
        assertEquals("0.00001", Display.setting(1e-5));
    }
}
