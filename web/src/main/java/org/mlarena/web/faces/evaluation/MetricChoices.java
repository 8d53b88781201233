package org.mlarena.web.faces.evaluation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mlarena.evaluation.Direction;
import org.mlarena.evaluation.Metric;

/**
 * The metrics a host may rank a use case by, as a form offers them: one choice per metric family ("F1"), and for
 * the families that average over classes a second choice of the averaging (macro, micro, weighted, binary). The
 * metric's id is the family's key, plus {@code _<averaging>} where one applies ({@code f1_macro}).
 */
public final class MetricChoices implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern AVERAGED_ID = Pattern.compile("(.+)_(macro|micro|weighted|binary)");
    /** The order a form offers the averagings in: macro first, as it treats every class alike; binary last. */
    private static final List<String> AVERAGING_ORDER = List.of("macro", "weighted", "micro", "binary");
    private static final Pattern AVERAGED_NAME = Pattern.compile("(.*?)(?:\\s*\\((macro|micro|weighted|binary)\\)|,\\s*(macro|micro|weighted|binary)\\))$");

    /**
     * One choice of the metric select.
     *
     * @param key       the metric's id, or its id without the averaging
     * @param label     its name for people, with the direction
     * @param averages  the averagings it comes in, macro first and binary last; empty when it has none
     */
    public record Family(String key, String label, List<String> averages) implements Serializable {

        public boolean averaged() {
            return !averages.isEmpty();
        }
    }

    private final List<Family> families;

    private MetricChoices(List<Family> families) {
        this.families = List.copyOf(families);
    }

    /** The scalar metrics among {@code metrics}, grouped into families in the order given. */
    public static MetricChoices of(List<Metric> metrics) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, List<String>> averages = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            if (!metric.isScalar()) {
                continue;
            }
            Matcher id = AVERAGED_ID.matcher(metric.id());
            String key = id.matches() ? id.group(1) : metric.id();
            averages.computeIfAbsent(key, k -> new ArrayList<>());
            if (id.matches()) {
                averages.get(key).add(id.group(2));
            }
            labels.putIfAbsent(key, familyName(metric.name(), id.matches()) + " · " + direction(metric.direction()));
        }
        return new MetricChoices(labels.entrySet().stream().map(e -> new Family(e.getKey(), e.getValue(),
                averages.get(e.getKey()).stream().sorted(Comparator.comparingInt(AVERAGING_ORDER::indexOf)).toList())).toList());
    }

    public List<Family> families() {
        return families;
    }

    /** The family of a metric id, or null when none of these has it. */
    public Family familyOf(String metricId) {
        if (metricId == null) {
            return null;
        }
        for (Family family : families) {
            if (family.key().equals(metricId) || family.averages().stream().anyMatch(a -> metricId.equals(family.key() + "_" + a))) {
                return family;
            }
        }
        return null;
    }

    /** The averaging part of a metric id, or null. */
    public static String averagingOf(String metricId) {
        Matcher id = metricId == null ? null : AVERAGED_ID.matcher(metricId);
        return id != null && id.matches() ? id.group(2) : null;
    }

    /**
     * The metric id of a family and an averaging; a family that averages takes its first averaging (macro) when none (or one it
     * does not come in) is given. A key that is no family here is passed on as it is, for the boundary to judge.
     */
    public String idOf(String key, String averaging) {
        Family family = families.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
        if (family == null || !family.averaged()) {
            return key;
        }
        return key + "_" + (averaging != null && family.averages().contains(averaging) ? averaging : family.averages().get(0));
    }

    private static String familyName(String name, boolean averaged) {
        if (!averaged) {
            return name;
        }
        Matcher m = AVERAGED_NAME.matcher(name);
        if (!m.matches()) {
            return name;
        }
        // "F1 (macro)" gives "F1"; "ROC AUC (one-vs-rest, macro)" gives "ROC AUC (one-vs-rest)"
        return m.group(3) != null ? m.group(1) + ")" : m.group(1);
    }

    private static String direction(Direction direction) {
        return direction == Direction.LOWER_IS_BETTER ? "lower is better" : "higher is better";
    }
}
