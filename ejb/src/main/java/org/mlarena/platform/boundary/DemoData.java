package org.mlarena.platform.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.common.ArenaClock;
import org.mlarena.common.DataDirectory;
import org.mlarena.dataset.control.DatasetStore;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.experiment.control.ExperimentQueued;
import org.mlarena.platform.control.DemoTemplates;
import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.team.entity.MemberRole;
import org.mlarena.team.entity.Membership;
import org.mlarena.team.entity.Team;
import org.mlarena.usecase.control.UseCaseDraft;
import org.mlarena.usecase.control.UseCaseEditor;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.usecase.entity.UseCaseStatus;

/**
 * The demo content of an empty database: four template use cases with real data (Fashion-MNIST from Debian's
 * {@code dataset-fashion-mnist} when installed, else the 2,000-image subset in the batch module; wine, diabetes and
 * Debian package descriptions shipped in {@code demo/}), hosted by {@code hana}, with the demo users {@code alice}
 * and {@code bob} in teams, two template experiments per use case queued for the training pipeline, and each team's
 * first model (the platform's defaults) queued to be submitted when trained, so that every leaderboard has rows.
 */
@Stateless
public class DemoData {

    static final String HOST = "hana";
    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Inject
    DatasetStore datasets;

    @Inject
    Event<ExperimentQueued> queued;

    public boolean empty() {
        return em.createQuery("SELECT COUNT(u) FROM UseCase u", Long.class).getSingleResult() == 0;
    }

    /** Creates one template use case with its dataset, teams and template experiments, all in one transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UseCase seed(DemoTemplates.Template template) {
        Instant now = ArenaClock.now();
        UseCase useCase = new UseCase(template.slug(), HOST, now);
        UseCaseEditor.apply(new UseCaseDraft(template.slug(), template.title(), "TEMPLATE", "DRAFT", template.category().name(),
                template.goal(), template.problem(), template.background(), template.rules(), template.story().source(),
                template.story().context(), template.story().labelling(), template.metric(), null, null, null, null,
                null, null, null, null, null,
                // clothes mirrored are clothes: the image demo lets teams augment with flips
                template.category() == ModelZoo.Category.IMAGE_CLASSIFICATION), useCase, true, false);
        em.persist(useCase);
        em.persist(Membership.host(useCase, HOST, now));
        em.flush();
        Path staging = stage(template.files());
        Map<String, Path> files = new LinkedHashMap<>();
        template.files().keySet().forEach(role -> files.put(role, staging.resolve(role)));
        Dataset dataset;
        try {
            dataset = datasets.importFiles(useCase, files, template.spec(), template.story().labelNames(), template.story().columns(),
                    template.source(), HOST);
        } finally {
            deleteQuietly(staging);
        }
        useCase.setStatus(UseCaseStatus.ACTIVE);
        List<String> names = template.teams().keySet().stream().sorted().toList();
        for (int t = 0; t < names.size(); t++) {
            List<String> members = template.teams().get(names.get(t));
            Team team = new Team(useCase, names.get(t), now);
            em.persist(team);
            for (int i = 0; i < members.size(); i++) {
                em.persist(Membership.participant(team, members.get(i), i == 0 ? MemberRole.LEAD : MemberRole.MEMBER, now));
            }
            // each team's first model, with the platform's defaults, submitted once trained: the leaderboard is not empty
            TrainingPlan.Settings settings = template.experiments().get(t % template.experiments().size());
            TrainingPlan plan = TrainingPlan.of(template.category(), dataset, settings);
            Experiment first = plan.experiment(useCase, team, members.get(0), "First model: " + plan.model() + " with the defaults", 42L + t,
                    "Trained and submitted by the platform when the demo started, with the defaults sized to the data.", now);
            first.submitWhenCompleted();
            em.persist(first);
            em.flush();
            queued.fire(new ExperimentQueued(first.getId()));
        }
        for (TrainingPlan.Settings settings : template.experiments()) {
            TrainingPlan plan = TrainingPlan.of(template.category(), dataset, settings);
            Experiment experiment = plan.experiment(useCase, null, HOST, "Template: " + plan.model(), 42L,
                    "A template experiment of the platform: start from it, or finetune it for your team.", now);
            em.persist(experiment);
            em.flush();
            queued.fire(new ExperimentQueued(experiment.getId()));
        }
        LOG.info(() -> "Demo use case '" + template.slug() + "' seeded from " + template.source());
        return useCase;
    }

    /** Copies the files (paths, or classpath: resources) into a staging directory, one file per role. */
    private static Path stage(Map<String, String> sources) {
        try {
            Files.createDirectories(DataDirectory.uploads());
            Path staging = Files.createTempDirectory(DataDirectory.uploads(), "demo-");
            for (Map.Entry<String, String> source : sources.entrySet()) {
                try (InputStream in = open(source.getValue())) {
                    Files.copy(in, staging.resolve(source.getKey()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return staging;
        } catch (IOException e) {
            throw new UncheckedIOException("could not stage the demo data " + sources.values(), e);
        }
    }

    private static InputStream open(String source) throws IOException {
        if (source.startsWith("classpath:")) {
            String name = source.substring("classpath:".length());
            InputStream in = DemoData.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException("the resource " + name + " is missing from the deployment");
            }
            return in;
        }
        return Files.newInputStream(Path.of(source));
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.warning(() -> "could not delete the staging directory " + directory + ": " + e.getMessage());
        }
    }
}
