package org.mlarena.web.rest;

/** JSON has no NaN or infinity: an undefined figure (a diverged loss, a metric without a value) goes out as null. */
public final class Finite {

    private Finite() {
    }

    public static Double orNull(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
