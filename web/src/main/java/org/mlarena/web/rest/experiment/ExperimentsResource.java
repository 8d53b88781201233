package org.mlarena.web.rest.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
import org.mlarena.experiment.boundary.ExperimentService;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.identity.control.Roles;
import org.mlarena.pipeline.boundary.TrainingQueue;
import org.mlarena.web.rest.PageRequest;
import org.mlarena.web.rest.PageView;
import org.mlarena.web.rest.ResourceId;

/**
 * The experiments of a use case. Participants see their own team's and the templates, never another team's;
 * hosts see all and create the templates. Training runs as a batch job: creating or restarting one answers at once
 * and the experiment's status tells how it goes.
 */
@Path("use-cases/{slug}/experiments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
@Tag(name = "Experiments", description = "Training runs of models from the zoo on a use case's data: progress, validation metrics, cost and curves")
public class ExperimentsResource {

    @Inject
    ExperimentService experiments;

    @Inject
    TrainingQueue queue;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Experiments, newest first: scope=team (default) your team's, for hosts every team's; scope=templates the use case's templates")
    public PageView<ExperimentView> list(@PathParam("slug") String slug, @QueryParam("scope") @DefaultValue("team") String scope,
                                         @QueryParam("first") @DefaultValue(PageRequest.DEFAULT_FIRST) String first,
                                         @QueryParam("max") @DefaultValue(PageRequest.DEFAULT_MAX) String max) {
        PageRequest page = PageRequest.of(first, max);
        org.mlarena.common.Page<Experiment> found = experiments.list(slug, scope(scope), page.first(), page.max());
        Map<Long, TrainingQueue.Place> places = queue.places(found.items());
        return PageView.of(found, e -> ExperimentView.of(e, places.get(e.getId())));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queues an experiment for your team (a host: a template of the use case); its figures are known at once, training follows")
    @APIResponse(responseCode = "201", description = "Queued; Location is its address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExperimentView.class)))
    public Response create(@PathParam("slug") String slug, ExperimentRequest request) {
        if (request == null) {
            throw new InvalidInputException(null, "Send the experiment as JSON, at least {\"title\": ..., \"model\": ...}; GET /api/v1/models lists the models.");
        }
        Experiment created = experiments.create(slug, request.draft());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.getId())).build())
                .entity(ExperimentView.of(created)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An experiment with its status, progress, validation metrics, size, FLOPs and energy")
    public ExperimentView get(@PathParam("slug") String slug, @PathParam("id") String id) {
        Experiment experiment = experiments.find(slug, ResourceId.parse("experiment", id));
        return ExperimentView.of(experiment, queue.places(List.of(experiment)).get(experiment.getId()));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Changes the title and notes (the owning team; hosts for templates); a field left out keeps its value")
    public ExperimentView describe(@PathParam("slug") String slug, @PathParam("id") String id, DescriptionRequest request) {
        long experimentId = ResourceId.parse("experiment", id);
        if (request == null) {
            throw new InvalidInputException(null, "Send {\"title\": ..., \"notes\": ...} with what to change.");
        }
        return ExperimentView.of(experiments.describe(slug, experimentId, request.title(), request.notes()));
    }

    @GET
    @Path("{id}/curves")
    @Operation(summary = "The learning curves: losses and validation figures after each epoch, in order")
    public List<EpochView> curves(@PathParam("slug") String slug, @PathParam("id") String id) {
        return experiments.curves(slug, ResourceId.parse("experiment", id)).stream().map(EpochView::of).toList();
    }

    @POST
    @Path("{id}/cancellation")
    @Operation(summary = "Cancels a queued experiment at once (200) or a running one at the end of its current epoch (202)")
    @APIResponse(responseCode = "200", description = "Cancelled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExperimentView.class)))
    @APIResponse(responseCode = "202", description = "Cancellation requested: it stops at the end of its current epoch and keeps its checkpoint",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExperimentView.class)))
    public Response cancel(@PathParam("slug") String slug, @PathParam("id") String id) {
        Experiment experiment = experiments.cancel(slug, ResourceId.parse("experiment", id));
        return Response.status(experiment.getStatus().isFinal() ? Response.Status.OK : Response.Status.ACCEPTED)
                .entity(ExperimentView.of(experiment)).build();
    }

    @POST
    @Path("{id}/restart")
    @Operation(summary = "Queues a cancelled, failed or budget-stopped experiment again; it continues from its last checkpoint (202)")
    @APIResponse(responseCode = "202", description = "Queued again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExperimentView.class)))
    public Response restart(@PathParam("slug") String slug, @PathParam("id") String id) {
        return Response.accepted(ExperimentView.of(experiments.restart(slug, ResourceId.parse("experiment", id)))).build();
    }

    private static ExperimentService.Scope scope(String value) {
        if (value == null || value.isBlank()) {
            return ExperimentService.Scope.TEAM;
        }
        try {
            return ExperimentService.Scope.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("scope", "scope is one of " + Arrays.stream(ExperimentService.Scope.values())
                    .map(s -> s.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + value + "'.");
        }
    }
}
