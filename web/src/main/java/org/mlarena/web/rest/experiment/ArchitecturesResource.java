package org.mlarena.web.rest.experiment;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
import org.mlarena.experiment.boundary.ArchitectureService;
import org.mlarena.experiment.entity.TeamArchitecture;
import org.mlarena.identity.control.Roles;
import org.mlarena.web.rest.ResourceId;

/**
 * The architectures a team writes for a use case: validated against its data (shapes, parameters, FLOPs per layer),
 * saved by name, trained with {@code POST .../experiments {"architectureId": ...}}. A team sees its own; hosts every team's.
 */
@Path("use-cases/{slug}/architectures")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
@Tag(name = "Architectures", description = "Networks a team writes as JSON layers: validation with shapes and figures, saved for training and reuse")
public class ArchitecturesResource {

    @Inject
    ArchitectureService architectures;

    @Context
    UriInfo uri;

    @POST
    @Path("validation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Checks an architecture on the use case's data without saving it: each layer's output shape, parameters and FLOPs per"
            + " sample and the model's totals; an invalid one answers 400 with every problem (the layer's place and what is wrong) on 'architecture'")
    public ArchitectureService.Preview validate(@PathParam("slug") String slug, ArchitectureRequest request) {
        return architectures.preview(slug, request == null ? null : request.text()).requireValid();
    }

    @GET
    @Operation(summary = "Your team's saved architectures (for hosts: every team's), by name")
    public List<ArchitectureView> list(@PathParam("slug") String slug) {
        return architectures.list(slug).stream().map(ArchitectureView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One saved architecture")
    public ArchitectureView get(@PathParam("slug") String slug, @PathParam("id") String id) {
        return ArchitectureView.of(architectures.find(slug, ResourceId.parse("architecture", id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Saves an architecture for your team under a new name; it must be valid on the use case's data")
    @APIResponse(responseCode = "201", description = "Saved; Location is its address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArchitectureView.class)))
    public Response create(@PathParam("slug") String slug, ArchitectureRequest request) {
        if (request == null) {
            throw new InvalidInputException(null, "Send {\"name\": ..., \"architecture\": {\"layers\": [...]}}.");
        }
        TeamArchitecture saved = architectures.create(slug, request.name(), request.text());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(saved.getId())).build()).entity(ArchitectureView.of(saved)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replaces the layers of one of your team's architectures; experiments trained from it keep the layers they trained")
    public ArchitectureView update(@PathParam("slug") String slug, @PathParam("id") String id, ArchitectureRequest request) {
        if (request == null) {
            throw new InvalidInputException(null, "Send {\"architecture\": {\"layers\": [...]}}.");
        }
        return ArchitectureView.of(architectures.update(slug, ResourceId.parse("architecture", id), request.name(), request.text()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Deletes one of your team's architectures; experiments trained from it keep their layers")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("slug") String slug, @PathParam("id") String id) {
        architectures.delete(slug, ResourceId.parse("architecture", id));
        return Response.noContent().build();
    }
}
