package org.mlarena.web.rest.submission;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mlarena.common.InvalidInputException;
import org.mlarena.identity.control.Roles;
import org.mlarena.submission.boundary.SubmissionService;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.submission.entity.Submission;
import org.mlarena.team.boundary.UseCaseService;
import org.mlarena.team.control.Participation;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.web.rest.PageRequest;
import org.mlarena.web.rest.PageView;
import org.mlarena.web.rest.ResourceId;
import org.mlarena.web.rest.experiment.ExperimentView;

/**
 * The submissions of a use case: participants see their own team's, hosts all. Scoring runs as a batch job;
 * the submission's status tells how it goes.
 */
@Path("use-cases/{slug}/submissions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
@Tag(name = "Submissions", description = "Trained experiments sent for scoring on the hidden test set, within the team's daily limit")
public class SubmissionsResource {

    @Inject
    SubmissionService submissions;

    @Inject
    UseCaseService useCases;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Submissions, newest first (your team's; hosts: all), with your team's submissions left today")
    public SubmissionListing list(@PathParam("slug") String slug,
                                  @QueryParam("first") @DefaultValue(PageRequest.DEFAULT_FIRST) String first,
                                  @QueryParam("max") @DefaultValue(PageRequest.DEFAULT_MAX) String max) {
        PageRequest page = PageRequest.of(first, max);
        SubmissionService.Listing listing = submissions.list(slug, page.first(), page.max());
        Participation participation = useCases.find(slug);
        boolean host = participation.isHost();
        UseCase useCase = participation.useCase();
        return new SubmissionListing(PageView.of(listing.page(), s -> SubmissionView.of(s, host)), SubmissionListing.Quota.of(listing.quota()),
                new SubmissionListing.Finals(useCase.getFinalSubmissions(), listing.finalChoices(), useCase.getSelectionClosesAt()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submits a completed experiment of your team for scoring; 429 when today's submissions are used up")
    @APIResponse(responseCode = "201", description = "Queued for scoring; Location is its address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmissionView.class)))
    public Response submit(@PathParam("slug") String slug, SubmissionRequest request) {
        if (request == null) {
            throw new InvalidInputException("experimentId", "Send {\"experimentId\": <id>, \"comment\": \"...\"} naming the experiment to submit.");
        }
        Submission submitted = submissions.submit(slug, request.experimentId(), request.comment());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(submitted.getId())).build())
                .entity(SubmissionView.of(submitted, false)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A submission with its public score (and, once the use case is closed, its private score) and its cost")
    public SubmissionView get(@PathParam("slug") String slug, @PathParam("id") String id) {
        return SubmissionView.of(submissions.find(slug, ResourceId.parse("submission", id)), host(slug));
    }

    @PUT
    @Path("{id}/final-choice")
    @Operation(summary = "Chooses a scored submission of your team as final: only final submissions rank on the private leaderboard;"
            + " 409 once the final selection has ended or when the team has chosen as many as it may")
    public SubmissionView choose(@PathParam("slug") String slug, @PathParam("id") String id) {
        return SubmissionView.of(submissions.chooseAsFinal(slug, ResourceId.parse("submission", id), true), false);
    }

    @DELETE
    @Path("{id}/final-choice")
    @Operation(summary = "Unchooses a final submission of your team, until the final selection ends")
    public SubmissionView unchoose(@PathParam("slug") String slug, @PathParam("id") String id) {
        return SubmissionView.of(submissions.chooseAsFinal(slug, ResourceId.parse("submission", id), false), false);
    }

    @POST
    @Path("{id}/cancellation")
    @Operation(summary = "Cancels a queued submission; it then does not count against the daily limit")
    public SubmissionView cancel(@PathParam("slug") String slug, @PathParam("id") String id) {
        return SubmissionView.of(submissions.cancel(slug, ResourceId.parse("submission", id)), host(slug));
    }

    @POST
    @Path("{id}/reproductions")
    @Operation(summary = "Reproduces a scored submission: trains its experiment again from the stored settings (same seed), scores the new"
            + " model and compares its predictions with the original's to the bit (a new submission that reproduces it, counted nowhere);"
            + " for its team or a host (a host's is charged to no budget)")
    @APIResponse(responseCode = "202", description = "The reproducing experiment, queued; its submission follows when it completes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExperimentView.class)))
    public Response reproduce(@PathParam("slug") String slug, @PathParam("id") String id) {
        Experiment experiment = submissions.reproduce(slug, ResourceId.parse("submission", id));
        return Response.accepted(ExperimentView.of(experiment))
                .location(uri.getBaseUriBuilder().path("use-cases").path(slug).path("experiments").path(Long.toString(experiment.getId())).build())
                .build();
    }

    @GET
    @Path("{id}/predictions")
    @Produces("text/csv")
    @Operation(summary = "Hosts: a submission's predictions on the hidden test set as CSV, one line per test row in the stored order: the"
            + " predicted class (or value) and the model's raw outputs, exactly as scored")
    public Response predictions(@PathParam("slug") String slug, @PathParam("id") String id) {
        SubmissionService.StoredPredictions stored = submissions.predictions(slug, ResourceId.parse("submission", id));
        return Response.ok(PredictionsCsv.of(stored), "text/csv")
                .header("Content-Disposition", "attachment; filename=\"predictions-" + slug + "-" + stored.submission().getId() + ".csv\"").build();
    }

    private boolean host(String slug) {
        return useCases.find(slug).isHost();
    }
}
