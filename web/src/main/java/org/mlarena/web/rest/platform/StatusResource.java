package org.mlarena.web.rest.platform;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.mlarena.platform.boundary.PlatformStatus;
import org.mlarena.platform.boundary.PlatformStatusService;

/** {@code GET /api/v1/status}: version, database, persistence provider and numerics device. Public. */
@Path("status")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @Inject
    PlatformStatusService platform;

    @GET
    public PlatformStatus status() {
        return platform.status();
    }
}
