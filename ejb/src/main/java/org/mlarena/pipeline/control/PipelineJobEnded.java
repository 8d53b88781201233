package org.mlarena.pipeline.control;

/** Fired by the job listener when a training or scoring job ends: the scheduler starts what waits next. */
public record PipelineJobEnded(long executionId) {
}
