package org.mlarena.usecase.control;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

import org.mlarena.common.InvalidInputException;
import org.mlarena.evaluation.Metric;
import org.mlarena.evaluation.MetricRegistry;
import org.mlarena.evaluation.TaskType;
import org.mlarena.numerics.nn.Architecture;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.usecase.control.UseCaseDraft;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.usecase.entity.UseCaseStatus;
import org.mlarena.usecase.entity.Visibility;

/**
 * Checks a host's draft completely (every wrong field reported at once) and applies it to a use case. Nothing
 * is applied unless everything is valid.
 */
public final class UseCaseEditor {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final MetricRegistry METRICS = MetricRegistry.standard();

    private UseCaseEditor() {
    }

    /** A slug from a title: lower case, words joined by hyphens. */
    public static String slugOf(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.length() > 64 ? slug.substring(0, 64).replaceAll("-+$", "") : slug;
    }

    /**
     * Validates the draft against what is stored ({@code current}, or null for a new use case) and applies it.
     *
     * @param hasDataset whether a dataset is imported (a use case goes active only with one)
     */
    public static void apply(UseCaseDraft draft, UseCase target, boolean creating, boolean hasDataset) {
        if (draft == null) {
            throw new InvalidInputException(null, "The request has no body; send the use case as JSON (see /openapi).");
        }
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String title = pick(draft.title(), target.getTitle());
        if (title == null || title.isBlank()) {
            errors.add("title", "A use case needs a title (up to 200 characters).");
        } else if (title.length() > 200) {
            errors.add("title", "The title has " + title.length() + " characters; keep it to 200.");
        }
        Visibility visibility = enumValue(errors, "visibility", draft.visibility(), Visibility.class, target.getVisibility());
        UseCaseStatus status = enumValue(errors, "status", draft.status(), UseCaseStatus.class, target.getStatus());
        ModelZoo.Category category = enumValue(errors, "category", draft.category(), ModelZoo.Category.class, target.getCategory());
        if (category == null) {
            errors.add("category", "Say what the use case asks for: category is one of " + Arrays.toString(ModelZoo.Category.values()) + ".");
        }
        if (!creating && category != target.getCategory() && hasDataset) {
            errors.add("category", "The category cannot change once a dataset is imported; create a new use case instead.");
        }
        String metricId = pick(draft.primaryMetric(), target.getPrimaryMetric());
        if (metricId == null) {
            errors.add("primaryMetric", "Name the primary metric, e.g. accuracy, f1_macro or rmse (GET /api/v1/metrics lists them).");
        } else if (category != null) {
            checkMetric(errors, metricId, category);
        }
        for (String[] text : new String[][]{{"goal", draft.goal()}, {"problemStatement", draft.problemStatement()},
                {"background", draft.background()}, {"rules", draft.rules()}, {"dataSource", draft.dataSource()},
                {"dataContext", draft.dataContext()}, {"labelling", draft.labelling()}}) {
            if (text[1] != null && text[1].length() > UseCase.TEXT_LENGTH) {
                errors.add(text[0], "The " + text[0] + " has " + text[1].length() + " characters; keep it to " + UseCase.TEXT_LENGTH + ".");
            }
        }
        int perDay = pick(draft.submissionsPerDay(), target.getSubmissionsPerDay());
        if (perDay < 1 || perDay > 1000) {
            errors.add("submissionsPerDay", "Submissions per team per day must be from 1 to 1000, got " + perDay + ".");
        }
        int teamSize = pick(draft.teamSizeLimit(), target.getTeamSizeLimit());
        if (teamSize < 1 || teamSize > 100) {
            errors.add("teamSizeLimit", "The team size limit must be from 1 to 100 people, got " + teamSize + ".");
        }
        double budget = pick(draft.computeBudgetPflops(), target.getComputeBudgetPflops());
        if (!(budget > 0) || budget > 1e6) {
            errors.add("computeBudgetPflops", "The compute budget per team must be more than 0 and at most 1,000,000 PFLOPs, got " + budget + ".");
        }
        double publicFraction = pick(draft.publicFraction(), target.getPublicFraction());
        if (!(publicFraction >= 0.1 && publicFraction <= 0.9)) {
            errors.add("publicFraction", "The public part of the test set must be from 0.1 to 0.9 (the rest ranks privately), got " + publicFraction + ".");
        }
        var opens = draft.opensAt() != null ? draft.opensAt() : target.getOpensAt();
        var closes = draft.closesAt() != null ? draft.closesAt() : target.getClosesAt();
        if (opens != null && closes != null && !closes.isAfter(opens)) {
            errors.add("closesAt", "The use case must close after it opens (opensAt " + opens + ", closesAt " + closes + ").");
        }
        var selection = draft.selectionClosesAt() != null ? draft.selectionClosesAt() : target.getSelectionClosesAt();
        if (selection != null && closes != null && selection.isBefore(closes)) {
            errors.add("selectionClosesAt", "The final selection must end when submissions end or later (closesAt " + closes
                    + ", selectionClosesAt " + selection + ").");
        } else if (selection != null && opens != null && !selection.isAfter(opens)) {
            errors.add("selectionClosesAt", "The final selection must end after the use case opens (opensAt " + opens + ", selectionClosesAt "
                    + selection + ").");
        }
        int finals = pick(draft.finalSubmissions(), target.getFinalSubmissions());
        if (finals < 1 || finals > 10) {
            errors.add("finalSubmissions", "A team chooses from 1 to 10 final submissions, got " + finals + ".");
        }
        long maxParameters = pick(draft.maxParameters(), target.getMaxParameters());
        if (maxParameters < UseCase.MIN_PARAMETER_CAP || maxParameters > Architecture.MAX_PARAMETERS) {
            errors.add("maxParameters", String.format(java.util.Locale.ROOT, "The most parameters a team's model may have must be from %,d to %,d, got %,d.",
                    UseCase.MIN_PARAMETER_CAP, Architecture.MAX_PARAMETERS, maxParameters));
        }
        if (status == UseCaseStatus.ACTIVE && !hasDataset && target.getStatus() != UseCaseStatus.ACTIVE) {
            errors.add("status", "A use case becomes active only once its dataset is imported; import it first (PUT .../dataset).");
        }
        if (target.getStatus() == UseCaseStatus.CLOSED && status == UseCaseStatus.DRAFT) {
            errors.add("status", "A closed use case cannot go back to draft; reopen it as ACTIVE or leave it closed.");
        }
        errors.throwIfAny();

        target.setTitle(title.strip());
        target.setVisibility(visibility);
        target.setStatus(status);
        target.setCategory(category);
        target.setPrimaryMetric(metricId);
        target.setAveraging(averagingOf(metricId));
        target.setGoal(pick(draft.goal(), target.getGoal()));
        target.setProblemStatement(pick(draft.problemStatement(), target.getProblemStatement()));
        target.setBackground(pick(draft.background(), target.getBackground()));
        target.setRules(pick(draft.rules(), target.getRules()));
        target.setDataSource(pick(draft.dataSource(), target.getDataSource()));
        target.setDataContext(pick(draft.dataContext(), target.getDataContext()));
        target.setLabelling(pick(draft.labelling(), target.getLabelling()));
        target.setOpensAt(opens);
        target.setClosesAt(closes);
        target.setSelectionClosesAt(selection);
        target.setFinalSubmissions(finals);
        target.setSubmissionsPerDay(perDay);
        target.setTeamSizeLimit(teamSize);
        target.setComputeBudgetPflops(budget);
        target.setPublicFraction(publicFraction);
        target.setMaxParameters(maxParameters);
        target.setHorizontalFlips(pick(draft.horizontalFlips(), target.isHorizontalFlips()));
    }

