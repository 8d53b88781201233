package org.mlarena.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CarbonTest {

    static final List<String> SETTINGS = List.of(AccountingSettings.WATTS_PER_CORE, AccountingSettings.WATTS_PER_GB, AccountingSettings.MEMORY_GB,
            AccountingSettings.NVIDIA_SMI, AccountingSettings.PUE, AccountingSettings.CARBON_INTENSITY);

    @AfterEach
    void clear() {
        SETTINGS.forEach(System::clearProperty);
    }

    @Test
    void oneKilowattHourAtPue12And475GramsIs570Grams() {
        System.setProperty(AccountingSettings.PUE, "1.2");
        System.setProperty(AccountingSettings.CARBON_INTENSITY, "475");
        assertEquals(570.0, Carbon.gco2e(3.6e6), 1e-9);
        assertEquals(570.0, Carbon.gco2e(3.6e6, new AccountingSettings(10, 0.375, OptionalDouble.empty(), "", 1.2, 475)), 1e-9);
    }

    @Test
    void theDefaultsArePue1AndTheWorldAverage() {
        assertEquals(475.0, Carbon.gco2e(3.6e6), 1e-9);
        assertEquals(0.475 / 3.6, Carbon.gco2e(1000), 1e-12);
        assertEquals(0.0, Carbon.gco2e(0), 0.0);
        assertEquals(AccountingSettings.defaults(), AccountingSettings.current());
    }

    @Test
    void blankNumbersMeanTheirDefaults() {
        System.setProperty(AccountingSettings.PUE, " ");
        System.setProperty(AccountingSettings.MEMORY_GB, "");
        AccountingSettings settings = AccountingSettings.current();
        assertEquals(1.0, settings.pue());
        assertEquals(OptionalDouble.empty(), settings.memoryGb());
    }

    @Test
    void invalidSettingsAreRefusedByTheCheckAndByTheComputation() {
        System.setProperty(AccountingSettings.PUE, "abc");
        IllegalStateException e = assertThrows(IllegalStateException.class, Carbon::checkSettings);
        assertEquals("arena.energy.pue (environment variable ARENA_ENERGY_PUE) must be a number >= 1: the site's power usage"
                + " effectiveness, facility energy / IT energy (default 1, e.g. 1.5), but is 'abc'", e.getMessage());
        assertEquals(e.getMessage(), assertThrows(IllegalStateException.class, () -> Carbon.gco2e(1)).getMessage());

        System.setProperty(AccountingSettings.PUE, "0.8");
        assertEquals("arena.energy.pue (environment variable ARENA_ENERGY_PUE) must be a number >= 1: the site's power usage"
                + " effectiveness, facility energy / IT energy (default 1, e.g. 1.5), but is 0.8",
                assertThrows(IllegalStateException.class, Carbon::checkSettings).getMessage());
    }

    @Test
    void everySettingNamesItselfAndWhatItMustBe() {
        List<String[]> cases = List.of(
                new String[] {AccountingSettings.CARBON_INTENSITY, "-1", "arena.energy.carbon-intensity (environment variable"
                        + " ARENA_ENERGY_CARBON_INTENSITY) must be a number >= 0: the grid's carbon intensity in gCO2e/kWh (default 475), but is -1"},
                new String[] {AccountingSettings.CARBON_INTENSITY, "NaN", "arena.energy.carbon-intensity (environment variable"
                        + " ARENA_ENERGY_CARBON_INTENSITY) must be a number >= 0: the grid's carbon intensity in gCO2e/kWh (default 475), but is 'NaN'"},
                new String[] {AccountingSettings.WATTS_PER_CORE, "ten", "arena.energy.watts-per-core (environment variable"
                        + " ARENA_ENERGY_WATTS_PER_CORE) must be a number >= 0: the watts one busy CPU core draws (default 10), but is 'ten'"},
                new String[] {AccountingSettings.WATTS_PER_GB, "-0.1", "arena.energy.watts-per-gb (environment variable"
                        + " ARENA_ENERGY_WATTS_PER_GB) must be a number >= 0: the watts one GB of memory draws (default 0.375), but is -0.1"},
                new String[] {AccountingSettings.MEMORY_GB, "0", "arena.energy.memory-gb (environment variable ARENA_ENERGY_MEMORY_GB) must be"
                        + " a number > 0: the GB of memory to charge (leave it unset to charge the JVM's committed heap), but is 0"});
        for (String[] c : cases) {
            System.setProperty(c[0], c[1]);
            assertEquals(c[2], assertThrows(IllegalStateException.class, Carbon::checkSettings).getMessage());
            System.clearProperty(c[0]);
        }
        Carbon.checkSettings();
    }

    @Test
    void settingsBuiltInCodeAreCheckedToo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AccountingSettings(10, 0.375, OptionalDouble.empty(), "", 0.9, 475));
        assertEquals("arena.energy.pue (environment variable ARENA_ENERGY_PUE) must be a number >= 1: the site's power usage"
                + " effectiveness, facility energy / IT energy (default 1, e.g. 1.5), but is 0.9", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AccountingSettings(Double.POSITIVE_INFINITY, 0.375, OptionalDouble.empty(), "", 1, 475));
    }

    @Test
    void energyMustBeAFiniteNonNegativeNumber() {
        assertEquals("Energy must be a finite number of joules >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> Carbon.gco2e(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Carbon.gco2e(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Carbon.gco2e(Double.POSITIVE_INFINITY));
    }
}
