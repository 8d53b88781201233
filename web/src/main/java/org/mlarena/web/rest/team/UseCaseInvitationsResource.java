package org.mlarena.web.rest.team;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.mlarena.identity.control.Roles;
import org.mlarena.team.boundary.TeamService;
import org.mlarena.team.entity.Invitation;
import org.mlarena.web.rest.PageRequest;
import org.mlarena.web.rest.PageView;
import org.mlarena.web.rest.ResourceId;

/**
 * The invitations of a use case: a team's lead invites teammates, a host invites people into a private use case.
 * The code of an invitation goes to its sender once, in the answer to {@code POST}; the lists here never show it.
 */
@Path("use-cases/{slug}/invitations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
@Tag(name = "Invitations", description = "Invitations into a team (by its lead) or into a private use case (by a host), and answering them")
public class UseCaseInvitationsResource {

    @Inject
    TeamService teams;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invites a person by sign-in name or e-mail: a lead into their team, a host into the use case. "
            + "The answer carries the code to forward with an e-mail invitation; it is shown only here")
    @APIResponse(responseCode = "201", description = "Invited; the answer carries the code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvitationView.class)))
    public Response invite(@PathParam("slug") String slug, InvitationRequest request) {
        if (request == null) {
            throw new InvalidInputException("user", "Send {\"user\": \"<sign-in name>\"} or {\"email\": \"<address>\"} naming whom to invite.");
        }
        Invitation invitation = teams.invite(slug, request.user(), request.email());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(invitation.getId())).build())
                .entity(InvitationView.withCode(invitation)).build();
    }

    @GET
    @Operation(summary = "The invitations of a use case, newest first: hosts see all, a lead those of their team (without codes)")
    public PageView<InvitationView> list(@PathParam("slug") String slug,
                                         @QueryParam("first") @DefaultValue(PageRequest.DEFAULT_FIRST) String first,
                                         @QueryParam("max") @DefaultValue(PageRequest.DEFAULT_MAX) String max) {
        PageRequest page = PageRequest.of(first, max);
        return PageView.of(page.cut(teams.invitationsOf(slug)), InvitationView::of);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revokes a pending invitation (its sender, the team's lead or a host); answers the revoked invitation")
    public InvitationView revoke(@PathParam("slug") String slug, @PathParam("id") String id) {
        return InvitationView.of(teams.revoke(slug, ResourceId.parse("invitation", id)));
    }
}
