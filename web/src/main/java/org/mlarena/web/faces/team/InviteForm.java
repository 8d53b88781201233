package org.mlarena.web.faces.team;

import java.io.Serializable;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;

import jakarta.faces.application.FacesMessage;

import org.mlarena.common.InvalidInputException;
import org.mlarena.team.entity.Invitation;
import org.mlarena.web.faces.BoundaryCall;
import org.mlarena.web.faces.FieldErrors;

/**
 * The invitation form of the team and host pages (sending and revoking): a sign-in name or an e-mail address. An invitation by e-mail
 * leaves its answering link to show once; a refusal goes next to the field, with what was typed kept.
 */
public class InviteForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> inputs;
    private String user;
    private String email;
    private String sentTo;
    private String sentLink;

    /** @param formId the client id of the h:form holding the inputs {@code invite-user} and {@code invite-email} */
    public InviteForm(String formId) {
        this.inputs = Map.of("user", formId + ":invite-user", "email", formId + ":invite-email");
    }

    /**
     * Sends the invitation through {@code invite} (user, e-mail); {@code into} says in the message where it invites to.
     */
    public void send(BiFunction<String, String, Invitation> invite, String into) {
        sentTo = null;
        sentLink = null;
        try {
            Invitation invitation = invite.apply(user, email);
            boolean byName = invitation.getInviteeUser() != null;
            if (!byName) {
                sentTo = invitation.getInviteeEmail();
                sentLink = InvitationRow.link(invitation);
            }
            BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, "Invited " + (byName ? invitation.getInviteeUser() : sentTo) + " into " + into + ".",
                    byName ? "They find it under Invitations." : "Send them the link shown below.");
            user = null;
            email = null;
        } catch (InvalidInputException e) {
            FieldErrors.show(e, inputs, null);
        } catch (RuntimeException e) {
            BoundaryCall.show(e, null);
        }
    }

    /** Revokes a pending invitation through {@code revoke} and says so; a refusal shows as a message. */
    public void revoke(long invitationId, LongConsumer revoke) {
        if (BoundaryCall.run(() -> revoke.accept(invitationId), null)) {
            BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, "Invitation " + invitationId + " revoked.", null);
        }
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    /** The address of the invitation just sent by e-mail, or null. */
    public String getSentTo() {
        return sentTo;
    }

    /** The link that answers it, shown once. */
    public String getSentLink() {
        return sentLink;
    }
}
