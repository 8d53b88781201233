package org.mlarena.web.rest.team;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mlarena.common.ActionForbiddenException;
import org.mlarena.common.InvalidInputException;
import org.mlarena.identity.control.Roles;
import org.mlarena.team.boundary.Standing;
import org.mlarena.team.boundary.TeamService;
import org.mlarena.web.rest.PageRequest;
import org.mlarena.web.rest.PageView;
import org.mlarena.web.rest.ResourceId;

/**
 * The teams of a use case: everyone sees names and sizes; members, quota, budget and ledger go to the team's
 * own members and the hosts.
 */
@Path("use-cases/{slug}/teams")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
@Tag(name = "Teams")
public class TeamsResource {

    @Inject
    TeamService teams;

    @GET
    @Operation(summary = "The teams of a use case, by name, with their sizes")
    public PageView<TeamSummaryView> list(@PathParam("slug") String slug,
                                          @QueryParam("first") @DefaultValue(PageRequest.DEFAULT_FIRST) String first,
                                          @QueryParam("max") @DefaultValue(PageRequest.DEFAULT_MAX) String max) {
        PageRequest page = PageRequest.of(first, max);
        return PageView.of(teams.teams(slug, page.first(), page.max()), TeamSummaryView::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A team; members, submission quota and compute budget only for its members and the hosts")
    public TeamView get(@PathParam("slug") String slug, @PathParam("id") String id) {
        return TeamView.of(teams.team(slug, ResourceId.parse("team", id)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Renames your team (its lead only); names are unique in the use case")
    public TeamView rename(@PathParam("slug") String slug, @PathParam("id") String id, TeamNameRequest request) {
        long teamId = ResourceId.parse("team", id);
        if (request == null) {
            throw new InvalidInputException("name", "Send {\"name\": \"...\"} with the team's new name.");
        }
        teams.team(slug, teamId);
        // the boundary renames the caller's own team; make sure the address names that one
        Standing mine = teams.standing(slug);
        if (mine.team() == null || !mine.team().getId().equals(teamId)) {
            throw new ActionForbiddenException("Only the lead of team " + teamId + " may rename it; you can rename only your own team.");
        }
        try {
            teams.rename(slug, request.name());
        } catch (InvalidInputException e) {
            // the boundary names the field as joining does (teamName); here it is 'name'
            throw "teamName".equals(e.field()) ? new InvalidInputException("name", e.getMessage()) : e;
        }
        return TeamView.of(teams.team(slug, teamId));
    }

    @GET
    @Path("{id}/ledger")
    @Operation(summary = "A team's compute ledger, newest first: FLOPs charged per training epoch and per submission (members and hosts)")
    public PageView<ChargeView> ledger(@PathParam("slug") String slug, @PathParam("id") String id,
                                       @QueryParam("first") @DefaultValue(PageRequest.DEFAULT_FIRST) String first,
                                       @QueryParam("max") @DefaultValue(PageRequest.DEFAULT_MAX) String max) {
        long teamId = ResourceId.parse("team", id);
        PageRequest page = PageRequest.of(first, max);
        return PageView.of(teams.ledger(slug, teamId, page.first(), page.max()), ChargeView::of);
    }
}