    /** The task types a category's metric may serve. */
    public static boolean fits(Metric metric, ModelZoo.Category category) {
        return category == ModelZoo.Category.TABULAR_REGRESSION ? metric.taskTypes().contains(TaskType.REGRESSION)
                : metric.taskTypes().contains(TaskType.MULTICLASS_CLASSIFICATION) || metric.taskTypes().contains(TaskType.BINARY_CLASSIFICATION);
    }

    private static void checkMetric(InvalidInputException.Collector errors, String id, ModelZoo.Category category) {
        var metric = METRICS.find(id);
        if (metric.isEmpty()) {
            errors.add("primaryMetric", "There is no metric '" + id + "'; GET /api/v1/metrics lists them.");
        } else if (!metric.get().isScalar()) {
            errors.add("primaryMetric", "'" + id + "' is not a single number and cannot rank teams; pick e.g. accuracy or f1_macro.");
        } else if (!fits(metric.get(), category)) {
            errors.add("primaryMetric", "'" + id + "' does not apply to " + category.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + "; pick one of " + String.join(", ", METRICS.all().stream().filter(m -> m.isScalar() && fits(m, category)).map(Metric::id)
                    .limit(12).toList()) + ".");
        }
    }

    private static String averagingOf(String metricId) {
        for (String average : new String[]{"macro", "micro", "weighted", "binary"}) {
            if (metricId.endsWith("_" + average)) {
                return average;
            }
        }
        return null;
    }

    private static <E extends Enum<E>> E enumValue(InvalidInputException.Collector errors, String field, String value, Class<E> type, E current) {
        if (value == null) {
            return current;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            errors.add(field, "'" + value + "' is not a " + field + "; use one of " + Arrays.toString(type.getEnumConstants()) + ".");
            return current;
        }
    }

    private static <T> T pick(T value, T current) {
        return value != null ? value : current;
    }
}
