package org.mlarena.web.faces.identity;

import java.io.IOException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.constraints.NotBlank;

import org.mlarena.web.security.ArenaAuthenticationMechanism;
import org.mlarena.web.security.SignIn;

/** The login page: the form for the built-in users, or the way to the corporate SSO. */
@Named
@RequestScoped
public class LoginView {

    @Inject
    SecurityContext security;

    @Inject
    SignIn signIn;

    @NotBlank(message = "Enter your user name.")
    private String username;

    @NotBlank(message = "Enter your password.")
    private String password;

    public void signIn() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        String returnTo = (String) external.getSessionMap().get(ArenaAuthenticationMechanism.RETURN_TO);
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(username, new Password(password))).newAuthentication(true));
        switch (status) {
            case SUCCESS -> {
                external.getSessionMap().remove(ArenaAuthenticationMechanism.RETURN_TO);
                external.redirect(returnTo != null ? returnTo : external.getRequestContextPath() + "/");
            }
            case SEND_CONTINUE -> faces.responseComplete();
            default -> {
                external.setResponseStatus(HttpServletResponse.SC_UNAUTHORIZED);
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Wrong user name or password.",
                        "Check both and try again; the README lists the demo users."));
            }
        }
    }

    /** Why the last sign-in through the SSO failed, shown once. */
    public String getSignInError() {
        HttpSession session = ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest()).getSession(false);
        if (session == null) {
            return null;
        }
        String error = (String) session.getAttribute(ArenaAuthenticationMechanism.SIGN_IN_ERROR);
        session.removeAttribute(ArenaAuthenticationMechanism.SIGN_IN_ERROR);
        return error;
    }

    public boolean isSso() {
        return signIn.settings().oidc();
    }

    public String getSsoIssuer() {
        return signIn.settings().issuer().map(Object::toString).orElse("");
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
