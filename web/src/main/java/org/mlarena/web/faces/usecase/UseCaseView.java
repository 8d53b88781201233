package org.mlarena.web.faces.usecase;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonException;

import org.mlarena.common.Page;
import org.mlarena.common.ResourceNotFoundException;
import org.mlarena.dataset.boundary.DatasetService;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.evaluation.boundary.MetricService;
import org.mlarena.experiment.boundary.ExperimentService;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.dataset.control.DataDictionary;
import org.mlarena.pipeline.boundary.TrainingQueue;
import org.mlarena.leaderboard.boundary.Leaderboard;
import org.mlarena.leaderboard.boundary.LeaderboardService;
import org.mlarena.submission.boundary.SubmissionService;
import org.mlarena.submission.entity.Submission;
import org.mlarena.team.boundary.Standing;
import org.mlarena.team.boundary.TeamService;
import org.mlarena.team.boundary.UseCaseService;
import org.mlarena.team.control.Participation;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.web.faces.BoundaryCall;
import org.mlarena.web.faces.dataset.EdaProfile;
import org.mlarena.web.faces.experiment.ExperimentDetails;
import org.mlarena.web.faces.experiment.ExperimentRow;
import org.mlarena.web.faces.experiment.TrainingForm;
import org.mlarena.web.rest.evaluation.EvaluationInputs;
import org.mlarena.web.rest.evaluation.EvaluationView;
import org.mlarena.web.faces.leaderboard.LeaderboardRow;
import org.mlarena.web.faces.leaderboard.LeaderboardRows;
import org.mlarena.web.faces.submission.SubmissionRow;
import org.mlarena.web.rest.leaderboard.LeaderboardResource;
import org.mlarena.web.rest.leaderboard.LeaderboardView;

/**
 * One use case ({@code use-case.xhtml?slug=...&tab=...}) with six tabs, each its own bookmarkable address: only the
 * shown tab's data is read. Every refusal of a boundary becomes a message on the page; a slug the caller may not see
 * reads like one that does not exist.
 */
