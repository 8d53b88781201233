package org.mlarena.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time the platform stores: UTC ticking in microseconds, what H2 and PostgreSQL timestamps keep. */
public final class ArenaClock {

    private static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));

    private ArenaClock() {
    }

    public static Instant now() {
        return Instant.now(CLOCK);
    }
}
