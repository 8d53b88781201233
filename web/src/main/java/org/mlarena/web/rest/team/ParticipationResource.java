package org.mlarena.web.rest.team;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.mlarena.identity.control.Roles;
import org.mlarena.team.boundary.TeamService;

/** The caller's participation in a use case: joining an open one, and where they stand in it. */
@Path("use-cases/{slug}/participation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
@Tag(name = "Teams", description = "Joining a use case, your standing in it, its teams and their compute ledgers")
public class ParticipationResource {

    @Inject
    TeamService teams;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Joins an open use case: you accept its rules and lead a team of your own (private ones are joined by invitation)")
    @APIResponse(responseCode = "201", description = "Joined; your standing",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StandingView.class)))
    public Response join(@PathParam("slug") String slug, JoinRequest request) {
        if (request == null) {
            throw new InvalidInputException("acceptRules", "Send {\"acceptRules\": true} (and optionally \"teamName\") after reading the rules.");
        }
        StandingView standing = StandingView.of(teams.join(slug, Boolean.TRUE.equals(request.acceptRules()), request.teamName()));
        return Response.created(uri.getAbsolutePath()).entity(standing).build();
    }

    @GET
    @Operation(summary = "Your standing: role, team and members, submissions left today, compute budget left")
    public StandingView get(@PathParam("slug") String slug) {
        return StandingView.of(teams.standing(slug));
    }
}
