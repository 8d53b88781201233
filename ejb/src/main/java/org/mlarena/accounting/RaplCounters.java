package org.mlarena.accounting;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The package-level RAPL energy counters under a powercap root ({@code /sys/class/powercap/intel-rapl:N/energy_uj}),
 * accumulated across samples. A counter wraps to 0 after {@code max_energy_range_uj}; one wrap between two samples is
 * accounted for, so a caller must sample more often than a counter can wrap (a 262 kJ range lasts about 20 minutes
 * at 200 W). Subzones ({@code intel-rapl:N:M}, core and DRAM) and the {@code psys} zone, which contains the
 * packages, are not added: they would count energy twice.
 */
final class RaplCounters {

    private static final Logger LOG = Logger.getLogger(RaplCounters.class.getName());
    private static final Pattern PACKAGE_ZONE = Pattern.compile("intel-rapl:\\d+");

    private record Zone(Path directory, long maxRangeMicrojoules) {
    }

    private final List<Zone> zones;
    private final long[] last;
    private long microjoules;
    private boolean lost;

    private RaplCounters(List<Zone> zones, long[] first) {
        this.zones = zones;
        this.last = first;
    }

    /** The counters with a first reading; empty when there are none or one cannot be read (as for non-root users). */
    static Optional<RaplCounters> open(Path powercap) {
        if (!Files.isDirectory(powercap)) {
            return Optional.empty();
        }
        List<Zone> zones = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(powercap, "intel-rapl:*")) {
            for (Path entry : entries) {
                if (PACKAGE_ZONE.matcher(entry.getFileName().toString()).matches() && !"psys".equals(name(entry))) {
                    zones.add(new Zone(entry, readLong(entry.resolve("max_energy_range_uj"))));
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.fine(() -> "RAPL counters under " + powercap + " are not readable: " + e);
            return Optional.empty();
        }
        if (zones.isEmpty()) {
            return Optional.empty();
        }
        zones.sort(Comparator.comparing(z -> z.directory().getFileName().toString()));
        long[] first = new long[zones.size()];
        for (int i = 0; i < first.length; i++) {
            try {
                first[i] = readLong(zones.get(i).directory().resolve("energy_uj"));
            } catch (IOException | NumberFormatException e) {
                LOG.fine(() -> "RAPL energy counter not readable (root only on most systems): " + e);
                return Optional.empty();
            }
        }
        return Optional.of(new RaplCounters(List.copyOf(zones), first));
    }

    /** Adds the energy since the last sample; a counter that can no longer be read makes the whole reading lost. */
    void sample() {
        if (lost) {
            return;
        }
        for (int i = 0; i < last.length; i++) {
            Zone zone = zones.get(i);
            long now;
            try {
                now = readLong(zone.directory().resolve("energy_uj"));
            } catch (IOException | NumberFormatException e) {
                LOG.fine(() -> "RAPL counter " + zone.directory() + " became unreadable; energy falls back to the estimate: " + e);
                lost = true;
                return;
            }
            if (now < 0 || now > zone.maxRangeMicrojoules()) {
                LOG.fine(() -> "RAPL counter " + zone.directory() + " out of its range: " + now);
                lost = true;
                return;
            }
            microjoules += now >= last[i] ? now - last[i] : zone.maxRangeMicrojoules() - last[i] + now;
            last[i] = now;
        }
    }

    /** Joules accumulated by the samples so far; empty when a counter was lost. */
    OptionalDouble joules() {
        return lost ? OptionalDouble.empty() : OptionalDouble.of(microjoules / 1e6);
    }

    /** The zone's {@code name} ({@code package-0}, {@code psys}), or null when it has none. */
    private static String name(Path zone) {
        try {
            return Files.readString(zone.resolve("name")).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static long readLong(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).trim());
    }
}
