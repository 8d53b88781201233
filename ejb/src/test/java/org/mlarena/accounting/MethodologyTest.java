package org.mlarena.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mlarena.leaderboard.control.LeaderboardRanking;

class MethodologyTest {

    @AfterEach
    void clear() {
        CarbonTest.SETTINGS.forEach(System::clearProperty);
    }

    @Test
    void theDefaultTextStatesFormulasConstantsAndSources() {
        String text = Methodology.text();

        for (String expected : List.of("# How ML Arena counts compute, energy and CO2", "## FLOPs", "## Energy", "## CO2", "## Rel %", "## Limits",
                "## Sources", "A multiply-add counts 2 FLOPs", "1 PFLOP = 10^15 FLOPs", "**Training FLOPs**", "**Inference FLOPs**",
                "    energy [J] = CPU time [s] × 10 W/core + wall time [s] × memory [GB] × 0.375 W/GB",
                "    CO2e [g] = energy [J] / 3,600,000 [J/kWh] × PUE × carbon intensity [gCO2e/kWh]",
                "Carbon intensity: 475 gCO2e/kWh (`arena.energy.carbon-intensity`)", "CodeCarbon's world average",
                "(`arena.energy.pue`)", "the site's total energy divided by its IT equipment's): 1 ", "1 kWh (3.6 MJ) is 475 g CO2e",
                "memory: the Java VM's committed heap", "(asked: `nvidia-smi`)", LeaderboardRanking.REL_DEFINITION,
                "Estimates ignore the GPU unless nvidia-smi answers", "idle power", Methodology.CODECARBON, Methodology.POWERCAP,
                Methodology.NVIDIA_SMI, Methodology.IEA)) {
            assertTrue(text.contains(expected), () -> "missing: " + expected + "\n" + text);
        }
        assertFalse(Pattern.compile("%\\d+\\$s|%%").matcher(text).find(), text);
        assertFalse(text.contains("](http"), "URLs as plain text, not links");
    }

    @Test
    void theTextShowsTheConstantsAsCurrentlyConfigured() {
        System.setProperty(AccountingSettings.WATTS_PER_CORE, "12.5");
        System.setProperty(AccountingSettings.WATTS_PER_GB, "0.5");
        System.setProperty(AccountingSettings.MEMORY_GB, "16");
        System.setProperty(AccountingSettings.PUE, "1.3");
        System.setProperty(AccountingSettings.CARBON_INTENSITY, "300");
        System.setProperty(AccountingSettings.NVIDIA_SMI, "");

        String text = Methodology.text();

        for (String expected : List.of("× 12.5 W/core + wall time [s] × memory [GB] × 0.5 W/GB", "- 12.5 W per busy core", "- 0.5 W per GB",
                "memory: 16 GB as configured", "Carbon intensity: 300 gCO2e/kWh", "IT equipment's): 1.3 ", "1 kWh (3.6 MJ) is 390 g CO2e",
                "`arena.energy.nvidia-smi` is empty, so the GPU is never measured")) {
            assertTrue(text.contains(expected), () -> "missing: " + expected + "\n" + text);
        }
        assertEquals(text, Methodology.text(AccountingSettings.current()));
    }
}
