package org.mlarena.team.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mlarena.usecase.entity.UseCase;

class InvitationTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final UseCase USE_CASE = new UseCase("churn", "hana", NOW);

    @Test
    void anInvitationByNameIsForThatNameWithNoCodeOrItsOwn() {
        Invitation byName = new Invitation(USE_CASE, null, "carol", null, "s3cret", "hana", NOW, NOW.plusSeconds(60));
        assertTrue(byName.addressedTo("carol", null));
        assertTrue(byName.addressedTo("carol", " "));
        assertTrue(byName.addressedTo("carol", "s3cret"));
        assertFalse(byName.addressedTo("carol", "wrong"), "a wrong code is refused, not ignored");
        assertFalse(byName.addressedTo("bob", "s3cret"), "the code does not make it anyone's");
    }

    @Test
    void anInvitationByEmailIsForWhoeverHoldsTheCode() {
        Invitation byEmail = new Invitation(USE_CASE, null, null, "x@example.org", "s3cret", "hana", NOW, NOW.plusSeconds(60));
        assertTrue(byEmail.addressedTo("bob", "s3cret"));
        assertFalse(byEmail.addressedTo("bob", null));
        assertFalse(byEmail.addressedTo("bob", "wrong"));
    }
}
