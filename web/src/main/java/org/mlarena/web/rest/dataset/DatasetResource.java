package org.mlarena.web.rest.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mlarena.common.InvalidInputException;
import org.mlarena.dataset.boundary.DatasetService;
import org.mlarena.identity.control.Roles;

/**
 * The dataset of a use case: its description, the host's import, and its files. Hidden files (the test answers)
 * are neither listed nor served to anyone but the hosts.
 */
@jakarta.ws.rs.Path("use-cases/{slug}/dataset")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
@Tag(name = "Datasets")
public class DatasetResource {

    @Inject
    DatasetService datasets;

    @GET
    @Operation(summary = "The dataset: format, split sizes, columns or image shape, classes, and the files you may download")
    public DatasetView get(@PathParam("slug") String slug) {
        return DatasetView.of(datasets.dataset(slug));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Imports the dataset from your uploads (hosts), replacing an earlier import while no experiment has trained on it")
    public DatasetView importDataset(@PathParam("slug") String slug, DatasetImport request) {
        if (request == null) {
            throw new InvalidInputException(null, "Send the import as JSON, e.g. {\"format\": \"CSV\", \"files\": {\"table\": <upload id>},"
                    + " \"targetColumn\": \"...\"}; upload the files with POST /api/v1/uploads first.");
        }
        return DatasetView.of(datasets.importDataset(slug, request.request()));
    }

    @GET
    @jakarta.ws.rs.Path("profile")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The EDA profile: splits, class distribution, feature statistics and histograms, correlations, image and text"
            + " statistics, representative samples (computed from the training and validation splits, never from the hidden test labels)")
    public Response profile(@PathParam("slug") String slug) {
        Path file = datasets.profile(slug);
        StreamingOutput content = out -> Files.copy(file, out);
        return Response.ok(content, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @jakarta.ws.rs.Path("files/{name}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Downloads one file of the dataset; hidden files only for hosts")
    @APIResponse(responseCode = "200", description = "The file's content",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response file(@PathParam("slug") String slug, @PathParam("name") String name) {
        Path file = datasets.file(slug, name);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the size of " + file, e);
        }
        StreamingOutput content = out -> Files.copy(file, out);
        return Response.ok(content, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, size)
                .header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[\"\\\\\\r\\n]", "_") + "\"")
                .build();
    }
}
