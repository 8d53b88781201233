package org.mlarena.web.rest.evaluation;

import java.util.Set;
import java.util.TreeSet;

import org.mlarena.evaluation.Metric;

/** A metric as the API describes it: everything but its computation. */
public record MetricView(String id, String name, String direction, Set<String> taskTypes, String requires, String explanation,
                         String formula, String implementation, String snippet) {

    static MetricView of(Metric m) {
        Set<String> tasks = new TreeSet<>();
        m.taskTypes().forEach(t -> tasks.add(t.name()));
        return new MetricView(m.id(), m.name(), m.direction().name(), tasks, m.requires().name(), m.explanation(), m.formula(),
                m.implementation(), m.snippet());
    }
}
