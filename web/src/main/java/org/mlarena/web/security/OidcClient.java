package org.mlarena.web.security;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.mlarena.identity.control.Roles;
import org.mlarena.identity.control.SignInSettings;

/**
 * An OpenID Connect relying party for the corporate SSO: discovery, the authorization code flow with
 * state, nonce and PKCE for browsers, and verification of bearer tokens for REST (signature against the
 * provider's published keys, issuer, audience, expiry).
 */
public final class OidcClient {

    /** A token, a response or the provider itself was not acceptable; the message says why. */
    public static final class SignInException extends Exception {
        private static final long serialVersionUID = 1L;

        public SignInException(String message) {
            super(message);
        }
    }

    private record Provider(URI issuer, URI authorizationEndpoint, URI tokenEndpoint, URI endSessionEndpoint,
                            DefaultJWTProcessor<SecurityContext> idTokens, DefaultJWTProcessor<SecurityContext> accessTokens) {
    }

    /** What a browser sign-in in progress keeps in its session. */
    private record Pending(String state, String nonce, String verifier, String redirectUri, String returnTo) implements Serializable {
    }

    private static final String PENDING = OidcClient.class.getName() + ".pending";
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignInSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile Provider provider;

    OidcClient(SignInSettings settings) {
        this.settings = settings;
    }

    /** The URL to send a browser to so that it signs in; remembers where to come back to. */
    public String authorizationRedirect(HttpServletRequest request, String callbackPath, String returnTo) throws SignInException {
        Provider p = provider();
        String verifier = random();
        Pending pending = new Pending(random(), random(), verifier, callbackUri(request, callbackPath), returnTo);
        request.getSession(true).setAttribute(PENDING, pending);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", pending.redirectUri());
        query.put("scope", "openid profile email");
        query.put("state", pending.state());
        query.put("nonce", pending.nonce());
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        String separator = p.authorizationEndpoint().getRawQuery() == null ? "?" : "&";
        return p.authorizationEndpoint() + separator + form(query);
    }

