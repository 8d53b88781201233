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
 * declining ends it. An invitation sent by e-mail arrives as a link {@code invitations.xhtml?invitation=ID&code=CODE}:
 * the page opens it with its rules, and accepting or declining it carries the code.
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
    private Long invitation;
    private String code;
    private InvitationRow linked;

    public void load() {
        invitations = BoundaryCall.call(() -> teams.myInvitations().stream().map(InvitationRow::of).toList(), null).orElse(List.of());
        if (invitation != null && linked == null) {
            long id = invitation;
            linked = BoundaryCall.call(() -> InvitationRow.of(teams.invitation(id, code)), null).orElse(null);
            if (linked != null) {
                chosen = linked;
                acceptRules = false;
            }
        }
        if (linked != null && invitations.stream().noneMatch(i -> i.id() == linked.id())) {
            java.util.List<InvitationRow> all = new java.util.ArrayList<>(invitations);
            all.add(0, linked);
            invitations = List.copyOf(all);
        }
    }

    /** The code that answers an invitation: the link's, for the invitation it came with. */
    private String codeFor(long invitationId) {
        return linked != null && linked.id() == invitationId ? code : null;
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
        BoundaryCall.call(() -> teams.accept(invitation.id(), codeFor(invitation.id()), acceptRules), "acceptForm:accept-rules").ifPresent((Standing s) -> {
            joinedSlug = invitation.useCaseSlug();
            BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, "You joined '" + invitation.useCaseTitle() + "'"
                    + (s.team() == null ? "." : " in team '" + s.team().getName() + "'."), null);
            chosen = null;
            linked = null;
            PrimeFaces.current().executeScript("PF('acceptDialog').hide()");
            load();
        });
    }

    public void decline(long invitationId) {
        String answerCode = codeFor(invitationId);
        if (BoundaryCall.run(() -> teams.decline(invitationId, answerCode), null)) {
            linked = null;
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

    public Long getInvitation() {
        return invitation;
    }

    public void setInvitation(Long invitation) {
        this.invitation = invitation;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    /** True when the page came from an invitation's link and shows it open. */
    public boolean isOpenedFromLink() {
        return linked != null && chosen == linked;
    }

    /** The use case just joined, for the link to its team page. */
    public String getJoinedSlug() {
        return joinedSlug;
    }
}
