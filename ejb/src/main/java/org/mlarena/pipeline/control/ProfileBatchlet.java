package org.mlarena.pipeline.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.common.DataDirectory;
import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.dataset.control.DatasetProfiler;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.numerics.data.InvalidDataException;

/**
 * The EDA job: computes a dataset's profile (splits, class distribution, feature statistics and histograms,
 * correlations, image and text statistics, representative samples; never from the hidden test labels) and stores it
 * as {@value Dataset#PROFILE_FILE} next to the dataset's files, for the EDA tab.
 */
@Named("profileBatchlet")
@Dependent
public class ProfileBatchlet extends AbstractBatchlet {

    public static final String JOB_NAME = "dataset-profile";
    public static final String PARAMETER = "datasetId";
    private static final Logger LOG = Logger.getLogger(ProfileBatchlet.class.getName());

    @Inject
    @BatchProperty
    String datasetId;

    @Inject
    PipelineRuns runs;

    @Override
    public String process() {
        long id = Long.parseLong(datasetId.trim());
        Optional<PipelineRuns.ProfileJob> pending = runs.profileJob(id);
        if (pending.isEmpty()) {
            return "NOTHING_TO_DO";
        }
        PipelineRuns.ProfileJob job = pending.get();
        Path directory = DataDirectory.datasets().resolve(job.directory());
        try {
            String profile = DatasetProfiler.profile(directory, job.format(), job.targetColumn(), job.textColumn(),
                    job.format() == DatasetFormat.CSV ? job.featureNames() : null,
                    job.classNames(), job.imageShape(), job.rows());
            Path temporary = directory.resolve(Dataset.PROFILE_FILE + ".tmp");
            Files.writeString(temporary, profile, StandardCharsets.UTF_8);
            Files.move(temporary, directory.resolve(Dataset.PROFILE_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Conflicts.retry(() -> runs.profiled(id, job.directory(), Dataset.PROFILE_READY, null));
            return Dataset.PROFILE_READY;
        } catch (InvalidDataException | IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "The profile of dataset " + id + " failed", e);
            Conflicts.retry(() -> runs.profiled(id, job.directory(), Dataset.PROFILE_FAILED,
                    "The profile could not be computed: " + (e.getMessage() == null ? e.toString() : e.getMessage())));
            return Dataset.PROFILE_FAILED;
        }
    }
}