    /**
     * Completes a browser sign-in at the callback: checks the state, exchanges the code, verifies the ID
     * token (signature, issuer, audience, expiry, nonce).
     *
     * @return the user, and where the browser wanted to go
     */
    public Map.Entry<SignedInUser, String> completeSignIn(HttpServletRequest request) throws SignInException {
        HttpSession session = request.getSession(false);
        Pending pending = session == null ? null : (Pending) session.getAttribute(PENDING);
        if (pending == null) {
            throw new SignInException("This sign-in was not started here or has expired; please sign in again.");
        }
        session.removeAttribute(PENDING);
        if (request.getParameter("error") != null) {
            throw new SignInException("The sign-in provider refused: " + request.getParameter("error")
                    + (request.getParameter("error_description") == null ? "" : " (" + request.getParameter("error_description") + ")"));
        }
        if (!pending.state().equals(request.getParameter("state"))) {
            throw new SignInException("The sign-in answer does not belong to this browser session (state mismatch); please sign in again.");
        }
        String code = request.getParameter("code");
        if (code == null || code.isBlank()) {
            throw new SignInException("The sign-in provider sent no authorization code.");
        }
        Provider p = provider();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", pending.redirectUri());
        body.put("code_verifier", pending.verifier());
        String basic = Base64.getEncoder().encodeToString((encode(settings.clientId()) + ":" + encode(settings.clientSecret()))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest exchange = HttpRequest.newBuilder(p.tokenEndpoint()).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))).build();
        JsonObject tokens = json(send(exchange), "token response");
        if (!tokens.containsKey("id_token")) {
            throw new SignInException("The sign-in provider's token response has no id_token"
                    + (tokens.containsKey("error") ? ": " + tokens.getString("error", "") : "."));
        }
        JWTClaimsSet claims = verify(p.idTokens(), tokens.getString("id_token"), "ID token");
        Object nonce = claims.getClaim("nonce");
        if (!pending.nonce().equals(nonce)) {
            throw new SignInException("The ID token's nonce does not match this sign-in; please sign in again.");
        }
        return Map.entry(user(claims), pending.returnTo());
    }

    /** Verifies a bearer token from a REST call. */
    public SignedInUser verifyBearer(String token) throws SignInException {
        java.time.Instant now = java.time.Instant.now();
        java.util.Optional<SignedInUser> known = bearers.find(token, now);
        if (known.isPresent()) {
            return known.get();
        }
        JWTClaimsSet claims = verify(provider().accessTokens(), token, "bearer token");
        SignedInUser user = user(claims);
        // until the token expires, and at most five minutes: a token is not checked again for each request
        bearers.remember(token, user, now, claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant());
        return user;
    }

    private final VerifiedCredentials<SignedInUser> bearers = new VerifiedCredentials<>(4096, java.time.Duration.ofMinutes(5));

    /** The provider's end-session endpoint, if it has one. */
    public URI endSessionEndpoint() throws SignInException {
        return provider().endSessionEndpoint();
    }

    private SignedInUser user(JWTClaimsSet claims) {
        String name = firstNonBlank(claims.getClaim("preferred_username"), claims.getClaim("email"), claims.getSubject());
        Set<String> groups = new HashSet<>();
        groups.add(Roles.USER);
        Object claimed = claims.getClaim(settings.groupsClaim());
        if (claimed instanceof List<?> list) {
            list.forEach(g -> groups.add(String.valueOf(g)));
        } else if (claimed instanceof String single) {
            groups.add(single);
        }
        if (groups.contains(settings.hostGroup())) {
            groups.add(Roles.HOST);
        }
        return new SignedInUser(name, groups);
    }

    private static String firstNonBlank(Object... values) {
        for (Object v : values) {
            if (v instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return "unknown";
    }

    private JWTClaimsSet verify(DefaultJWTProcessor<SecurityContext> processor, String token, String what) throws SignInException {
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw new SignInException("The " + what + " is not a JWT: " + e.getMessage());
        } catch (BadJOSEException e) {
            throw new SignInException("The " + what + " was rejected: " + e.getMessage());
        } catch (JOSEException e) {
            throw new SignInException("The " + what + " could not be checked: " + e.getMessage());
        }
    }

    /** Discovers the provider on first use; a failure is not cached, so a provider that comes up later is found. */
    private Provider provider() throws SignInException {
        Provider p = provider;
        if (p == null) {
            synchronized (this) {
                if (provider == null) {
                    provider = discover();
                }
                p = provider;
            }
        }
        return p;
    }

    private Provider discover() throws SignInException {
        URI issuer = settings.issuer().orElseThrow();
        String base = issuer.toString().endsWith("/") ? issuer.toString() : issuer + "/";
        URI wellKnown = URI.create(base + ".well-known/openid-configuration");
        JsonObject config = json(send(HttpRequest.newBuilder(wellKnown).timeout(Duration.ofSeconds(20)).GET().build()),
                "discovery document " + wellKnown);
        String announced = config.getString("issuer", "");
        if (!stripSlash(announced).equals(stripSlash(issuer.toString()))) {
            throw new SignInException("The provider at " + wellKnown + " announces issuer '" + announced + "', not '" + issuer
                    + "': check " + SignInSettings.ISSUER + ".");
        }
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(config.getString("jwks_uri")).toURL()).retrying(true).build();
            return new Provider(URI.create(announced), URI.create(config.getString("authorization_endpoint")),
                    URI.create(config.getString("token_endpoint")),
                    config.containsKey("end_session_endpoint") ? URI.create(config.getString("end_session_endpoint")) : null,
                    processor(keys, announced), processor(keys, announced));
        } catch (IOException | RuntimeException e) {
            throw new SignInException("The discovery document " + wellKnown + " is incomplete or invalid: " + e.getMessage());
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor(JWKSource<SecurityContext> keys, String issuer) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(settings.clientId(),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat")));
        return processor;
    }

    private String send(HttpRequest request) throws SignInException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new SignInException("The sign-in provider answered " + response.statusCode() + " at " + request.uri()
                        + ": " + abbreviate(response.body()));
            }
            return response.body();
        } catch (IOException e) {
            throw new SignInException("The sign-in provider at " + request.uri() + " cannot be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInException("Interrupted while calling the sign-in provider.");
        }
    }

    private static JsonObject json(String body, String what) throws SignInException {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new SignInException("The " + what + " is not a JSON object: " + abbreviate(body));
        }
    }

    private static String callbackUri(HttpServletRequest request, String callbackPath) {
        String configured = org.mlarena.settings.Settings.read("arena.base-url", "");
        if (!configured.isBlank()) {
            return stripSlash(configured) + callbackPath;
        }
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80) || ("https".equals(request.getScheme()) && port == 443);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath() + callbackPath;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
