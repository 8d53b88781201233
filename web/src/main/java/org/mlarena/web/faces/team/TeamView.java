package org.mlarena.web.faces.team;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.common.InvalidInputException;
import org.mlarena.common.ResourceNotFoundException;
import org.mlarena.team.boundary.Standing;
import org.mlarena.team.boundary.TeamService;
import org.mlarena.team.entity.Invitation;
import org.mlarena.team.entity.MemberRole;
import org.mlarena.team.boundary.UseCaseService;
import org.mlarena.web.faces.BoundaryCall;
import org.mlarena.web.faces.FieldErrors;

/**
 * My team in a use case ({@code team.xhtml?slug=...}): its members, submissions left today and compute budget; its lead
 * renames it, invites teammates by sign-in name or e-mail and revokes pending invitations.
 */
@Named
@ViewScoped
public class TeamView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A member of the team. */
    public record Member(String user, String role, String joinedAt) implements Serializable {
    }

    /**
     * What the page shows of the caller's place in the use case.
     *
     * @param role HOST, LEAD, MEMBER, or null when not joined
     */
    public record Place(String useCaseTitle, String role, Long teamId, String teamName, List<Member> members, Integer submissionsLeft,
                        Integer submissionsPerDay, Double budgetLeftPflops, Double budgetPflops) implements Serializable {

        static Place of(String title, Standing s) {
            List<Member> members = s.members() == null ? List.of() : s.members().stream()
                    .map(m -> new Member(m.getUsername(), m.getRole().name(), org.mlarena.web.faces.Display.utc(m.getJoinedAt()))).toList();
            return new Place(title, s.role() == null ? null : s.role().name(), s.team() == null ? null : s.team().getId(),
                    s.team() == null ? null : s.team().getName(), members,
                    s.submissions() == null ? null : s.submissions().left(), s.submissions() == null ? null : s.submissions().limit(),
                    s.budget() == null ? null : s.budget().leftFlops() / 1e15, s.budget() == null ? null : s.budget().budgetFlops() / 1e15);
        }

        public boolean lead() {
            return MemberRole.LEAD.name().equals(role);
        }

        public boolean host() {
            return MemberRole.HOST.name().equals(role);
        }

        public boolean inTeam() {
            return teamId != null;
        }
    }

    @Inject
    TeamService teams;
    @Inject
    UseCaseService useCases;

    private String slug;
    private final InviteForm inviteForm = new InviteForm("inviteForm");
    private Place place;
    private String teamName;
    private List<InvitationRow> invitations = List.of();

    /** The view action: the caller's standing in the use case named by {@code slug}. */
    public void load() {
        if (slug == null || slug.isBlank()) {
            BoundaryCall.add(null, FacesMessage.SEVERITY_WARN, "No use case chosen.", "Open a use case from the catalogue, then its team page.");
            return;
        }
        try {
            String title = useCases.find(slug).useCase().getTitle();
            place = Place.of(title, teams.standing(slug));
        } catch (ResourceNotFoundException e) {
            BoundaryCall.add(null, FacesMessage.SEVERITY_WARN, "No such use case.", e.getMessage());
            return;
        } catch (RuntimeException e) {
            BoundaryCall.show(e, null);
            return;
        }
        teamName = place.teamName();
        readInvitations();
    }

    private void reread() {
        BoundaryCall.run(() -> place = Place.of(place.useCaseTitle(), teams.standing(slug)), null);
        readInvitations();
    }

    private void readInvitations() {
        if (place == null || !place.lead()) {
            invitations = List.of();
            return;
        }
        invitations = BoundaryCall.call(() -> teams.invitationsOf(slug).stream().map(InvitationRow::of).toList(), null).orElse(List.of());
    }

    public void rename() {
        try {
            teams.rename(slug, teamName);
            BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, "Your team is called '" + teamName.strip() + "' now.", null);
            reread();
            teamName = place.teamName();
        } catch (InvalidInputException e) {
            FieldErrors.show(e, Map.of("teamName", "renameForm:team-name"), null);
        } catch (RuntimeException e) {
            BoundaryCall.show(e, "renameForm:team-name");
        }
    }

    public void invite() {
        inviteForm.send((user, email) -> teams.invite(slug, user, email), "team '" + place.teamName() + "'");
        readInvitations();
    }

    public void revoke(long invitationId) {
        inviteForm.revoke(invitationId, id -> teams.revoke(slug, id));
        readInvitations();
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public Place getPlace() {
        return place;
    }

    public String getTeamName() {
        return teamName;
    }

    public void setTeamName(String teamName) {
        this.teamName = teamName;
    }

    public List<InvitationRow> getInvitations() {
        return invitations;
    }

    public InviteForm getInviteForm() {
        return inviteForm;
    }
}
