package org.mlarena.web.faces.team;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.team.boundary.Standing;
import org.mlarena.team.boundary.TeamService;
import org.mlarena.web.faces.BoundaryCall;
import org.primefaces.PrimeFaces;

/**
 * My invitations ({@code invitations.xhtml}), newest first: accepting one shows the use case's rules and accepts them,
 * declining ends it.
 */
@Named
@ViewScoped
public class InvitationsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    TeamService teams;

    private List<InvitationRow> invitations;
    private InvitationRow chosen;
    private boolean acceptRules;
    private String joinedSlug;

    public void load() {
        invitations = BoundaryCall.call(() -> teams.myInvitations().stream().map(InvitationRow::of).toList(), null).orElse(List.of());
    }

    /** Opens the acceptance of an invitation: its rules and the box to accept them. */
    public void choose(long invitationId) {
        chosen = invitations.stream().filter(i -> i.id() == invitationId).findFirst().orElse(null);
        acceptRules = false;
    }

    public void accept() {
        if (chosen == null) {
            return;
        }
        if (!acceptRules) {
            // the boundary refuses it too, in the words of the API; the page says it in its own
            BoundaryCall.add("acceptForm:accept-rules", FacesMessage.SEVERITY_ERROR,
                    "Tick the box to accept the rules: you join '" + chosen.useCaseTitle() + "' only by accepting them.", null);
            return;
        }
        InvitationRow invitation = chosen;
        BoundaryCall.call(() -> teams.accept(invitation.id(), null, acceptRules), "acceptForm:accept-rules").ifPresent((Standing s) -> {
            joinedSlug = invitation.useCaseSlug();
            BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, "You joined '" + invitation.useCaseTitle() + "'"
                    + (s.team() == null ? "." : " in team '" + s.team().getName() + "'."), null);
            chosen = null;
            PrimeFaces.current().executeScript("PF('acceptDialog').hide()");
            load();
        });
    }

    public void decline(long invitationId) {
        if (BoundaryCall.run(() -> teams.decline(invitationId, null), null)) {
            BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, "Invitation " + invitationId + " declined.", null);
        }
        load();
    }

    public List<InvitationRow> getInvitations() {
        if (invitations == null) {
            load();
        }
        return invitations;
    }

    public InvitationRow getChosen() {
        return chosen;
    }

    public boolean isAcceptRules() {
        return acceptRules;
    }

    public void setAcceptRules(boolean acceptRules) {
        this.acceptRules = acceptRules;
    }

    /** The use case just joined, for the link to its team page. */
    public String getJoinedSlug() {
        return joinedSlug;
    }
}
