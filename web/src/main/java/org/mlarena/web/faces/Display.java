package org.mlarena.web.faces;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the pages show times and figures, one way for every page: times in UTC like the daily limits; operation counts
 * and energy with SI prefixes and their unit, three significant digits; gCO2e with two, and "< 0.01" rather than a
 * zero that is not one; counts with thousands separators; never E-notation; a missing figure as "–".
 */
public final class Display {

    /** What a figure that does not exist (yet) shows as. */
    public static final String NONE = "–";

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String[] PREFIXES = {"", "k", "M", "G", "T", "P", "E"};

    private Display() {
    }

    /** "2026-11-29 10:05 UTC", or null for no time. */
    public static String utc(Instant instant) {
        return instant == null ? null : UTC.format(instant);
    }

    /** The value, or null when it is missing or not a finite number (NaN: a metric undefined on its input). */
    public static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }

    /** Floating-point operations: "950 FLOPs", "37.9 MFLOPs", "2.42 PFLOPs". */
    public static String flops(Number operations) {
        return si(operations, "FLOPs");
    }

    /** A figure held in PFLOPs (budgets), shown like every other operation count. */
    public static String pflops(Number petaflops) {
        return petaflops == null ? NONE : flops(petaflops.doubleValue() * 1e15);
    }

    /** Bytes: "812 B", "1.63 MB" (powers of 1000, as the leaderboard's size column). */
    public static String bytes(Number bytes) {
        return si(bytes, "B");
    }

    /** Energy: "3.70 J", "12.4 kJ", "1.25 kWh" (from 3.6 MJ). */
    public static String energy(Number joules) {
        if (joules == null || !Double.isFinite(joules.doubleValue())) {
            return NONE;
        }
        double j = joules.doubleValue();
        return j >= 3.6e6 ? significant(j / 3.6e6, 3) + " kWh" : si(j, "J");
    }

    /** Grams of CO2 equivalent, two significant digits: "0.013 g", "< 0.01 g" for a small non-zero mass, "0 g" for none. */
    public static String gco2e(Number grams) {
        if (grams == null || !Double.isFinite(grams.doubleValue())) {
            return NONE;
        }
        double g = grams.doubleValue();
        if (g == 0) {
            return "0 g";
        }
        return Math.abs(g) < 0.01 ? "< 0.01 g" : grouped(significantDecimal(g, 2)) + " g";
    }

    /** A count with thousands separators: "203,530". */
    public static String count(Number count) {
        if (count == null) {
            return NONE;
        }
        return grouped(new BigDecimal(count.toString()));
    }

    /** A score or another figure between about 0 and 1000: four decimals, as every score on the pages. */
    public static String score(Number value) {
        if (value == null || !Double.isFinite(value.doubleValue())) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%.4f", value.doubleValue());
    }

    /**
     * A training setting such as a learning rate or a penalty: four significant digits, no trailing zeros, never
     * E-notation (a penalty of 1 / 89 rows reads 0.01124, not 0.011235955056179775).
     */
    public static String setting(Number value) {
        if (value == null || !Double.isFinite(value.doubleValue())) {
            return NONE;
        }
        return new BigDecimal(value.doubleValue()).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A category as people say it: TABULAR_CLASSIFICATION is "Tabular classification". */
    public static String category(String name) {
        if (name == null || name.isBlank()) {
            return NONE;
        }
        String words = name.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** A run's or a use case's status as people say it: COMPLETED is "Completed", BUDGET_EXHAUSTED "Budget spent". */
    public static String status(String name) {
        if (name == null || name.isBlank()) {
            return NONE;
        }
        return "BUDGET_EXHAUSTED".equals(name) ? "Budget spent" : category(name);
    }

    /** A metric by its name (rmse is "Root mean squared error"), or its id when the registry does not know it. */
    public static String metric(String id) {
        if (id == null || id.isBlank()) {
            return NONE;
        }
        return org.mlarena.evaluation.MetricRegistry.standard().find(id).map(org.mlarena.evaluation.Metric::name).orElse(id);
    }

    /** A plain decimal for files people parse (CSV): the shortest that reads back as the same double, without E-notation. */
    public static String plain(Number value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = value.doubleValue();
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString() : "";
        }
        return value.toString();
    }

    private static String si(Number value, String unit) {
        if (value == null || !Double.isFinite(value.doubleValue())) {
            return NONE;
        }
        double v = value.doubleValue();
        if (Math.abs(v) < 1000 && v == Math.rint(v)) {
            return (long) v + " " + unit;
        }
        int power = 0;
        BigDecimal scaled = significantDecimal(v, 3);
        while (scaled.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 && power < PREFIXES.length - 1) {
            power++;
            scaled = significantDecimal(v / Math.pow(1000, power), 3);
        }
        return grouped(scaled) + " " + PREFIXES[power] + unit;
    }

    /** A figure to {@code digits} significant digits, grouped, never in E-notation: 0.000012, 1,200. */
    public static String significant(double v, int digits) {
        return grouped(significantDecimal(v, digits));
    }

    private static BigDecimal significantDecimal(double v, int digits) {
        BigDecimal d = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_UP));
        if (d.scale() < 0) {
            return d.setScale(0);
        }
        // an exact 10 keeps its digits as 9.9996 does: "10.0 PFLOPs" for both, not "10" beside "10.0"
        return d.signum() != 0 && d.precision() < digits ? d.setScale(d.scale() + digits - d.precision()) : d;
    }

    private static String grouped(BigDecimal d) {
        DecimalFormat format = new DecimalFormat("#,##0.###############", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setMinimumFractionDigits(Math.max(0, d.scale()));
        return format.format(d);
    }
}
