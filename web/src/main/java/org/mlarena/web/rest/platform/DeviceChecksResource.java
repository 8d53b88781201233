package org.mlarena.web.rest.platform;

import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.mlarena.platform.boundary.DeviceCheckService;
import org.mlarena.platform.entity.DeviceCheckRun;
import org.mlarena.web.rest.ResourceId;
import org.mlarena.web.rest.PageView;
import org.mlarena.web.rest.PageRequest;

/**
 * Device checks: a batch job that multiplies matrices on the numerics device and compares the result
 * with plain Java. {@code POST} starts one (202 Accepted with its Location), {@code GET} reads them.
 */
@Path("device-checks")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceChecksResource {

    @Inject
    DeviceCheckService checks;

    @Context
    UriInfo uri;

    @GET
    public PageView<DeviceCheckRun> list(@QueryParam("first") @DefaultValue(PageRequest.DEFAULT_FIRST) String first,
                                         @QueryParam("max") @DefaultValue(PageRequest.DEFAULT_MAX) String max) {
        PageRequest page = PageRequest.of(first, max);
        return PageView.of(checks.recent(page.first(), page.max()), run -> run);
    }

    @GET
    @Path("{id}")
    public DeviceCheckRun get(@PathParam("id") String id) {
        long runId = ResourceId.parse("device check", id);
        return checks.find(runId).orElseThrow(() -> new NotFoundException("There is no device check " + id + "."));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(DeviceCheckRequest request) {
        int size = request == null || request.size() == null ? DeviceCheckService.DEFAULT_SIZE : request.size();
        long seed = request == null || request.seed() == null ? ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) : request.seed();
        DeviceCheckRun run = checks.start(size, seed);
        return Response.accepted(run).location(uri.getAbsolutePathBuilder().path(Long.toString(run.getId())).build()).build();
    }
}
