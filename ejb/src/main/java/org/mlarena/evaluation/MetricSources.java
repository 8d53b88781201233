package org.mlarena.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code snippets of the metrics, cut from this package's own source. The build copies the source files
 * into the jar under {@value #RESOURCE_DIRECTORY} (ejb/pom.xml, maven-resources-plugin, process-resources);
 * a region between {@code // <snippet:key>} and {@code // </snippet:key>} is the snippet {@code key}, with
 * its common indentation removed. A snippet is thus the text of the code that computes the metric.
 */
public final class MetricSources {

    /** Where the build puts the source files, on the class path. */
    public static final String RESOURCE_DIRECTORY = "/META-INF/metric-sources/";

    /** The source files that hold snippet regions. */
    static final List<String> FILES = List.of("ConfusionMatrix.java", "ClassificationMetrics.java",
            "ProbabilityMetrics.java", "RocAuc.java", "AveragePrecision.java", "RegressionMetrics.java");

    private static final Pattern START = Pattern.compile("^\\s*// <snippet:([a-z0-9_]+)>\\s*$");

    private final Map<String, String> snippets;

    private MetricSources(Map<String, String> snippets) {
        this.snippets = Map.copyOf(snippets);
    }

    /** Reads the snippets from the copied sources on the class path. */
    public static MetricSources load() {
        Map<String, String> snippets = new HashMap<>();
        for (String file : FILES) {
            String resource = RESOURCE_DIRECTORY + file;
            try (InputStream in = MetricSources.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("metric source " + resource + " is not on the class path;"
                            + " the build copies it there (ejb/pom.xml, copy-metric-sources)");
                }
                parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), snippets);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return new MetricSources(snippets);
    }

    static void parse(String resource, String source, Map<String, String> into) {
        String[] lines = source.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher start = START.matcher(lines[i]);
            if (!start.matches()) {
                continue;
            }
            String key = start.group(1);
            String end = "// </snippet:" + key + ">";
            List<String> region = new ArrayList<>();
            int j = i + 1;
            while (j < lines.length && !lines[j].trim().equals(end)) {
                region.add(lines[j]);
                j++;
            }
            if (j == lines.length) {
                throw new IllegalStateException(resource + ": snippet " + key + " has no end marker " + end);
            }
            String snippet = dedent(region);
            into.merge(key, snippet, (a, b) -> {
                throw new IllegalStateException("snippet " + key + " is marked twice");
            });
            i = j;
        }
    }

    private static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }

    /** The snippet of {@code key}, or an {@link IllegalStateException} when the sources hold none. */
    public String snippet(String key) {
        String snippet = snippets.get(key);
        if (snippet == null) {
            throw new IllegalStateException("no snippet '" + key + "' in " + FILES);
        }
        return snippet;
    }

    /** Every snippet key found. */
    public java.util.Set<String> keys() {
        return snippets.keySet();
    }
}
