package org.mlarena.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PrintableAddressFilterTest {

    @Test
    void decodedControlCharactersAreFoundInPathAndQuery() {
        assertEquals("path", PrintableAddressFilter.controlCharacterIn("/arena/api/v1/use-cases/%00", null));
        assertEquals("path", PrintableAddressFilter.controlCharacterIn("/arena/api/v1/use-cases/a%1Bb", "max=1"));
        assertEquals("query", PrintableAddressFilter.controlCharacterIn("/arena/api/v1/use-cases", "first=%00"));
        assertEquals("query", PrintableAddressFilter.controlCharacterIn("/arena/use-case.xhtml", "slug=wine%0A"));
    }

    @Test
    void printableAddressesPass() {
        assertNull(PrintableAddressFilter.controlCharacterIn("/arena/api/v1/use-cases/wine-cultivars", "first=0&max=20"));
        assertNull(PrintableAddressFilter.controlCharacterIn("/arena/api/v1/use-cases/%E2%80%AE", "q=caf%C3%A9+au+lait"));
        assertNull(PrintableAddressFilter.controlCharacterIn("/arena/a+b", "bad=%zz"), "a malformed escape is left to the resource");
    }
}
