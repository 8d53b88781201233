package org.mlarena.accounting;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.logging.Logger;

/**
 * The NVIDIA GPUs' energy counters as nvidia-smi reports them: {@code total_energy_consumption}, millijoules since the
 * driver was loaded, one line per GPU (Volta and newer). A GPU that reports none ({@code [N/A]}), a command that is
 * absent, fails or takes longer than {@link #TIMEOUT} mean "no GPU figure", logged at FINE: most machines have no GPU.
 */
final class NvidiaSmiEnergy {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(NvidiaSmiEnergy.class.getName());

    private NvidiaSmiEnergy() {
    }

    /** Millijoules per GPU, or empty when the command does not answer with one number per GPU. */
    static Optional<double[]> read(EnergyMeter.CommandRunner commands, String command) {
        List<String> query = List.of(command, "--query-gpu=total_energy_consumption", "--format=csv,noheader,nounits");
        Optional<String> output = commands.run(query, TIMEOUT);
        if (output.isEmpty()) {
            LOG.fine(() -> "No GPU energy: " + String.join(" ", query) + " is absent, failed or took longer than " + TIMEOUT.toSeconds() + " s");
            return Optional.empty();
        }
        List<String> lines = output.get().lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        double[] millijoules = new double[lines.size()];
        for (int i = 0; i < millijoules.length; i++) {
            try {
                millijoules[i] = Double.parseDouble(lines.get(i));
            } catch (NumberFormatException e) {
                LOG.fine(() -> "No GPU energy: nvidia-smi answered " + lines);
                return Optional.empty();
            }
        }
        if (millijoules.length == 0) {
            LOG.fine("No GPU energy: nvidia-smi lists no GPU");
            return Optional.empty();
        }
        return Optional.of(millijoules);
    }

    /** Joules the GPUs used between two readings; empty when the GPUs changed or a counter went back (a driver reload). */
    static OptionalDouble joulesBetween(double[] start, double[] end) {
        if (start.length != end.length) {
            LOG.fine(() -> "No GPU energy: " + start.length + " GPUs at the start, " + end.length + " at the end");
            return OptionalDouble.empty();
        }
        double millijoules = 0;
        for (int i = 0; i < start.length; i++) {
            if (end[i] < start[i]) {
                LOG.fine("No GPU energy: a GPU energy counter went back (driver reloaded?)");
                return OptionalDouble.empty();
            }
            millijoules += end[i] - start[i];
        }
        return OptionalDouble.of(millijoules / 1e3);
    }
}
