package org.mlarena.web.faces.platform;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.common.ArenaClock;
import org.mlarena.common.Page;
import org.mlarena.experiment.boundary.ExperimentService;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.leaderboard.boundary.Leaderboard;
import org.mlarena.leaderboard.boundary.LeaderboardService;
import org.mlarena.leaderboard.control.LeaderboardRanking;
import org.mlarena.pipeline.boundary.TrainingQueue;
import org.mlarena.team.boundary.Standing;
import org.mlarena.team.boundary.TeamService;
import org.mlarena.team.boundary.UseCaseService;
import org.mlarena.team.control.Participation;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.usecase.entity.UseCaseStatus;
import org.mlarena.web.faces.BoundaryCall;
import org.mlarena.web.faces.Display;
import org.mlarena.web.faces.experiment.ExperimentRow;

/**
 * The home page, where a competitor starts: the use cases they take part in with their team's rank and best score,
 * the submissions left today and the deadline; their team's trainings that run or wait, with progress and place in
 * the queue; the use cases they host. The platform's own state is on the status page, for hosts.
 */
@Named
@ViewScoped
public class HomeView implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * A use case the caller takes part in.
     *
     * @param rank     the team's rank, null while it has no scored submission (or for hosts)
     * @param ranked   teams with a rank
     * @param teams    teams in the use case
     * @param left     submissions the team has left today, null for hosts
     * @param deadline when it closes, in words ("in 3 days, 2026-12-08 12:00 UTC"), or what its status says
     */
    public record MyUseCase(String slug, String title, boolean host, String team, Integer rank, int ranked, int teams, String score,
                            String metric, Integer left, Integer perDay, String deadline, String status) implements Serializable {
    }

    /** A training of the caller's team (or, for a host, a template experiment) that waits or runs. */
    public record MyRun(String slug, String useCase, ExperimentRow row) implements Serializable {
    }

    @Inject
    UseCaseService useCases;
    @Inject
    TeamService teams;
    @Inject
    LeaderboardService leaderboards;
    @Inject
    ExperimentService experiments;
    @Inject
    TrainingQueue queue;

    private List<MyUseCase> competing = List.of();
    private List<MyUseCase> hosted = List.of();
    private List<MyRun> runs = List.of();

    @PostConstruct
    void load() {
        refresh();
    }

    /** Reads everything again (the page polls while a run is active). */
    public void refresh() {
        List<MyUseCase> competingNow = new ArrayList<>();
        List<MyUseCase> hostedNow = new ArrayList<>();
        List<MyRun> runsNow = new ArrayList<>();
        Map<String, String> roles = BoundaryCall.call(useCases::myRoles, null).orElse(Map.of());
        for (Map.Entry<String, String> role : roles.entrySet()) {
            BoundaryCall.call(() -> useCase(role.getKey(), "HOST".equals(role.getValue()), runsNow), null)
                    .ifPresent(u -> (u.host() ? hostedNow : competingNow).add(u));
        }
        Comparator<MyUseCase> byTitle = Comparator.comparing(MyUseCase::title, String.CASE_INSENSITIVE_ORDER);
        competingNow.sort(byTitle);
        hostedNow.sort(byTitle);
        // running first, then the queue in its order
        runsNow.sort(Comparator.comparing((MyRun r) -> !"RUNNING".equals(r.row().status())).thenComparing(r -> r.row().id()));
        competing = List.copyOf(competingNow);
        hosted = List.copyOf(hostedNow);
        runs = List.copyOf(runsNow);
    }

    private MyUseCase useCase(String slug, boolean host, List<MyRun> runsNow) {
        Participation participation = useCases.find(slug);
        UseCase useCase = participation.useCase();
        Leaderboard board = leaderboards.leaderboard(slug);
        LeaderboardRanking.Line mine = board.lines().stream().filter(l -> board.myTeamId() != null && l.team().teamId() == board.myTeamId())
                .findFirst().orElse(null);
        int ranked = (int) board.lines().stream().filter(l -> l.rank() != null).count();
        Integer left = null;
        Integer perDay = null;
        String team = null;
        if (!host) {
            Standing standing = teams.standing(slug);
            if (standing.team() != null) {
                team = standing.team().getName();
                perDay = standing.submissions().limit();
                left = Math.max(0, standing.submissions().limit() - standing.submissions().used());
            }
        }
        Page<Experiment> own = experiments.list(slug, host ? ExperimentService.Scope.TEMPLATES : ExperimentService.Scope.TEAM, 0, Page.MAX_PAGE_SIZE);
        List<Experiment> active = own.items().stream().filter(e -> !e.getStatus().isFinal()).toList();
        Map<Long, TrainingQueue.Place> places = queue.places(active);
        active.forEach(e -> runsNow.add(new MyRun(slug, useCase.getTitle(), ExperimentRow.of(e, places.get(e.getId())))));
        return new MyUseCase(slug, useCase.getTitle(), host, team, mine == null ? null : mine.rank(), ranked, board.lines().size(),
                mine == null || mine.best() == null ? null : Display.score(mine.best().score()), board.metricName(), left, perDay,
                deadline(useCase, ArenaClock.now()), Display.status(useCase.getStatus().name()));
    }

    /** "closes in 3 days (2026-12-08 12:00 UTC)", "closed", or "no deadline". */
    static String deadline(UseCase useCase, Instant now) {
        if (useCase.getStatus() == UseCaseStatus.CLOSED) {
            return "closed";
        }
        Instant closes = useCase.getClosesAt();
        if (closes == null) {
            return "no deadline";
        }
        if (!closes.isAfter(now)) {
            return "closed " + Display.utc(closes);
        }
        return "closes in " + inWords(Duration.between(now, closes)) + " (" + Display.utc(closes) + ")";
    }

    static String inWords(Duration left) {
        long days = left.toDays();
        if (days >= 2) {
            return days + " days";
        }
        long hours = left.toHours();
        if (hours >= 2) {
            return hours + " hours";
        }
        long minutes = Math.max(1, left.toMinutes());
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    /** True while a run waits or trains: the page polls until none does. */
    public boolean isActive() {
        return !runs.isEmpty();
    }

    public List<MyUseCase> getCompeting() {
        return competing;
    }

    public List<MyUseCase> getHosted() {
        return hosted;
    }

    public List<MyRun> getRuns() {
        return runs;
    }
}
