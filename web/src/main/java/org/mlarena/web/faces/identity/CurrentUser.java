package org.mlarena.web.faces.identity;

import java.io.IOException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.mlarena.identity.control.Roles;

/** The signed-in user for the header, and signing out. */
@Named
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityContext security;

    /** Signed in; WildFly's SecurityContext answers an "anonymous" principal otherwise, the request null. */
    public boolean isSignedIn() {
        return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal() != null;
    }

    public String getName() {
        return isSignedIn() ? FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName() : "";
    }

    public boolean isHost() {
        return security.isCallerInRole(Roles.HOST);
    }

    public void signOut() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        try {
            request.logout();
        } catch (ServletException e) {
            // the session is invalidated below in any case
        }
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/signed-out.xhtml");
    }
}
