package org.mlarena.web.rest.dataset;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mlarena.dataset.boundary.DatasetService;
import org.mlarena.identity.control.Roles;

/**
 * Uploads: the raw files a host later imports as a dataset. The body is the file itself, of any media type; it is
 * counted and checksummed as it streams in, and refused beyond the configured limit (413).
 */
@Path("uploads")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
@Tag(name = "Datasets", description = "Uploading files, importing a use case's dataset from them, reading it and downloading its files")
public class UploadsResource {

    @Inject
    DatasetService datasets;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Uploads a file for a later import (hosts, and people who may create use cases); the body is the file, ?name= its name")
    @APIResponse(responseCode = "201", description = "Stored; name its id in the import",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadView.class)))
    public Response upload(@QueryParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        String type = contentType == null || contentType.length() > 100 ? null : contentType;
        return Response.status(Response.Status.CREATED).entity(UploadView.of(datasets.upload(body, name, type))).build();
    }
}
