package org.mlarena.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import org.junit.jupiter.api.Test;
import org.mlarena.identity.control.SignInSettings;

class DemoIdentityStoreTest {

    /** A stand-in for PBKDF2 that counts how often a password is really checked. */
    private static final class CountingHash implements Pbkdf2PasswordHash {
        int verifications;

        @Override
        public void initialize(Map<String, String> parameters) {
        }

        @Override
        public String generate(char[] password) {
            return "hash:" + new String(password);
        }

        @Override
        public boolean verify(char[] password, String hashed) {
            verifications++;
            return hashed.equals(generate(password));
        }
    }

    private static DemoIdentityStore store(CountingHash hash) {
        DemoIdentityStore store = new DemoIdentityStore();
        store.passwordHash = hash;
        store.signIn = new SignIn() {
            @Override
            public SignInSettings settings() {
                return new SignInSettings(Optional.empty(), "", "", "groups", "hosts");
            }
        };
        store.hashPasswords();
        return store;
    }

    @Test
    void theSameCredentialsInEveryRequestAreHashedOnceThenRemembered() {
        CountingHash hash = new CountingHash();
        DemoIdentityStore store = store(hash);
        for (int request = 0; request < 5; request++) {
            // each request brings its own credential object, with its own char[] for the password
            CredentialValidationResult result = store.validate(new UsernamePasswordCredential("alice", "alice"));
            assertEquals(CredentialValidationResult.Status.VALID, result.getStatus());
        }
        assertEquals(1, hash.verifications, "the verified credentials are remembered across requests");
    }

    @Test
    void aWrongPasswordIsCheckedEachTimeAndNeverRemembered() {
        CountingHash hash = new CountingHash();
        DemoIdentityStore store = store(hash);
        store.validate(new UsernamePasswordCredential("alice", "alice"));
        for (int request = 0; request < 3; request++) {
            assertEquals(CredentialValidationResult.Status.INVALID,
                    store.validate(new UsernamePasswordCredential("alice", "wrong")).getStatus());
        }
        assertEquals(CredentialValidationResult.Status.INVALID,
                store.validate(new UsernamePasswordCredential("mallory", "alice")).getStatus());
        assertEquals(4, hash.verifications);
    }
}
