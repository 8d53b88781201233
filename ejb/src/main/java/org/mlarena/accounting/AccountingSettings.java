package org.mlarena.accounting;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;

import org.mlarena.settings.Settings;

/**
 * The constants of energy and carbon accounting, read with {@link Settings} (system property, else the environment
 * variable such as {@code ARENA_ENERGY_PUE}). A blank number means its default; a blank {@value #NVIDIA_SMI} means
 * "never ask nvidia-smi".
 *
 * <p>Defaults and why:
 * <ul>
 * <li>{@value #WATTS_PER_CORE} = 10 W per busy core: a server CPU's TDP divided by its cores is 4 to 14 W
 * (AMD EPYC 7543: 225 W / 32 cores = 7 W; Intel Xeon E5-2666 v3: 135 W / 10 cores = 13.5 W); 10 W is in the upper
 * half, so an estimate rather overstates a team's energy than flatters it. CodeCarbon likewise falls back on the
 * TDP when it cannot read counters.</li>
 * <li>{@value #WATTS_PER_GB} = 0.375 W/GB: CodeCarbon 2's memory figure (3 W per 8 GB).</li>
 * <li>{@value #MEMORY_GB} unset: the JVM's committed heap is the memory the job keeps busy.</li>
 * <li>{@value #PUE} = 1.0: the PUE of an intranet server room is not known to us, so no overhead is invented;
 * sites set theirs (typical data centres report 1.1 to 1.6).</li>
 * <li>{@value #CARBON_INTENSITY} = 475 gCO2e/kWh: the world average CodeCarbon applies when it knows nothing about
 * the grid (IEA, Global Energy &amp; CO2 Status Report 2019).</li>
 * </ul>
 *
 * @param wattsPerCore    watts per busy CPU core, applied to process CPU seconds
 * @param wattsPerGb      watts per GB of memory in use, applied to wall seconds
 * @param memoryGb        the memory in GB to charge; empty: the JVM's committed heap
 * @param nvidiaSmi       the nvidia-smi command to ask for GPU energy; blank: never ask
 * @param pue             the site's power usage effectiveness (facility energy / IT energy), at least 1
 * @param carbonIntensity the grid's carbon intensity in gCO2e/kWh
 */
public record AccountingSettings(double wattsPerCore, double wattsPerGb, OptionalDouble memoryGb, String nvidiaSmi, double pue,
                                 double carbonIntensity) {

    public static final String WATTS_PER_CORE = "arena.energy.watts-per-core";
    public static final String WATTS_PER_GB = "arena.energy.watts-per-gb";
    public static final String MEMORY_GB = "arena.energy.memory-gb";
    public static final String NVIDIA_SMI = "arena.energy.nvidia-smi";
    public static final String PUE = "arena.energy.pue";
    public static final String CARBON_INTENSITY = "arena.energy.carbon-intensity";

    public static final double DEFAULT_WATTS_PER_CORE = 10;
    public static final double DEFAULT_WATTS_PER_GB = 0.375;
    public static final String DEFAULT_NVIDIA_SMI = "nvidia-smi";
    public static final double DEFAULT_PUE = 1.0;
    public static final double DEFAULT_CARBON_INTENSITY = 475;

    /** Refuses a value out of range with a message that names the setting and what it must be. */
    public AccountingSettings {
        require(WATTS_PER_CORE, wattsPerCore, wattsPerCore >= 0);
        require(WATTS_PER_GB, wattsPerGb, wattsPerGb >= 0);
        if (memoryGb.isPresent()) {
            require(MEMORY_GB, memoryGb.getAsDouble(), memoryGb.getAsDouble() > 0);
        }
        require(PUE, pue, pue >= 1);
        require(CARBON_INTENSITY, carbonIntensity, carbonIntensity >= 0);
        nvidiaSmi = nvidiaSmi == null ? "" : nvidiaSmi.trim();
    }

    public static AccountingSettings defaults() {
        return new AccountingSettings(DEFAULT_WATTS_PER_CORE, DEFAULT_WATTS_PER_GB, OptionalDouble.empty(), DEFAULT_NVIDIA_SMI,
                DEFAULT_PUE, DEFAULT_CARBON_INTENSITY);
    }

    /**
     * The settings as now configured.
     *
     * @throws IllegalStateException when one is not a number or out of range; the message names the setting, its
     *                               environment variable and what it must be
     */
    public static AccountingSettings current() {
        try {
            return new AccountingSettings(number(WATTS_PER_CORE).orElse(DEFAULT_WATTS_PER_CORE), number(WATTS_PER_GB).orElse(DEFAULT_WATTS_PER_GB),
                    number(MEMORY_GB), Settings.read(NVIDIA_SMI, DEFAULT_NVIDIA_SMI), number(PUE).orElse(DEFAULT_PUE),
                    number(CARBON_INTENSITY).orElse(DEFAULT_CARBON_INTENSITY));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Whether nvidia-smi is to be asked at all. */
    public boolean asksNvidiaSmi() {
        return !nvidiaSmi.isEmpty();
    }

    /** A number as people write it: 10, 0.375, 1.2 (no exponent, no trailing zeros). */
    static String plain(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static OptionalDouble number(String property) {
        Optional<String> raw = Settings.read(property).map(String::trim).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return OptionalDouble.empty();
        }
        double value;
        try {
            value = Double.parseDouble(raw.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(problem(property, "'" + raw.get() + "'"));
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(problem(property, "'" + raw.get() + "'"));
        }
        return OptionalDouble.of(value);
    }

    private static void require(String property, double value, boolean valid) {
        if (!valid || !Double.isFinite(value)) {
            throw new IllegalArgumentException(problem(property, plain(value)));
        }
    }

    private static String problem(String property, String value) {
        return property + " (environment variable " + Settings.environmentName(property) + ") must be " + requirement(property)
                + ", but is " + value;
    }

    private static String requirement(String property) {
        return switch (property) {
            case WATTS_PER_CORE -> "a number >= 0: the watts one busy CPU core draws (default " + plain(DEFAULT_WATTS_PER_CORE) + ")";
            case WATTS_PER_GB -> "a number >= 0: the watts one GB of memory draws (default " + plain(DEFAULT_WATTS_PER_GB) + ")";
            case MEMORY_GB -> "a number > 0: the GB of memory to charge (leave it unset to charge the JVM's committed heap)";
            case PUE -> "a number >= 1: the site's power usage effectiveness, facility energy / IT energy (default "
                    + plain(DEFAULT_PUE) + ", e.g. 1.5)";
            case CARBON_INTENSITY -> "a number >= 0: the grid's carbon intensity in gCO2e/kWh (default " + plain(DEFAULT_CARBON_INTENSITY) + ")";
            default -> throw new IllegalArgumentException(property);
        };
    }
}
