package org.mlarena.web.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import org.mlarena.identity.control.Roles;

/**
 * The built-in users of the embedded default (no OIDC provider configured). Passwords are kept only as
 * PBKDF2 hashes. When an OIDC provider is configured this store validates nobody.
 */
@ApplicationScoped
public class DemoIdentityStore implements IdentityStore {

    /** A built-in user; the README lists them. */
    public record DemoUser(String name, String password, Set<String> groups) {
    }

    public static final List<DemoUser> USERS = List.of(
            new DemoUser("alice", "alice", Set.of(Roles.USER)),
            new DemoUser("bob", "bob", Set.of(Roles.USER)),
            new DemoUser("carol", "carol", Set.of(Roles.USER)),
            // in no team of the demo use cases: how the platform looks to someone who just arrived
            new DemoUser("dave", "dave", Set.of(Roles.USER)),
            new DemoUser("hana", "hana", Set.of(Roles.USER, Roles.HOST)));

    private record Account(String hash, Set<String> groups) {
    }

    /** Basic credentials verified in the last minutes (each PBKDF2 check costs milliseconds of CPU). */
    private final VerifiedCredentials<Boolean> verified = new VerifiedCredentials<>(1024, java.time.Duration.ofMinutes(10));

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    SignIn signIn;

    private final Map<String, Account> accounts = new LinkedHashMap<>();

    @PostConstruct
    void hashPasswords() {
        passwordHash.initialize(Map.of("Pbkdf2PasswordHash.Iterations", "10000",
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256"));
        for (DemoUser user : USERS) {
            accounts.put(user.name(), new Account(passwordHash.generate(user.password().toCharArray()), user.groups()));
        }
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (signIn.settings().oidc() || !(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Account account = accounts.get(login.getCaller());
        // the password as text: a char[] joined to a String prints its identity, which differs with every request
        String presented = login.getCaller() + ":" + login.getPasswordAsString();
        java.time.Instant now = java.time.Instant.now();
        if (account != null && (verified.find(presented, now).isPresent()
                || passwordHash.verify(login.getPassword().getValue(), account.hash()))) {
            verified.remember(presented, Boolean.TRUE, now, null);
            return new CredentialValidationResult(login.getCaller(), account.groups());
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
