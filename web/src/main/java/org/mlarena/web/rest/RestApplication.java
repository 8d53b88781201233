package org.mlarena.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API, version 1, under {@code /arena/api/v1}. Resources are plural nouns, JSON through JSON-B,
 * errors as {@code application/problem+json}. The OpenAPI document is served by WildFly at {@code /openapi}.
 */
@ApplicationPath(RestApplication.PATH)
public class RestApplication extends Application {

    public static final String PATH = "api/v1";
}
