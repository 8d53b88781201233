package org.mlarena.web.rest.leaderboard;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mlarena.leaderboard.boundary.LeaderboardService;
import org.mlarena.web.faces.Display;

/** The leaderboard of a use case, as JSON or as CSV for a spreadsheet. */
@Path("use-cases/{slug}/leaderboard")
@Tag(name = "Leaderboard", description = "Teams ranked by their best scored submission, with model size, FLOPs, Rel %, energy and gCO2e")
public class LeaderboardResource {

    static final String CSV_HEADER = "rank,team,score,score_lower,score_upper,parameters,model_bytes,training_flops,rel_percent,"
            + "inference_flops,energy_joules,energy_measured,gco2e,submissions,budget_left_flops,pareto_optimal";

    @Inject
    LeaderboardService leaderboards;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The leaderboard: ranked teams first (public score while the use case runs, private once closed), then unranked teams")
    public LeaderboardView get(@PathParam("slug") String slug) {
        return LeaderboardView.of(leaderboards.leaderboard(slug));
    }

    @GET
    @Path("csv")
    @Produces("text/csv")
    @Operation(summary = "The same leaderboard as CSV, one line per team (for a spreadsheet)")
    public Response csv(@PathParam("slug") String slug) {
        String body = csv(LeaderboardView.of(leaderboards.leaderboard(slug)));
        return Response.ok(body, "text/csv").header("Content-Disposition", "attachment; filename=\"leaderboard-" + slug + ".csv\"").build();
    }

    @GET
    @Path("provenance")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hosts: the ranked lines with provenance (submission, experiment, model, seed, hyperparameters, builds and devices"
            + " that trained and scored it, the dataset's checksum, the predictions' SHA-256): the final leaderboard once closed")
    public LeaderboardService.Provenance provenance(@PathParam("slug") String slug) {
        return leaderboards.provenance(slug);
    }

    @GET
    @Path("provenance/csv")
    @Produces("text/csv")
    @Operation(summary = "Hosts: the same as CSV, one line per ranked team")
    public Response provenanceCsv(@PathParam("slug") String slug) {
        LeaderboardService.Provenance board = leaderboards.provenance(slug);
        String header = "rank,team,split,submission_id,score,score_lower,score_upper,final_choice,experiment_id,model,seed,hyperparameters,"
                + "trained_with,trained_on,dataset_checksum,scored_with,scored_on,predictions_sha256";
        String body = Stream.concat(Stream.of(header), board.lines().stream().map(l -> Stream.of(l.rank(), quoted(l.team()), board.split(),
                        l.submissionId(), l.score(), l.lower(), l.upper(), l.finalChoice(), l.experimentId(), quoted(l.model()), l.seed(),
                        quoted(l.hyperparameters().toString()), quoted(l.trainedWith()), quoted(l.trainedOn()), l.datasetChecksum(),
                        quoted(l.scoredWith()), quoted(l.scoredOn()), l.predictionsSha256())
                .map(v -> v instanceof Number n ? Display.plain(n) : v == null ? "" : v.toString()).collect(Collectors.joining(","))))
                .collect(Collectors.joining("\n", "", "\n"));
        return Response.ok(body, "text/csv").header("Content-Disposition", "attachment; filename=\"leaderboard-provenance-" + slug + ".csv\"")
                .build();
    }

    /** The leaderboard as CSV with a header line; the download of the use case page writes the same. */
    public static String csv(LeaderboardView view) {
        return Stream.concat(Stream.of(CSV_HEADER), view.lines().stream().map(LeaderboardResource::csvLine))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String csvLine(LeaderboardView.Line l) {
        return Stream.of(l.rank(), quoted(l.team()), l.score(), l.scoreLower(), l.scoreUpper(), l.parameters(), l.modelBytes(),
                        l.trainingFlops(), l.relativeFlopsPercent() == null ? null : String.format(Locale.ROOT, "%.1f", l.relativeFlopsPercent()),
                        l.inferenceFlops(), l.energyJoules(), l.energyMeasured(), l.gco2e(), l.submissions(), l.budgetLeftFlops(), l.paretoOptimal())
                .map(v -> v instanceof Number n ? Display.plain(n) : v == null ? "" : v.toString()).collect(Collectors.joining(","));
    }

    private static String quoted(String text) {
        return text == null ? null : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
