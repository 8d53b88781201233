/**
 * Resource accounting of training and inference jobs: their energy ({@link org.mlarena.accounting.EnergyMeter},
 * measured by RAPL and nvidia-smi where the machine lets us, else estimated from CPU time and memory, always labelled
 * which), its CO2 equivalent ({@link org.mlarena.accounting.Carbon}) and the methodology text the UI shows
 * ({@link org.mlarena.accounting.Methodology}).
 *
 * <p>Plain Java, no container services. The constants come from {@code arena.energy.*} settings
 * ({@link org.mlarena.accounting.AccountingSettings}); an invalid one is an {@link java.lang.IllegalStateException}
 * that names the setting and what it must be, raised at start-up by
 * {@link org.mlarena.accounting.Carbon#checkSettings()}.
 */
package org.mlarena.accounting;
