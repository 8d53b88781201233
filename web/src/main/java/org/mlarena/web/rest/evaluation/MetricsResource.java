package org.mlarena.web.rest.evaluation;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.mlarena.common.InvalidInputException;
import org.mlarena.evaluation.Bootstrap;
import org.mlarena.evaluation.Metric;
import org.mlarena.evaluation.TaskType;
import org.mlarena.evaluation.boundary.MetricService;

/**
 * The metrics: {@code GET} lists them with explanation, formula and the code that computes them;
 * {@code POST …/evaluations} computes one on your own truth and predictions (JSON or CSV) with a bootstrap
 * confidence interval.
 */
@Path("metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    @Inject
    MetricService metrics;

    @GET
    public List<MetricView> list(@QueryParam("task") String task) {
        TaskType type = null;
        if (task != null && !task.isBlank()) {
            try {
                type = TaskType.valueOf(task.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("task", "task must be one of " + java.util.Arrays.toString(TaskType.values()) + ", got '" + task + "'");
            }
        }
        return metrics.metrics(type).stream().map(MetricView::of).toList();
    }

    @GET
    @Path("{id}")
    public MetricView get(@PathParam("id") String id) {
        return MetricView.of(find(id));
    }

    @POST
    @Path("{id}/evaluations")
    @Consumes(MediaType.APPLICATION_JSON)
    public EvaluationView evaluate(@PathParam("id") String id, EvaluationRequest request) {
        Metric metric = find(id);
        return EvaluationView.of(metrics.evaluate(id, EvaluationInputs.of(metric, request),
                request == null || request.resamples() == null ? Bootstrap.DEFAULT_RESAMPLES : request.resamples(),
                request == null || request.level() == null ? Bootstrap.DEFAULT_LEVEL : request.level(),
                request == null || request.seed() == null ? 1L : request.seed()));
    }

    /** The same with a CSV body: header, then truth,predicted or truth,p_0,p_1,... per line. */
    @POST
    @Path("{id}/evaluations")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public EvaluationView evaluateCsv(@PathParam("id") String id, String csv, @QueryParam("resamples") String resamples,
                                      @QueryParam("level") String level, @QueryParam("seed") String seed) {
        Metric metric = find(id);
        return EvaluationView.of(metrics.evaluate(id, EvaluationInputs.of(metric, EvaluationInputs.csv(csv)),
                (int) number("resamples", resamples, Bootstrap.DEFAULT_RESAMPLES), number("level", level, Bootstrap.DEFAULT_LEVEL),
                (long) number("seed", seed, 1)));
    }

    /** A query parameter as a number, with a 400 that names it (JAX-RS would answer 404 for a bad one). */
    private static double number(String name, String value, double fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, name + " must be a number, got '" + value + "'");
        }
    }

    private Metric find(String id) {
        return metrics.metric(id).orElseThrow(() -> new NotFoundException("There is no metric '" + id
                + "'. GET /api/v1/metrics lists them."));
    }
}
