package org.mlarena.web.rest.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B instance for every response. Without a resolver RESTEasy builds a new Jsonb for each response, and Yasson
 * introspects every class it writes once per instance: that introspection was two thirds of the server's CPU time under
 * {@code GET /status} (bench/README.md, "Reads under load"). A Jsonb is thread-safe, and this one has JSON-B's default
 * configuration, so responses are unchanged.
 */
@Provider
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
public class SharedJsonb implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
