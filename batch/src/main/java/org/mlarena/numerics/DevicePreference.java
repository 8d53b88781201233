package org.mlarena.numerics;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which device the operator wants numerics to run on ({@code arena.numerics.device}).
 * {@link #AUTO} takes the first of: an OpenCL GPU, an OpenCL CPU, plain Java.
 */
public enum DevicePreference {
    AUTO, GPU, CPU, JAVA;

    /**
     * Parses a configuration value; blank means {@link #AUTO}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static DevicePreference parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("arena.numerics.device is '" + value + "' but must be one of "
                    + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")), e);
        }
    }
}
