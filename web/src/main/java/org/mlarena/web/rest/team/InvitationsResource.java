package org.mlarena.web.rest.team;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mlarena.common.InvalidInputException;
import org.mlarena.identity.control.Roles;
import org.mlarena.team.boundary.TeamService;
import org.mlarena.web.rest.PageRequest;
import org.mlarena.web.rest.PageView;
import org.mlarena.web.rest.ResourceId;

/**
 * The caller's invitations and their answers. An invitation by name is answered by its invitee; one by e-mail by
 * whoever presents its code.
 */
@Path("invitations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
@Tag(name = "Invitations")
public class InvitationsResource {

    @Inject
    TeamService teams;

    @GET
    @Operation(summary = "The invitations addressed to you by name, newest first")
    public PageView<InvitationView> mine(@QueryParam("first") @DefaultValue(PageRequest.DEFAULT_FIRST) String first,
                                         @QueryParam("max") @DefaultValue(PageRequest.DEFAULT_MAX) String max) {
        PageRequest page = PageRequest.of(first, max);
        return PageView.of(page.cut(teams.myInvitations()), InvitationView::of);
    }

    @POST
    @Path("{id}/acceptance")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accepts an invitation and with it the use case's rules; answers your standing in the use case")
    public StandingView accept(@PathParam("id") String id, AnswerRequest request) {
        long invitationId = ResourceId.parse("invitation", id);
        if (request == null) {
            throw new InvalidInputException("acceptRules", "Send {\"acceptRules\": true} (and the \"code\" of an invitation by e-mail)"
                    + " after reading the use case's rules.");
        }
        return StandingView.of(teams.accept(invitationId, request.code(), Boolean.TRUE.equals(request.acceptRules())));
    }

    @POST
    @Path("{id}/declination")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declines an invitation; one by e-mail needs its code, {\"code\": ...}")
    public InvitationView decline(@PathParam("id") String id, AnswerRequest request) {
        // no body is fine for an invitation by name: there is nothing else to say
        return InvitationView.of(teams.decline(ResourceId.parse("invitation", id), request == null ? null : request.code()));
    }
}
