package org.mlarena.pipeline.control;

import java.util.Properties;
import java.util.logging.Logger;

import jakarta.batch.api.listener.JobListener;
import jakarta.batch.operations.BatchRuntimeException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.experiment.entity.Experiment;
import org.mlarena.submission.entity.Submission;

/**
 * The listener of the training and scoring jobs: when a job ends, a run it left RUNNING (the batchlet died without
 * recording its end) is marked failed with the job's status, and the scheduler (told by an event: it is the pipeline's boundary) starts what waits next.
 */
@Named("pipelineJobListener")
@Dependent
public class PipelineJobListener implements JobListener {

    private static final Logger LOG = Logger.getLogger(PipelineJobListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    PipelineRuns runs;

    @Inject
    Event<PipelineJobEnded> ended;

    @Override
    public void beforeJob() {
        // the scheduler records the execution id when the job has started
    }

    @Override
    public void afterJob() {
        Properties parameters;
        try {
            parameters = BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
        } catch (IllegalStateException | BatchRuntimeException e) {
            // the batch runtime stopped with the application (an undeploy, a shutdown) before this job ended (WildFly
            // says so either way: its job operator stopped, or no batch environment for the deployment any more): its run
            // stays RUNNING, and the next start queues it again (or another node of a cluster, once this one's lease ran
            // out; or the scheduler's watch ends it, should the application go on)
            LOG.info(() -> "The " + job.getJobName() + " job " + job.getExecutionId()
                    + " ended as the application stopped; its run is taken up again at the next start");
            return;
        }
        String reason = "The " + job.getJobName() + " job ended (" + job.getBatchStatus() + ", " + job.getExitStatus()
                + ") without recording a result; see the server log.";
        if (parameters.getProperty(TrainingBatchlet.PARAMETER) != null) {
            runs.endedWithoutRecord(Experiment.class, Long.parseLong(parameters.getProperty(TrainingBatchlet.PARAMETER)), job.getExecutionId(), reason);
        }
        if (parameters.getProperty(ScoringBatchlet.PARAMETER) != null) {
            runs.endedWithoutRecord(Submission.class, Long.parseLong(parameters.getProperty(ScoringBatchlet.PARAMETER)), job.getExecutionId(), reason);
        }
        ended.fire(new PipelineJobEnded(job.getExecutionId()));
    }
}
