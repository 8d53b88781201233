package org.mlarena.web.faces;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the pages show times and figures: times in UTC like the daily limits, undefined figures as blanks. */
public final class Display {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

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
}
