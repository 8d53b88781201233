package org.mlarena.web.rest.usecase;

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
import org.mlarena.team.entity.Membership;
import org.mlarena.team.boundary.UseCaseService;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.web.rest.PageRequest;
import org.mlarena.web.rest.PageView;

/**
 * Use cases: the catalogue of those the caller may see, and what hosts create and change. A private use case
 * that the caller may not see answers 404, like one that does not exist.
 */
@Path("use-cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
@Tag(name = "Use cases", description = "The competitions: what to predict, judged by which metric, under which rules and limits; their hosts")
public class UseCasesResource {

    @Inject
    UseCaseService useCases;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The catalogue: public and template use cases, and the private ones you host, joined or are invited to")
    public PageView<UseCaseSummary> list(@QueryParam("first") @DefaultValue(PageRequest.DEFAULT_FIRST) String first,
                                         @QueryParam("max") @DefaultValue(PageRequest.DEFAULT_MAX) String max) {
        PageRequest page = PageRequest.of(first, max);
        return PageView.of(useCases.catalogue(page.first(), page.max()), UseCaseSummary::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HOST)
    @Operation(summary = "Creates a use case (a private draft until you open it); you become its first host. Needs the role host")
    @APIResponse(responseCode = "201", description = "Created; Location is its address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UseCaseView.class)))
    public Response create(UseCaseRequest request) {
        if (request == null) {
            throw new InvalidInputException(null, "Send the use case as JSON, at least {\"title\": ..., \"category\": ..., \"primaryMetric\": ...}.");
        }
        UseCase created = useCases.create(request.draft());
        // read again: the version is the one stored by the commit
        return Response.created(uri.getAbsolutePathBuilder().path(created.getSlug()).build())
                .entity(UseCaseView.of(useCases.find(created.getSlug()))).build();
    }

    @GET
    @Path("{slug}")
    @Operation(summary = "A use case with its description, rules, metric, dates and limits, and your role in it")
    public UseCaseView get(@PathParam("slug") String slug) {
        return UseCaseView.of(useCases.find(slug));
    }

    @PUT
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Changes a use case (hosts): missing fields keep their value; send the version you read, a changed use case answers 409")
    public UseCaseView update(@PathParam("slug") String slug, UseCaseRequest request) {
        if (request == null) {
            throw new InvalidInputException(null, "Send the fields to change as JSON, with the version you read, e.g. {\"title\": ..., \"version\": 3}.");
        }
        useCases.update(slug, request.draft(), request.version());
        return UseCaseView.of(useCases.find(slug));
    }

    @GET
    @Path("{slug}/hosts")
    @Operation(summary = "The hosts of a use case")
    public PageView<HostView> hosts(@PathParam("slug") String slug,
                                    @QueryParam("first") @DefaultValue(PageRequest.DEFAULT_FIRST) String first,
                                    @QueryParam("max") @DefaultValue(PageRequest.DEFAULT_MAX) String max) {
        PageRequest page = PageRequest.of(first, max);
        return PageView.of(page.cut(useCases.hosts(slug)), HostView::of);
    }

    @POST
    @Path("{slug}/hosts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Adds a co-host (hosts); the person must not compete in the use case")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HostView.class)))
    public Response addHost(@PathParam("slug") String slug, HostRequest request) {
        if (request == null) {
            throw new InvalidInputException("user", "Send {\"user\": \"<sign-in name>\"} naming the person to add as host.");
        }
        Membership host = useCases.addHost(slug, request.user());
        return Response.created(uri.getAbsolutePathBuilder().path("{user}").build(host.getUsername())).entity(HostView.of(host)).build();
    }

    @DELETE
    @Path("{slug}/hosts/{user}")
    @Operation(summary = "Removes a co-host (hosts); a use case keeps at least one host")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response removeHost(@PathParam("slug") String slug, @PathParam("user") String user) {
        useCases.removeHost(slug, user);
        return Response.noContent().build();
    }
}