@Named
@ViewScoped
public class UseCaseView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The tabs in their order; the key is the {@code tab} parameter. */
    public enum Tab {
        LEADERBOARD("Leaderboard"), DESCRIPTION("Description"), EDA("Exploratory data analysis"), TRAINING("Training"),
        SUBMISSIONS("My submissions"), EVALUATION("Evaluation");

        private final String label;

        Tab(String label) {
            this.label = label;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String label() {
            return label;
        }

        static Tab of(String key) {
            return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst().orElse(null);
        }
    }

    /**
     * What the page shows of the use case itself.
     *
     * @param role the caller's place in it: HOST, LEAD, MEMBER, or null when not joined
     */
    /**
     * A time the use case sets, shown on every tab: in UTC on the server, in the viewer's time zone with the time left by
     * the page's script.
     *
     * @param iso the instant, ISO-8601 (the script reads it)
     */
    public record Deadline(String id, String label, String iso, String utc) implements Serializable {

        static List<Deadline> of(UseCase u) {
            List<Deadline> deadlines = new ArrayList<>();
            if (u.getOpensAt() != null) {
                deadlines.add(new Deadline("deadline-opens", "Opens", u.getOpensAt().toString(), when(u.getOpensAt())));
            }
            if (u.getClosesAt() != null) {
                deadlines.add(new Deadline("deadline-submissions", "Submissions end", u.getClosesAt().toString(), when(u.getClosesAt())));
            }
            if (u.getSelectionClosesAt() != null) {
                deadlines.add(new Deadline("deadline-selection", "Final selection ends", u.getSelectionClosesAt().toString(),
                        when(u.getSelectionClosesAt())));
            }
            return List.copyOf(deadlines);
        }
    }

    public record Details(String slug, String title, String visibility, String status, String category, String goal, String problemStatement,
                          String background, String rules, String dataSource, String dataContext, String labelling,
                          String primaryMetric, String averaging, String opensAt, String closesAt,
                          int submissionsPerDay, int teamSizeLimit, double computeBudgetPflops, String role, String team, boolean joinable,
                          String selectionClosesAt, int finalSubmissions, long maxParameters, boolean horizontalFlips, List<Deadline> deadlines)
            implements Serializable {

        static Details of(Participation participation) {
            UseCase u = participation.useCase();
            return new Details(u.getSlug(), u.getTitle(), u.getVisibility().name(), u.getStatus().name(),
                    u.getCategory() == null ? "" : u.getCategory().name(), u.getGoal(), u.getProblemStatement(), u.getBackground(), u.getRules(),
                    u.getDataSource(), u.getDataContext(), u.getLabelling(), u.getPrimaryMetric(), u.getAveraging(), when(u.getOpensAt()), when(u.getClosesAt()), u.getSubmissionsPerDay(),
                    u.getTeamSizeLimit(), u.getComputeBudgetPflops(),
                    participation.membership() == null ? null : participation.membership().getRole().name(),
                    participation.team().map(t -> t.getName()).orElse(null), participation.canJoin(),
                    u.getSelectionClosesAt() == null ? null : when(u.getSelectionClosesAt()), u.getFinalSubmissions(), u.getMaxParameters(),
                    u.isHorizontalFlips(), Deadline.of(u));
        }

        public String visibilityLabel() {
            return visibility.toLowerCase(Locale.ROOT);
        }

        /** In a team (lead or member): may train and submit. */
        public boolean competing() {
            return "LEAD".equals(role) || "MEMBER".equals(role);
        }

        public boolean closed() {
            return "CLOSED".equals(status);
        }

        /** Predicts classes (accuracy, F1, precision and recall mean something), not values. */
        public boolean classification() {
            return category.endsWith("CLASSIFICATION");
        }
    }

    /** The heading of the leaderboard. */
    public record Board(String metricName, String direction, String split, String rankingRule, String relDefinition, boolean inTeam)
            implements Serializable {

        public boolean higherIsBetter() {
            return "HIGHER_IS_BETTER".equals(direction);
        }
    }

    /** The primary metric as the Evaluation tab explains it. */
    public record MetricText(String id, String name, String direction, String explanation, String formula, String implementation,
                             String snippet, String requires) implements Serializable {
    }

    /** What the "try it" form of the Evaluation tab computed. */
    public record TryResult(String value, String interval, String note, List<List<Long>> matrix) implements Serializable {
    }

    /** The caller's team's daily submission limit. */
    public record Quota(int limit, int used, int left, String resetsAt) implements Serializable {
    }

    @Inject
    UseCaseService useCases;
    @Inject
    LeaderboardService leaderboards;
    @Inject
    DatasetService datasets;
    @Inject
    ExperimentService experiments;
    @Inject
    SubmissionService submissions;
    @Inject
    MetricService metrics;
    @Inject
    TeamService teams;
    @Inject
    TrainingQueue queue;

    private String slug;
    private String tab;
    private Tab shown = Tab.LEADERBOARD;
    private Details useCase;

    private Board board;
    private LeaderboardRows leaderboard = new LeaderboardRows(List.of());
    private String profileStatus;
    private String profileReason;
    /** how the test set splits into its public and private parts, with the split's commitment (and its seed once revealed) */
    private String testSplitText;
    private EdaProfile profile;
    /** The hosts' names of the classes and meanings of the columns. */
    private DataDictionary dictionary = DataDictionary.EMPTY;
    private List<ExperimentRow> experimentRows = List.of();
    private boolean showingTemplates;
    private List<SubmissionRow> submissionRows = List.of();
    private Quota quota;
    /** how many final submissions the caller's team has chosen */
    private int finalChoices;
    private MetricText metric;
    private String teamName;
    private Long experiment;
    private ExperimentDetails details;
    private TrainingForm trainingForm;
    private String tryCsv;
    private String editTitle;
    private String editNotes;
    private TryResult tryResult;

    /** The view action: reads the use case named by {@code slug}, then the shown tab. */
    public void load() {
        if (slug == null || slug.isBlank()) {
            BoundaryCall.add(null, FacesMessage.SEVERITY_WARN, "No use case chosen.", "Choose one in the catalogue of use cases.");
            return;
        }
        shown = tab == null || tab.isBlank() ? Tab.LEADERBOARD : Tab.of(tab);
        if (shown == null) {
            BoundaryCall.add(null, FacesMessage.SEVERITY_WARN, "There is no tab '" + tab + "'; here is the leaderboard.", null);
            shown = Tab.LEADERBOARD;
        }
        try {
            useCase = Details.of(useCases.find(slug));
        } catch (ResourceNotFoundException e) {
            BoundaryCall.add(null, FacesMessage.SEVERITY_WARN, "No such use case.", e.getMessage());
            return;
        } catch (RuntimeException e) {
            BoundaryCall.show(e, null);
            return;
        }
        refresh();
    }

    /** Reads the shown tab's data again (the polls of Training and EDA call it). */
    public void refresh() {
        if (useCase == null) {
            return;
        }
        switch (shown) {
            case LEADERBOARD -> loadLeaderboard();
            case EDA -> loadProfile();
            case TRAINING -> loadExperiments();
            case SUBMISSIONS -> loadSubmissions();
            // the use case holds the description; the metric's name and direction come from the platform's metrics
            case DESCRIPTION, EVALUATION -> loadMetric();
        }
    }

    private void loadLeaderboard() {
        BoundaryCall.call(() -> leaderboards.leaderboard(slug), null).ifPresent((Leaderboard b) -> {
            board = new Board(b.metricName(), b.direction(), b.split(), b.rankingRule(), b.relDefinition(), b.myTeamId() != null);
            leaderboard = new LeaderboardRows(b.lines().stream().map(line -> LeaderboardRow.of(line, b)).toList());
        });
    }

    private void loadProfile() {
        profile = null;
        dictionary = DataDictionary.EMPTY;
        DatasetService.View view;
        try {
            view = datasets.dataset(slug);
        } catch (ResourceNotFoundException e) {
            profileStatus = "NO_DATASET";
            profileReason = e.getMessage();
            return;
        } catch (RuntimeException e) {
            BoundaryCall.show(e, null);
            return;
        }
        profileStatus = view.dataset().getProfileStatus();
        profileReason = view.dataset().getProfileReason();
        Dataset d = view.dataset();
        dictionary = DataDictionary.fromJson(d.getDictionary());
        Long seed = view.splitSeed();
        testSplitText = String.format(Locale.ROOT, "About %.0f %% of the test rows are public (they rank while the use case runs), the"
                + " rest private (the final ranking). The split is fixed by a seed whose SHA-256 is %s; %s", 100 * d.getUseCase().getPublicFraction(),
                org.mlarena.evaluation.ScoreSplit.commitment(d.scoreSplitSeed()),
                seed != null ? "the seed is " + seed + ". " + org.mlarena.evaluation.ScoreSplit.RULE
                        : "the seed itself is shown once the use case is closed, so that anyone can recompute which rows were public.");
        if (!Dataset.PROFILE_READY.equals(profileStatus)) {
            return;
        }
        BoundaryCall.call(() -> datasets.profile(slug), null).ifPresent(this::readProfile);
    }

    private void readProfile(Path file) {
        try {
            profile = EdaProfile.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException | JsonException | IllegalArgumentException e) {
            profileStatus = Dataset.PROFILE_FAILED;
            profileReason = "The profile could not be read (" + e.getMessage() + "); ask the hosts to import the dataset again.";
        }
    }

    private void loadExperiments() {
        BoundaryCall.run(() -> {
            Page<Experiment> own = experiments.list(slug, ExperimentService.Scope.TEAM, 0, Page.MAX_PAGE_SIZE);
            Page<Experiment> templates = experiments.list(slug, ExperimentService.Scope.TEMPLATES, 0, Page.MAX_PAGE_SIZE);
            showingTemplates = own.items().isEmpty();
            List<Experiment> shown = (showingTemplates ? templates : own).items();
            java.util.Map<Long, TrainingQueue.Place> places = queue.places(shown);
            experimentRows = shown.stream().map(e -> ExperimentRow.of(e, places.get(e.getId()))).toList();
            if (trainingForm == null && (useCase.competing() || "HOST".equals(useCase.role())) && !useCase.closed()) {
                trainingForm = new TrainingForm(useCase.category());
            }
            if (trainingForm != null) {
                trainingForm.setOrigins(experiments.finetuneOrigins(slug).stream().map(e -> new TrainingForm.Origin(e.getId(),
                        "#" + e.getId() + " " + e.getTitle() + " (" + e.getModel() + (e.isTemplate() ? ", template" : "") + ")")).toList());
            }
        }, null);
        loadDetails();
    }

    /**
     * The experiment named by the {@code experiment} parameter, with its learning curves; without one, the newest
     * listed, so that the tab opens with curves to read rather than behind a click.
     */
    private void loadDetails() {
        if (experiment == null && experimentRows != null && !experimentRows.isEmpty()) {
            experiment = experimentRows.get(0).id();
        }
        if (experiment == null) {
            details = null;
            return;
        }
        String metricName = useCase.primaryMetric();
        Long before = details == null ? null : details.row().id();
        details = BoundaryCall.call(() -> ExperimentDetails.of(experiments.find(slug, experiment), experiments.curves(slug, experiment), metricName,
                UseCaseView::when), null).orElse(null);
        if (details != null && !Long.valueOf(details.row().id()).equals(before)) {
            // the edit fields start from what is stored, and keep what is typed while the page polls
            editTitle = details.row().title();
            editNotes = details.notes();
        }
    }

    /** Starts a training with the form's settings; every wrong setting is shown next to its input, the input stays. */
    public void startTraining() {
        if (trainingForm == null) {
            return;
        }
        BoundaryCall.callForm(() -> experiments.create(slug, trainingForm.draft()), field -> trainingForm.clientId("trainingStart", field))
                .ifPresent(created -> {
                    BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, "Experiment #" + created.getId() + " '" + created.getTitle() + "' is queued.",
                            "It trains on the platform; this page follows its progress.");
                    experiment = created.getId();
                    trainingForm.setTitle(null);
                    trainingForm.setNotes(null);
                    loadExperiments();
                });
    }

    /** Asks the pipeline to stop an experiment that is queued or training. */
    public void cancelExperiment(long id) {
        BoundaryCall.call(() -> experiments.cancel(slug, id), null).ifPresent(e -> BoundaryCall.add(null, FacesMessage.SEVERITY_INFO,
                "Experiment #" + id + " is " + (e.getStatus().isFinal() ? e.getStatus().name().toLowerCase(Locale.ROOT) : "being cancelled") + ".",
                null));
        loadExperiments();
    }

    /** Queues a cancelled, failed or budget-stopped experiment again; it continues from its last checkpoint. */
    public void restartExperiment(long id) {
        BoundaryCall.call(() -> experiments.restart(slug, id), null).ifPresent(e -> BoundaryCall.add(null, FacesMessage.SEVERITY_INFO,
                "Experiment #" + id + " is queued again; it continues from its last checkpoint.", null));
        loadExperiments();
    }

    /** Saves the title and notes of the experiment shown in full. */
    public void describeExperiment() {
        if (details == null) {
            return;
        }
        long id = details.row().id();
        // the form always shows both: an emptied field (null here) is an empty title or no notes, not "keep"
        BoundaryCall.callForm(() -> experiments.describe(slug, id, editTitle == null ? "" : editTitle, editNotes == null ? "" : editNotes),
                field -> "trainingForm:edit-" + field).ifPresent(e -> BoundaryCall.add(null, FacesMessage.SEVERITY_INFO,
                "Experiment #" + id + " described.", null));
        loadExperiments();
    }

    /** Submits a completed experiment for scoring on the hidden test set. */
    public void submitExperiment(long id) {
        BoundaryCall.call(() -> submissions.submit(slug, id, null), null).ifPresent((Submission s) -> BoundaryCall.add(null,
                FacesMessage.SEVERITY_INFO, "Submitted as #" + s.getId() + "; it is scored on the hidden test set.",
                "Follow it under My submissions."));
        loadExperiments();
    }

    private void loadSubmissions() {
        BoundaryCall.call(() -> submissions.list(slug, 0, Page.MAX_PAGE_SIZE), null).ifPresent(listing -> {
            submissionRows = listing.page().items().stream().map(SubmissionRow::of).toList();
            finalChoices = listing.finalChoices().size();
            quota = listing.quota() == null ? null
                    : new Quota(listing.quota().limit(), listing.quota().used(), listing.quota().left(), when(listing.quota().resetsAt()));
        });
    }

    private void loadMetric() {
        metric = BoundaryCall.call(() -> metrics.metric(useCase.primaryMetric()).orElse(null), null)
                .map(m -> new MetricText(m.id(), m.name(), m.direction().name(), m.explanation(), m.formula(), m.implementation(), m.snippet(),
                        m.requires().name()))
                .orElse(null);
        if (metric == null) {
            BoundaryCall.add(null, FacesMessage.SEVERITY_WARN, "The platform has no metric '" + useCase.primaryMetric() + "'.",
                    "Ask the hosts to choose one of the metrics the platform knows.");
        }
    }

    /** Submissions: chooses a scored one as final (only final ones rank on the private leaderboard), or unchooses it. */
    public void chooseAsFinal(long id, boolean chosen) {
        BoundaryCall.call(() -> submissions.chooseAsFinal(slug, id, chosen), null).ifPresent((Submission s) -> BoundaryCall.add(null,
                FacesMessage.SEVERITY_INFO, "Submission #" + id + (chosen ? " is one of your team's final submissions." : " is no longer final."),
                null));
        loadSubmissions();
    }

    /** What the My submissions tab says of the final submissions: how many, until when, and what happens without a choice. */
    public String getFinalChoiceText() {
        if (useCase == null) {
            return "";
        }
        int allowed = useCase.finalSubmissions();
        String until = useCase.selectionClosesAt() == null ? "until the use case is closed" : "until " + useCase.selectionClosesAt();
        return "The private leaderboard ranks each team by its final submissions only. Your team has chosen " + finalChoices + " of "
                + allowed + "; it can choose " + until + ". Without a choice, its " + (allowed == 1 ? "best submission" : allowed + " best submissions")
                + " on the public part count.";
    }

    /** Trains a scored submission's experiment again and scores it, to compare with the original (its team or a host). */
    public void reproduce(long id) {
        BoundaryCall.call(() -> submissions.reproduce(slug, id), null).ifPresent(e -> BoundaryCall.add(null, FacesMessage.SEVERITY_INFO,
                "Experiment #" + e.getId() + " trains submission #" + id + "'s model again from its stored settings.",
                "When it completes it is scored and compared with the original here, under Reproduces."));
        loadSubmissions();
    }

    /** Submissions: cancels one still queued. */
    public void cancelSubmission(long id) {
        BoundaryCall.call(() -> submissions.cancel(slug, id), null).ifPresent((Submission s) -> BoundaryCall.add(null,
                FacesMessage.SEVERITY_INFO, "Submission #" + id + " is " + s.getStatus().name().toLowerCase(Locale.ROOT) + ".", null));
        loadSubmissions();
    }

    /** Evaluation: computes the use case's metric on the CSV typed into the "try it" form, with a 95 % bootstrap interval. */
    public void tryMetric() {
        tryResult = null;
        if (metric == null) {
            return;
        }
        String text = tryCsv == null ? "" : tryCsv;
        BoundaryCall.callForm(() -> {
            org.mlarena.evaluation.Metric m = metrics.metric(metric.id()).orElseThrow();
            return EvaluationView.of(metrics.evaluate(metric.id(), EvaluationInputs.of(m, EvaluationInputs.csv(text)), 1000, 0.95, 1L));
        }, field -> "tryForm:try-csv").ifPresent(v -> tryResult = new TryResult(
                v.value() == null ? null : String.format(Locale.ROOT, "%.4f", v.value()),
                v.interval() == null || v.interval().lower() == null ? null
                        : String.format(Locale.ROOT, "95 %% bootstrap interval [%.4f, %.4f] (%d resamples)", v.interval().lower(), v.interval().upper(),
                        v.interval().resamples()),
                v.note(), v.matrix() == null ? null : Arrays.stream(v.matrix()).map(r -> Arrays.stream(r).boxed().toList()).toList()));
    }

    /** Joins the use case, accepting its rules (the dialog showed them); back to the same tab on success. */
    public String join() {
        return BoundaryCall.call(() -> teams.join(slug, true, teamName), null).map((Standing standing) -> {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().getFlash().setKeepMessages(true);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "You joined '" + useCase.title() + "'.",
                    standing.team() == null ? null : "You lead the team '" + standing.team().getName() + "'; invite teammates from it."));
            return "/use-case?faces-redirect=true&slug=" + slug + "&tab=" + shown.key();
        }).orElse(null);
    }

    /**
     * Sends the leaderboard as CSV, the same file as the REST API's {@code .../leaderboard/csv}, which a browser cannot
     * fetch with its session (REST calls carry their own credentials).
     */
    public void downloadCsv() throws IOException {
        if (useCase == null) {
            return;
        }
        Leaderboard current = BoundaryCall.call(() -> leaderboards.leaderboard(slug), null).orElse(null);
        if (current == null) {
            return;
        }
        byte[] body = LeaderboardResource.csv(LeaderboardView.of(current)).getBytes(StandardCharsets.UTF_8);
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.responseReset();
        external.setResponseContentType("text/csv; charset=UTF-8");
        external.setResponseContentLength(body.length);
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"leaderboard-" + slug + ".csv\"");
        external.getResponseOutputStream().write(body);
        faces.responseComplete();
    }

    /** True while an experiment is queued or running: the Training tab polls until none is. */
    public boolean isTrainingActive() {
        return experimentRows.stream().anyMatch(ExperimentRow::active) || details != null && details.row().active();
    }

    /** True while a submission is queued or being scored: My submissions polls until none is. */
    public boolean isScoringActive() {
        return submissionRows.stream().anyMatch(SubmissionRow::active);
    }

    /** True while the dataset's profile is being computed: the EDA tab polls until it is ready or failed. */
    public boolean isProfilePending() {
        return Dataset.PROFILE_PENDING.equals(profileStatus);
    }

    static String when(Instant instant) {
        return org.mlarena.web.faces.Display.utc(instant);
    }

    public List<Tab> getTabs() {
        return List.of(Tab.values());
    }

    public String getShownTab() {
        return shown.key();
    }

    public boolean isFound() {
        return useCase != null;
    }

    public Details getUseCase() {
        return useCase;
    }

    public Board getBoard() {
        return board;
    }

    public LeaderboardRows getLeaderboard() {
        return leaderboard;
    }

    public String getProfileStatus() {
        return profileStatus;
    }

    public String getProfileReason() {
        return profileReason;
    }

    public String getTestSplitText() {
        return testSplitText;
    }

    /** A class as people know it: "T-shirt/top (0)", or the label alone when the hosts named none. */
    public String className(String label) {
        return dictionary.className(label);
    }

    /** What a column means, as the hosts wrote it; null when they did not. */
    public String columnMeaning(String column) {
        return dictionary.columns().get(column);
    }

    public boolean isColumnMeanings() {
        return !dictionary.columns().isEmpty();
    }

    public EdaProfile getProfile() {
        return profile;
    }

    public List<ExperimentRow> getExperiments() {
        return experimentRows;
    }

    public boolean isShowingTemplates() {
        return showingTemplates;
    }

    public List<SubmissionRow> getSubmissions() {
        return submissionRows;
    }

    public Quota getQuota() {
        return quota;
    }

    public MetricText getMetric() {
        return metric;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getTab() {
        return tab;
    }

    public void setTab(String tab) {
        this.tab = tab;
    }

    public Long getExperiment() {
        return experiment;
    }

    public void setExperiment(Long experiment) {
        this.experiment = experiment;
    }

    public ExperimentDetails getDetails() {
        return details;
    }

    public TrainingForm getTrainingForm() {
        return trainingForm;
    }

    public String getEditTitle() {
        return editTitle;
    }

    public void setEditTitle(String editTitle) {
        this.editTitle = editTitle;
    }

    public String getEditNotes() {
        return editNotes;
    }

    public void setEditNotes(String editNotes) {
        this.editNotes = editNotes;
    }

    public String getTryCsv() {
        return tryCsv;
    }

    public void setTryCsv(String tryCsv) {
        this.tryCsv = tryCsv;
    }

    public TryResult getTryResult() {
        return tryResult;
    }

    /** A sample input for the "try it" form: the CSV layout the metric takes. */
    public String getTryExample() {
        if (metric == null) {
            return "";
        }
        return switch (metric.requires()) {
            case "VALUES" -> "truth,predicted\n3.0,2.5\n-0.5,0.0\n2.0,2.0\n7.0,8.0";
            case "PROBABILITIES" -> "truth,p_0,p_1\n0,0.9,0.1\n1,0.2,0.8\n1,0.6,0.4\n0,0.7,0.3";
            default -> "truth,predicted\n0,0\n1,1\n2,1\n1,1\n0,2";
        };
    }

    public String getTeamName() {
        return teamName;
    }

    public void setTeamName(String teamName) {
        this.teamName = teamName;
    }
}
