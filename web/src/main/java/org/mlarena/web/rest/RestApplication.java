package org.mlarena.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API, version 1, under {@code /arena/api/v1}. Resources are plural nouns, JSON through JSON-B,
 * errors as {@code application/problem+json}. The OpenAPI document is served by WildFly at {@code /openapi}
 * and shown by Swagger UI at {@code /arena/api.html}; the security schemes below let its "Authorize" send the
 * credentials a call needs (HTTP Basic with the built-in users, a bearer token with the OIDC provider).
 */
@ApplicationPath(RestApplication.PATH)
@OpenAPIDefinition(info = @Info(title = "ML Arena API", version = "1"),
        security = {@SecurityRequirement(name = RestApplication.BASIC), @SecurityRequirement(name = RestApplication.BEARER)})
@SecurityScheme(securitySchemeName = RestApplication.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "A built-in demo user, when no OIDC provider is configured")
@SecurityScheme(securitySchemeName = RestApplication.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token from the corporate OIDC provider, when one is configured")
public class RestApplication extends Application {

    public static final String PATH = "api/v1";
    static final String BASIC = "basic";
    static final String BEARER = "bearer";
}
