package org.mlarena.web.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.mlarena.identity.control.SignInSettings;
import org.mlarena.settings.Settings;

/**
 * The one authentication mechanism of ML Arena.
 * <ul>
 *   <li>REST ({@code /api/...}): the credentials of each request, a bearer token from the OIDC provider or,
 *       with the built-in users, HTTP Basic. Wrong or missing credentials are left to the REST layer,
 *       which answers 401 with a JSON problem; REST never creates a session.</li>
 *   <li>Pages: the user of the HTTP session; a protected page without one starts the sign-in: a redirect
 *       to the OIDC provider, or to the login form. The form signs in through
 *       {@code SecurityContext.authenticate} with a {@link UsernamePasswordCredential}.</li>
 * </ul>
 */
@ApplicationScoped
public class ArenaAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Request attribute with the reason the credentials of a REST call were rejected. */
    public static final String FAILURE_ATTRIBUTE = ArenaAuthenticationMechanism.class.getName() + ".failure";
    /** Session attribute with the reason a browser sign-in failed, shown by the login page. */
    public static final String SIGN_IN_ERROR = ArenaAuthenticationMechanism.class.getName() + ".error";
    /** Session attribute with the page to return to after the login form. */
    public static final String RETURN_TO = ArenaAuthenticationMechanism.class.getName() + ".returnTo";
    public static final String LOGIN_PAGE = "/login.xhtml";
    public static final String CALLBACK = "/oidc/callback";
    private static final String API = "/api/";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    SignIn signIn;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return signInWithForm(credential, request, context);
        }
        if (path.startsWith(API)) {
            return restCall(request, context);
        }
        SignedInUser user = SignedInUser.of(request.getSession(false));
        if (user != null) {
            return context.notifyContainerAboutLogin(user.name(), user.groups());
        }
        if (signIn.settings().oidc() && path.equals(CALLBACK)) {
            return oidcCallback(request, context);
        }
        if (context.isProtected()) {
            return startSignIn(request, response, context);
        }
        return context.doNothing();
    }

    private AuthenticationStatus signInWithForm(Credential credential, HttpServletRequest request, HttpMessageContext context) {
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        SignedInUser user = new SignedInUser(result.getCallerPrincipal().getName(), result.getCallerGroups());
        user.storeIn(request);
        return context.notifyContainerAboutLogin(user.name(), user.groups());
    }

    private AuthenticationStatus restCall(HttpServletRequest request, HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            return context.doNothing();
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        String value = space < 0 ? "" : trimmed.substring(space + 1).trim();
        boolean oidc = signIn.settings().oidc();
        if ("Bearer".equalsIgnoreCase(scheme) && oidc) {
            try {
                SignedInUser user = signIn.oidc().verifyBearer(value);
                return context.notifyContainerAboutLogin(user.name(), user.groups());
            } catch (OidcClient.SignInException e) {
                return reject(request, context, e.getMessage());
            }
        }
        if ("Basic".equalsIgnoreCase(scheme) && !oidc) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return reject(request, context, "The Basic credentials are not valid Base64 of user:password.");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return reject(request, context, "The Basic credentials must be Base64 of user:password.");
            }
            CredentialValidationResult result = identityStores.validate(
                    new UsernamePasswordCredential(decoded.substring(0, colon), new Password(decoded.substring(colon + 1))));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result.getCallerPrincipal().getName(), result.getCallerGroups());
            }
            return reject(request, context, "Wrong user name or password.");
        }
        return reject(request, context, "This server does not accept '" + scheme + "' credentials: send " + expectedCredentials() + ".");
    }

    private static AuthenticationStatus reject(HttpServletRequest request, HttpMessageContext context, String reason) {
        request.setAttribute(FAILURE_ATTRIBUTE, reason);
        return context.doNothing();
    }

    private AuthenticationStatus oidcCallback(HttpServletRequest request, HttpMessageContext context) {
        try {
            Map.Entry<SignedInUser, String> signedIn = signIn.oidc().completeSignIn(request);
            signedIn.getKey().storeIn(request);
            return context.redirect(signedIn.getValue());
        } catch (OidcClient.SignInException e) {
            request.getSession(true).setAttribute(SIGN_IN_ERROR, e.getMessage());
            return context.redirect(request.getContextPath() + LOGIN_PAGE);
        }
    }

    private AuthenticationStatus startSignIn(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String returnTo = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String target;
        if (signIn.settings().oidc()) {
            try {
                target = signIn.oidc().authorizationRedirect(request, CALLBACK, returnTo);
            } catch (OidcClient.SignInException e) {
                request.getSession(true).setAttribute(SIGN_IN_ERROR, e.getMessage());
                target = request.getContextPath() + LOGIN_PAGE;
            }
        } else {
            request.getSession(true).setAttribute(RETURN_TO, returnTo);
            target = request.getContextPath() + LOGIN_PAGE;
        }
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // a JSF AJAX request cannot follow a 302: answer with a partial-response redirect
            try {
                response.setContentType("text/xml;charset=UTF-8");
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                        + target.replace("&", "&amp;").replace("\"", "&quot;") + "\"/></partial-response>");
                return AuthenticationStatus.SEND_CONTINUE;
            } catch (IOException e) {
                return context.redirect(target);
            }
        }
        return context.redirect(target);
    }

    /** What the Authorization header of a REST call must carry, in words. */
    public static String expectedCredentials() {
        return Settings.read(SignInSettings.ISSUER).filter(s -> !s.isBlank()).isPresent()
                ? "a bearer token from the OIDC provider " + Settings.read(SignInSettings.ISSUER, "")
                : "HTTP Basic credentials of a built-in user";
    }

    /** The WWW-Authenticate challenge of a 401. */
    public static String challenge() {
        return Settings.read(SignInSettings.ISSUER).filter(s -> !s.isBlank()).isPresent()
                ? "Bearer realm=\"ml-arena\"" : "Basic realm=\"ml-arena\", charset=\"UTF-8\"";
    }
}
