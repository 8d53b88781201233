package org.mlarena.web.rest.experiment;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;

/** An architecture's stored JSON as a JSON value of a response (it was checked as JSON when saved). */
final class ArchitectureJson {

    private ArchitectureJson() {
    }

    static JsonValue of(String text) {
        if (text == null) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException e) {
            // not expected: kept as the text it is rather than failing the whole answer
            return Json.createValue(text);
        }
    }
}
