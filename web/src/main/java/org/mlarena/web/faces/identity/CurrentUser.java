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

    public boolean isSignedIn() {
        return security.getCallerPrincipal() != null;
    }

    public String getName() {
        return isSignedIn() ? security.getCallerPrincipal().getName() : "";
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
