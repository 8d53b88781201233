package org.mlarena.settings;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads ML Arena's settings: a system property ({@code arena.numerics.device}), else the environment
 * variable of the same name in upper case with dots and dashes as underscores ({@code ARENA_NUMERICS_DEVICE}).
 * Lives in the EAR's lib/ so that every module reads settings the same way.
 */
public final class Settings {

    private Settings() {
    }

    public static Optional<String> read(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(environmentName(property));
        }
        return Optional.ofNullable(value);
    }

    public static String read(String property, String fallback) {
        return read(property).orElse(fallback);
    }

    public static String environmentName(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
