/**
 * Sign-in, through Jakarta Security: one {@link org.mlarena.web.security.ArenaAuthenticationMechanism}
 * for pages and REST. With a corporate OIDC provider configured, pages sign in through it (authorization
 * code flow with PKCE) and REST calls carry its bearer tokens; without one, a form login and HTTP Basic
 * against the built-in demo users of {@link org.mlarena.web.security.DemoIdentityStore}.
 */
package org.mlarena.web.security;
