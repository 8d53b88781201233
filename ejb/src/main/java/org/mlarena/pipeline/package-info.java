/**
 * The work the platform runs as Jakarta Batch jobs: training, scoring and dataset profiles. Its boundary is the
 * scheduler ({@code boundary.PipelineScheduler}: timers, and the events that say an experiment, a submission or a
 * dataset waits); batchlets and the job listener are controls and tell the scheduler by CDI events. Uses every
 * component below it, including accounting (energy) and evaluation (scores).
 */
package org.mlarena.pipeline;
