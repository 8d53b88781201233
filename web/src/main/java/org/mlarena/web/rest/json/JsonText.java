package org.mlarena.web.rest.json;

/**
 * A request field that holds JSON of its own (an architecture): the object or array as the client wrote it, kept as
 * text for the component that reads it; a string is taken as that text.
 */
public record JsonText(String text) {
}
