package org.mlarena.web.faces.team;

import java.io.Serializable;
import java.util.Locale;

import org.mlarena.common.ArenaClock;
import org.mlarena.team.entity.Invitation;
import org.mlarena.team.entity.InvitationStatus;
import org.mlarena.web.faces.Display;

/**
 * An invitation as the host, team and invitations pages list it; never with its code.
 *
 * @param invitee   the sign-in name or the e-mail address it is addressed to
 * @param team      the team it invites into, or null for a team of one's own (a host's invitation)
 * @param status    PENDING, ACCEPTED, DECLINED, EXPIRED or REVOKED, as of now
 * @param rules     the use case's rules, which accepting accepts
 */
public record InvitationRow(long id, String useCaseSlug, String useCaseTitle, String invitee, String team, String invitedBy,
                            String status, String createdAt, String expiresAt, String answeredBy, String rules) implements Serializable {

    public static InvitationRow of(Invitation i) {
        return new InvitationRow(i.getId(), i.getUseCase().getSlug(), i.getUseCase().getTitle(),
                i.getInviteeUser() != null ? i.getInviteeUser() : i.getInviteeEmail(), i.getTeam() == null ? null : i.getTeam().getName(),
                i.getInvitedBy(), i.statusAt(ArenaClock.now()).name(), Display.utc(i.getCreatedAt()), Display.utc(i.getExpiresAt()),
                i.getAnsweredBy(), i.getUseCase().getRules());
    }

    /**
     * The link that answers an invitation sent by e-mail: this server's invitations page with the invitation's number and
     * code; whoever signs in with it sees the invitation and its rules.
     */
    public static String link(Invitation i) {
        jakarta.faces.context.ExternalContext external = jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext();
        String scheme = external.getRequestScheme();
        int port = external.getRequestServerPort();
        boolean defaultPort = "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        return scheme + "://" + external.getRequestServerName() + (defaultPort ? "" : ":" + port) + external.getRequestContextPath()
                + "/invitations.xhtml?invitation=" + i.getId() + "&code=" + java.net.URLEncoder.encode(i.getCode(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public boolean pending() {
        return InvitationStatus.PENDING.name().equals(status);
    }

    public String statusLabel() {
        return status.toLowerCase(Locale.ROOT);
    }

    /** What accepting gives: a place in a team, or a team of one's own. */
    public String into() {
        return team == null ? "a team of your own" : "team " + team;
    }
}
