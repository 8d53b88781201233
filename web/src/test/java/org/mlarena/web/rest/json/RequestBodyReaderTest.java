package org.mlarena.web.rest.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlarena.common.InvalidInputException;
import org.mlarena.common.PayloadTooLargeException;

class RequestBodyReaderTest {

    record Inner(String name) {
    }

    record Body(String title, Integer size, Long seed, Double rate, Boolean accept, Instant opensAt, Map<String, String> hyper,
                Map<String, Long> files, double[] truth, double[][] probabilities, List<String> tags, Inner inner) {
    }

    private static Body read(String json) throws IOException {
        return RequestBodyReader.read(Body.class, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static InvalidInputException refused(String json) {
        return assertThrows(InvalidInputException.class, () -> read(json));
    }

    @Test
    void aValidBodyBindsEveryKindOfField() throws IOException {
        Body body = read("""
                {"title": "line\\none\\ttab", "size": 256, "seed": 9223372036854775807, "rate": 1e-3, "accept": true,
                 "opensAt": "2026-12-31T23:59:00Z", "hyper": {"hidden": "256,128", "epochs": 5, "flag": false},
                 "files": {"train": 3}, "truth": [1, 0.5, 2e0], "probabilities": [[0.25, 0.75], null], "tags": ["a"],
                 "inner": {"name": "x"}}""");
        assertEquals("line\none\ttab", body.title());
        assertEquals(256, body.size());
        assertEquals(Long.MAX_VALUE, body.seed());
        assertEquals(1e-3, body.rate());
        assertTrue(body.accept());
        assertEquals(Instant.parse("2026-12-31T23:59:00Z"), body.opensAt());
        assertEquals(Map.of("hidden", "256,128", "epochs", "5", "flag", "false"), body.hyper());
        assertEquals(Map.of("train", 3L), body.files());
        assertArrayEquals(new double[]{1, 0.5, 2}, body.truth());
        assertArrayEquals(new double[]{0.25, 0.75}, body.probabilities()[0]);
        assertNull(body.probabilities()[1]);
        assertEquals(List.of("a"), body.tags());
        assertEquals("x", body.inner().name());
    }

    @Test
    void missingFieldsAndAnEmptyBodyAreNull() throws IOException {
        assertNull(read("{}").size());
        assertNull(read("  "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"sise\": 3}|sise|There is no field 'sise' here; the fields are title, size, seed",
            "{\"seed\": 9223372036854775808}|seed|outside the whole numbers it can be",
            "{\"size\": 1.5}|size|it must be a whole number",
            "{\"size\": \"12\"}|size|size must be a whole number; it is the text \"12\"",
            "{\"size\": 1e308}|size|outside the whole numbers it can be",
            "{\"rate\": 1e400}|rate|too large for a number here",
            "{\"accept\": \"yes\"}|accept|accept must be true or false",
            "{\"opensAt\": \"tomorrow\"}|opensAt|not a date and time",
            "{\"title\": \"a\\u0000b\"}|title|contains the control character U+0000 at position 2",
            "{\"truth\": [1, \"2\"]}|truth[1]|truth[1] must be a number",
            "{\"truth\": [1, null]}|truth[1]|Give truth[1] a value",
            "{\"inner\": {\"nme\": 1}}|inner.nme|the fields are name",
            "{\"hyper\": {\"a\": [1]}}|hyper.a|hyper.a must be text in quotes",
            "{\"size\": 1, \"size\": 2}|size|appears more than once"})
    void wrongFieldsAreNamedWithWhatToDo(String json, String field, String message) {
        InvalidInputException e = refused(json);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("java") || e.getMessage().contains("class "), e.getMessage());
    }

    @Test
    void everyWrongFieldIsReportedAtOnce() {
        assertEquals(3, refused("{\"size\": 1.5, \"seed\": \"x\", \"nope\": 1}").errors().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[1, 2]|must be a JSON object with the fields title, size",
            "\"text\"|must be a JSON object",
            "{\"size\": 1|not well-formed JSON",
            "{\"size\": 1} {}|not JSON this API can read",
            "nonsense|not well-formed JSON"})
    void bodiesThatAreNotAnObjectAreRefused(String json, String message) {
        InvalidInputException e = refused(json);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void deepNestingIsRefusedBeforeItCostsAnything() {
        String deep = "{\"inner\": " + "[".repeat(20_000) + "]".repeat(20_000) + "}";
        assertTrue(refused(deep).getMessage().contains("nested more than 32 levels"));
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RequestBodyReader.read(Body.class, new ByteArrayInputStream(body)));
        assertTrue(e.getMessage().contains("not valid UTF-8"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedAs413() {
        byte[] body = new byte[(RequestBodyReader.LIMIT_MIB << 20) + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        assertThrows(PayloadTooLargeException.class, () -> RequestBodyReader.read(Body.class, new ByteArrayInputStream(body)));
    }
}
