package org.mlarena.web.faces.usecase;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import org.mlarena.leaderboard.boundary.Leaderboard;
import org.mlarena.leaderboard.boundary.LeaderboardService;
import org.mlarena.submission.boundary.SubmissionService;
import org.mlarena.team.boundary.Standing;
import org.mlarena.team.boundary.TeamService;
import org.mlarena.usecase.boundary.UseCaseService;
import org.mlarena.usecase.control.Participation;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.usecase.entity.UseCaseStatus;
import org.mlarena.usecase.entity.Visibility;
import org.mlarena.web.faces.BoundaryCall;
import org.mlarena.web.faces.dataset.EdaProfile;
import org.mlarena.web.faces.experiment.ExperimentRow;
import org.mlarena.web.faces.leaderboard.LeaderboardRow;
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
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

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
    public record Details(String slug, String title, String visibility, String status, String category, String goal, String problemStatement,
                          String background, String rules, String primaryMetric, String averaging, String opensAt, String closesAt,
                          int submissionsPerDay, int teamSizeLimit, double computeBudgetPflops, String role, boolean joinable)
            implements Serializable {

        static Details of(Participation participation) {
            UseCase u = participation.useCase();
            boolean joinable = participation.membership() == null && u.getVisibility() != Visibility.PRIVATE
                    && u.getStatus() != UseCaseStatus.CLOSED;
            return new Details(u.getSlug(), u.getTitle(), u.getVisibility().name(), u.getStatus().name(),
                    u.getCategory() == null ? "" : u.getCategory().name(), u.getGoal(), u.getProblemStatement(), u.getBackground(), u.getRules(),
                    u.getPrimaryMetric(), u.getAveraging(), when(u.getOpensAt()), when(u.getClosesAt()), u.getSubmissionsPerDay(),
                    u.getTeamSizeLimit(), u.getComputeBudgetPflops(),
                    participation.membership() == null ? null : participation.membership().getRole().name(), joinable);
        }

        public String visibilityLabel() {
            return visibility.toLowerCase(Locale.ROOT);
        }
    }

    /** The heading of the leaderboard. */
    public record Board(String metricName, String direction, String split, String relDefinition, boolean inTeam) implements Serializable {

        public boolean higherIsBetter() {
            return "HIGHER_IS_BETTER".equals(direction);
        }
    }

    /** The primary metric as the Evaluation tab explains it. */
    public record MetricText(String id, String name, String direction, String explanation, String formula, String implementation,
                             String snippet) implements Serializable {
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

    private String slug;
    private String tab;
    private Tab shown = Tab.LEADERBOARD;
    private Details useCase;

    private Board board;
    private List<LeaderboardRow> leaderboard = List.of();
    private String profileStatus;
    private String profileReason;
    private EdaProfile profile;
    private List<ExperimentRow> experimentRows = List.of();
    private boolean showingTemplates;
    private List<SubmissionRow> submissionRows = List.of();
    private Quota quota;
    private MetricText metric;
    private String teamName;

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
            board = new Board(b.metricName(), b.direction(), b.split(), b.relDefinition(), b.myTeamId() != null);
            leaderboard = b.lines().stream().map(line -> LeaderboardRow.of(line, b)).toList();
        });
    }

    private void loadProfile() {
        profile = null;
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
            showingTemplates = own.items().isEmpty();
            Page<Experiment> page = showingTemplates ? experiments.list(slug, ExperimentService.Scope.TEMPLATES, 0, Page.MAX_PAGE_SIZE) : own;
            experimentRows = page.items().stream().map(ExperimentRow::of).toList();
        }, null);
    }

    private void loadSubmissions() {
        BoundaryCall.call(() -> submissions.list(slug, 0, Page.MAX_PAGE_SIZE), null).ifPresent(listing -> {
            submissionRows = listing.page().items().stream().map(SubmissionRow::of).toList();
            quota = listing.quota() == null ? null
                    : new Quota(listing.quota().limit(), listing.quota().used(), listing.quota().left(), when(listing.quota().resetsAt()));
        });
    }

    private void loadMetric() {
        metric = BoundaryCall.call(() -> metrics.metric(useCase.primaryMetric()).orElse(null), null)
                .map(m -> new MetricText(m.id(), m.name(), m.direction().name(), m.explanation(), m.formula(), m.implementation(), m.snippet()))
                .orElse(null);
        if (metric == null) {
            BoundaryCall.add(null, FacesMessage.SEVERITY_WARN, "The platform has no metric '" + useCase.primaryMetric() + "'.",
                    "Ask the hosts to choose one of the metrics the platform knows.");
        }
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
        return experimentRows.stream().anyMatch(ExperimentRow::active);
    }

    /** True while the dataset's profile is being computed: the EDA tab polls until it is ready or failed. */
    public boolean isProfilePending() {
        return Dataset.PROFILE_PENDING.equals(profileStatus);
    }

    static String when(Instant instant) {
        return instant == null ? null : WHEN.format(instant);
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

    public List<LeaderboardRow> getLeaderboard() {
        return leaderboard;
    }

    public String getProfileStatus() {
        return profileStatus;
    }

    public String getProfileReason() {
        return profileReason;
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

    public String getTeamName() {
        return teamName;
    }

    public void setTeamName(String teamName) {
        this.teamName = teamName;
    }
}
