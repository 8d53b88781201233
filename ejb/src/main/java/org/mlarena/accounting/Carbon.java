package org.mlarena.accounting;

/**
 * The CO2 equivalent of energy: kWh &times; PUE &times; the grid's carbon intensity, with the site's
 * {@link AccountingSettings#PUE} (default 1.0) and {@link AccountingSettings#CARBON_INTENSITY} (default 475 gCO2e/kWh,
 * CodeCarbon's world average).
 */
public final class Carbon {

    public static final double JOULES_PER_KWH = 3.6e6;

    private Carbon() {
    }

    /**
     * Checks every accounting setting (energy and carbon) so that a wrong one stops the deployment rather than the
     * first job; called at start-up.
     *
     * @throws IllegalStateException naming the setting and what it must be
     */
    public static void checkSettings() {
        AccountingSettings.current();
    }

    /**
     * Grams of CO2 equivalent for the energy, with the settings as now configured.
     *
     * @throws IllegalStateException when a setting is invalid
     */
    public static double gco2e(double joules) {
        return gco2e(joules, AccountingSettings.current());
    }

    /** Grams of CO2 equivalent: joules / 3.6e6 (kWh) &times; PUE &times; carbon intensity (gCO2e/kWh). */
    public static double gco2e(double joules, AccountingSettings settings) {
        if (!(joules >= 0) || Double.isInfinite(joules)) {
            throw new IllegalArgumentException("Energy must be a finite number of joules >= 0, got " + joules);
        }
        return joules / JOULES_PER_KWH * settings.pue() * settings.carbonIntensity();
    }
}
