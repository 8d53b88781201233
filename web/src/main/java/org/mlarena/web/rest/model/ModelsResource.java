package org.mlarena.web.rest.model;

import java.util.Arrays;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mlarena.common.InvalidInputException;
import org.mlarena.common.ResourceNotFoundException;
import org.mlarena.identity.control.Roles;
import org.mlarena.numerics.nn.ModelZoo;

/**
 * The model zoo: what an experiment can train. Besides a model's own hyperparameters every experiment takes
 * epochs, batchSize, learningRate, optimizer and weightDecay; text use cases also take the hyperparameter
 * {@code buckets}, the size of the bag-of-words vectors.
 */
@Path("models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
@Tag(name = "Models", description = "The model zoo: the models an experiment can train, per use case category, with hyperparameters and defaults")
public class ModelsResource {

    @GET
    @Operation(summary = "The models, optionally only those of one category (IMAGE_CLASSIFICATION, TABULAR_CLASSIFICATION, TABULAR_REGRESSION, TEXT_CLASSIFICATION)")
    public List<ModelView> list(@QueryParam("category") String category) {
        List<ModelZoo.Model> models = category == null || category.isBlank() ? ModelZoo.MODELS : ModelZoo.models(category(category));
        return models.stream().map(ModelView::of).toList();
    }

    /** An architecture to start from, as written for the model {@code architecture}. */
    public record TemplateView(String id, String name, String description, List<String> categories, String zooModel, JsonValue architecture) {
    }

    @GET
    @Path(ModelZoo.ARCHITECTURE + "/templates")
    @Operation(summary = "Architectures to start from (the zoo's networks written out, and networks that show the layers), optionally of one category")
    public List<TemplateView> templates(@QueryParam("category") String category) {
        List<ModelZoo.Template> templates = category == null || category.isBlank() ? ModelZoo.TEMPLATES : ModelZoo.templates(category(category));
        return templates.stream().map(t -> {
            try (var reader = Json.createReader(new StringReader(t.json()))) {
                return new TemplateView(t.id(), t.name(), t.description(), t.categories().stream().map(Enum::name).toList(), t.model(),
                        reader.readValue());
            }
        }).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One model of the zoo")
    public ModelView get(@PathParam("id") String id) {
        return ModelZoo.MODELS.stream().filter(m -> m.id().equals(id)).findFirst().map(ModelView::of)
                .orElseThrow(() -> new ResourceNotFoundException("There is no model '" + id + "'; the zoo has "
                        + ModelZoo.MODELS.stream().map(ModelZoo.Model::id).toList() + "."));
    }

    private static ModelZoo.Category category(String value) {
        try {
            return ModelZoo.Category.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("category", "category is one of " + Arrays.toString(ModelZoo.Category.values()) + ", got '" + value + "'.");
        }
    }
}
