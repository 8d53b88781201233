package org.mlarena.web.security;

import java.io.Serializable;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Who is signed in to a browser session, kept in the HTTP session (REST calls carry their credentials
 * on every request and never create a session).
 *
 * @param name   the caller name
 * @param groups the caller's groups, which are the application roles
 */
public record SignedInUser(String name, Set<String> groups) implements Serializable {

    private static final String ATTRIBUTE = SignedInUser.class.getName();

    public SignedInUser {
        groups = Set.copyOf(groups);
    }

    /** The user of this session, or null. */
    public static SignedInUser of(HttpSession session) {
        return session == null ? null : (SignedInUser) session.getAttribute(ATTRIBUTE);
    }

    /** Binds the user to a fresh session id (no session fixation). */
    public void storeIn(HttpServletRequest request) {
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(ATTRIBUTE, this);
    }
}
