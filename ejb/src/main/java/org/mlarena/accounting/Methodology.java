package org.mlarena.accounting;

import org.mlarena.leaderboard.control.LeaderboardRanking;
import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.Flops;

/**
 * How ML Arena counts FLOPs, energy and CO2, for people: a Markdown (CommonMark) text with the formulas, the
 * constants as they are now configured, the limits and the sources (URLs as plain text), for the UI to render.
 */
public final class Methodology {

    public static final String CODECARBON = "https://mlco2.github.io/codecarbon/methodology.html";
    public static final String POWERCAP = "https://www.kernel.org/doc/html/latest/power/powercap/powercap.html";
    public static final String NVIDIA_SMI = "https://docs.nvidia.com/deploy/nvidia-smi/index.html";
    public static final String IEA = "https://www.iea.org/reports/global-energy-co2-status-report-2019/emissions";
    public static final String MEMORY_POWER = "https://www.crucial.com/support/articles-faq-memory/how-much-power-does-memory-use";

    private Methodology() {
    }

    /**
     * The text with the settings as now configured.
     *
     * @throws IllegalStateException when a setting is invalid
     */
    public static String text() {
        return text(AccountingSettings.current());
    }

    /** The text with the given settings. */
    public static String text(AccountingSettings s) {
        String perCore = AccountingSettings.plain(s.wattsPerCore());
        String perGb = AccountingSettings.plain(s.wattsPerGb());
        String pue = AccountingSettings.plain(s.pue());
        String intensity = AccountingSettings.plain(s.carbonIntensity());
        String memory = s.memoryGb().isPresent()
                ? AccountingSettings.plain(s.memoryGb().getAsDouble()) + " GB as configured (`" + AccountingSettings.MEMORY_GB + "`)"
                : "the Java VM's committed heap, the mean of start and end (`" + AccountingSettings.MEMORY_GB + "` sets a fixed figure)";
        String gpu = s.asksNvidiaSmi() ? "`" + s.nvidiaSmi() + "`" : "nobody: `" + AccountingSettings.NVIDIA_SMI + "` is empty, so the GPU is never measured";
        String example = AccountingSettings.plain(Math.round(Carbon.gco2e(Carbon.JOULES_PER_KWH, s) * 1000) / 1000.0);
        // the zoo CNN's convolutions on one 28x28 image: counted (valid taps) and executed in tiles (padding's zeros too)
        Backend.Conv first = new Backend.Conv(1, 1, 28, 28, 16, 5, 2);
        Backend.Conv second = new Backend.Conv(1, 16, 14, 14, 32, 5, 2);
        String counted = String.format(java.util.Locale.ROOT, "%,d", Flops.conv2d(first) + Flops.conv2d(second));
        String executed = String.format(java.util.Locale.ROOT, "%,d", Flops.conv2dInTiles(first) + Flops.conv2dInTiles(second));
        return """
                # How ML Arena counts compute, energy and CO2

                ## FLOPs

                FLOPs are counted exactly by the engine, not estimated: every kernel launch adds the floating-point \
                operations it performs to the count of its job. A multiply-add counts 2 FLOPs; an addition, \
                multiplication, comparison or maximum 1; an exp or log 1. The plain-Java and the OpenCL backends count \
                the same figures.

                - **Training FLOPs** of an experiment: every training step (forward pass, backward pass, optimizer \
                update) and the validation pass after each epoch, over all epochs, a restarted run included.
                - **Inference FLOPs** of a submission: the forward passes over the test rows when it is scored.
                - **Boosted trees** (`gradient-boosting`) do almost no multiply-adds; their operations are counted \
                exactly with the same weight as a FLOP: training counts 2 per row and tree for its gradient and \
                hessian, 2 per row and feature added to a histogram, 3 per histogram bin subtracted (a sibling's from \
                its parent's), 1 per split gain evaluated, 1 per row sent left or right and 1 per row given its \
                leaf's value, plus the validation predictions after each round; predicting counts 1 per tree node a row passes (a comparison) and 1 per leaf reached (an \
                addition). A tree model's training and inference figures, its Rel %% and its energy therefore sit on \
                the same scale as a network's: operations the device performed.
                - **Convolutions** count the taps that fall inside the input, 2 FLOPs each: a tap on the zero padding \
                multiplies nothing and is not counted. On a CPU device the engine computes a convolution in tiles of 8 \
                filters by 32 positions read straight from the zero-padded input (a strided one from the input's \
                columns), which is much faster but multiplies the padding's zeros too, the last k - 1 positions of \
                each row of the padded width (computed and dropped) and the tiles' lanes past the last position: the \
                zoo's CNN on one \
                28x28 image counts %18$s FLOPs in its two convolutions and executes %19$s. The \
                count, the model's analytic figure, is what the leaderboard, Rel %% and the budget use, whatever the \
                device executes.
                - **Embedding bags** (text) read only the table rows of the token ids a text contains, at most the \
                layer's `entries` of them; they are counted at that many ids, 2 FLOPs per id and dimension (and the \
                bias), an upper bound: a short text reads fewer. Their optimiser steps are counted at one table row per \
                id of the batch, though an id shared by rows is stepped once.
                - **Preprocessing** of a table belongs to the model and is counted with it: 2 FLOPs per standardised \
                numeric value (a subtraction and a division), 1 per categorical value (the lookup of its category's \
                input) and 2 per regression target mapped back; once per training and validation row when a run \
                starts, and for every row scored.

                Training and inference are counted separately; both are charged to the team's compute budget. \
                1 PFLOP = 10^15 FLOPs.

                ## Energy

                Every training and scoring job is metered from its start to its end, and every figure is labelled \
                **measured** or **estimated**.

                **Measured**, where the machine lets us: the energy counters of the CPU packages (Intel and AMD RAPL, \
                `/sys/class/powercap/intel-rapl:N/energy_uj`, summed over the packages; a counter that wraps around at \
                `max_energy_range_uj` is accounted for). On most systems only root may read them, and then the energy \
                is estimated.

                **Estimated**, where the counters cannot be read:

                    energy [J] = CPU time [s] × %1$s W/core + wall time [s] × memory [GB] × %2$s W/GB

                - CPU time: the CPU time of the whole Java process during the job, all threads included (the OpenCL \
                worker threads too).
                - %1$s W per busy core (`%3$s`): a server CPU's TDP divided by its cores is 4 to 14 W (AMD EPYC 7543: \
                225 W / 32 cores = 7 W; Intel Xeon E5-2666 v3: 135 W / 10 cores = 13.5 W); the default of 10 W lies in \
                the upper half, so that an estimate rather overstates than flatters. CodeCarbon likewise falls back on \
                the TDP when it cannot read counters.
                - memory: %4$s.
                - %2$s W per GB (`%5$s`): CodeCarbon's figure of 3 W per 8 GB of memory.

                **GPU**: when nvidia-smi answers within 2 seconds (asked: %6$s), the NVIDIA GPUs' energy counters \
                (`total_energy_consumption`, millijoules) are read at start and end, and the difference is added to \
                either figure. A figure is labelled measured only when the CPU part is measured.

                ## CO2

                    CO2e [g] = energy [J] / 3,600,000 [J/kWh] × PUE × carbon intensity [gCO2e/kWh]

                - Carbon intensity: %7$s gCO2e/kWh (`%8$s`). The default, 475 gCO2e/kWh, is the world average that \
                CodeCarbon applies when it knows nothing about the local grid (source: IEA, Global Energy & CO2 Status \
                Report 2019).
                - PUE (power usage effectiveness, the site's total energy divided by its IT equipment's): %9$s \
                (`%10$s`). The default of 1.0 adds no overhead, because the PUE of an intranet server room is not \
                known to us; each site sets its own.
                - With these settings, 1 kWh (3.6 MJ) is %11$s g CO2e.

                ## Rel %%

                %12$s

                    Rel %% = the team's training FLOPs / the lowest training FLOPs among ranked teams × 100

                ## Limits

                - Estimates ignore the GPU unless nvidia-smi answers; other accelerators are never counted.
                - Estimates charge only the busy CPU time of the Java process and its memory: the machine's idle power, \
                disks, network and cooling beyond the PUE are not attributed.
                - The process CPU time covers the whole Java VM: jobs that run at the same time, and web requests \
                during a job, are charged to every job they overlap.
                - CPU time counts hardware threads: where a core runs two threads, two busy threads count as two cores.
                - Measured figures cover whole devices: a CPU package's and a GPU's idle power and other processes' \
                work during the job are included. The package counters exclude memory, so a measured figure holds \
                no memory energy.
                - The RAPL counters are read at the start and end of a job, and in between where the job samples \
                them; a counter that wraps around more than once between two readings (a range of 262 kJ lasts about \
                20 minutes at 200 W) is undercounted.
                - The watts per core and per GB are typical figures, not this machine's: figures compare well between \
                teams on the same machine, less well across machines.
                - The carbon intensity is an average, not the grid's mix at the hour of the job; the emissions of \
                making the hardware are not counted.

                ## Sources

                - CodeCarbon methodology (world average 475 gCO2e/kWh, 3 W per 8 GB, TDP fallback): %13$s
                - Linux power capping framework (powercap, RAPL counters in sysfs): %14$s
                - nvidia-smi documentation (total_energy_consumption): %15$s
                - IEA, Global Energy & CO2 Status Report 2019 (the source of CodeCarbon's world average): %16$s
                - Power use of memory (the source of CodeCarbon's 3 W per 8 GB): %17$s
                """.formatted(perCore, perGb, AccountingSettings.WATTS_PER_CORE, memory, AccountingSettings.WATTS_PER_GB, gpu,
                intensity, AccountingSettings.CARBON_INTENSITY, pue, AccountingSettings.PUE, example, LeaderboardRanking.REL_DEFINITION,
                CODECARBON, POWERCAP, NVIDIA_SMI, IEA, MEMORY_POWER, counted, executed);
    }
}
