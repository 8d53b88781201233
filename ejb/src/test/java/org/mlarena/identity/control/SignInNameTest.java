package org.mlarena.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlarena.common.InvalidInputException;

class SignInNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", " alice ", "j.doe@corp.example", "Ana-María_2", "user+ml"})
    void signInNamesAreKeptStripped(String typed) {
        assertEquals(typed.strip(), SignInName.of("user", typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "<script>alert(1)</script>", "two words", "a\u0000b", "tab\there", "quote\"d"})
    void anythingElseIsRefusedNamingTheField(String typed) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SignInName.of("user", typed));
        assertEquals("user", e.field());
        assertTrue(e.getMessage().contains("sign-in name"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void overTwoHundredCharactersIsRefused() {
        assertThrows(InvalidInputException.class, () -> SignInName.of("user", "a".repeat(201)));
    }
}
