package org.mlarena.dataset.control;

import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

import org.mlarena.common.ControlCharacters;
import org.mlarena.common.InvalidInputException;

/**
 * What the host says of a dataset's values, so that people can read the EDA: the name of each class as the data
 * labels it ("0" is "T-shirt/top") and what each feature column means ("proline: mg/L"). Given at import, checked
 * against the data imported: a class or column that is not in it is refused, with the ones that are.
 *
 * @param labelNames by class label as in the data, its name for people
 * @param columns    by feature column, what it means (its unit, how it was measured)
 */
public record DataDictionary(Map<String, String> labelNames, Map<String, String> columns) implements Serializable {

    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 500;
    public static final DataDictionary EMPTY = new DataDictionary(Map.of(), Map.of());

    public DataDictionary {
        labelNames = Map.copyOf(labelNames);
        columns = Map.copyOf(columns);
    }

    /**
     * The dictionary of the request, checked against what the import found; every mistake named at once.
     *
     * @param classes  the class labels of the data (none for a regression)
     * @param features the feature columns of a table (none for images and texts)
     */
    public static DataDictionary checked(Map<String, String> labelNames, Map<String, String> columns, List<String> classes, List<String> features) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        Map<String, String> names = entries(errors, "labelNames", labelNames, classes, MAX_NAME,
                classes.isEmpty() ? "this dataset has no classes (a regression target)" : "its classes are " + some(classes));
        Map<String, String> meanings = entries(errors, "columnDescriptions", columns, features,
                MAX_DESCRIPTION, features.isEmpty() ? "only tables (CSV) have feature columns" : "its feature columns are " + some(features));
        errors.throwIfAny();
        return new DataDictionary(names, meanings);
    }

    private static Map<String, String> entries(InvalidInputException.Collector errors, String field, Map<String, String> given, List<String> known,
                                               int maxLength, String whatThereIs) {
        Map<String, String> checked = new TreeMap<>();
        if (given == null) {
            return checked;
        }
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue() == null ? "" : entry.getValue().strip();
            if (!known.contains(key)) {
                unknown.add(key);
            } else if (value.isEmpty()) {
                errors.add(field + "." + key, "Write something for '" + key + "', or leave it out.");
            } else if (value.length() > maxLength) {
                errors.add(field + "." + key, "The text for '" + key + "' has " + value.length() + " characters; keep it to " + maxLength + ".");
            } else if (ControlCharacters.firstIn(value, false) >= 0) {
                errors.add(field + "." + key, "The text for '" + key + "' has control characters; write it on one line of plain text.");
            } else {
                checked.put(key, value);
            }
        }
        if (!unknown.isEmpty()) {
            errors.add(field, "The data has no " + (unknown.size() == 1 ? "'" + unknown.get(0) + "'" : some(unknown)) + ": " + whatThereIs + ".");
        }
        return checked;
    }

    private static String some(List<String> values) {
        List<String> quoted = values.stream().limit(20).map(v -> "'" + v + "'").toList();
        return String.join(", ", quoted) + (values.size() > 20 ? " and " + (values.size() - 20) + " more" : "");
    }

    /** The name of a class for people: its name with the label, or the label alone. */
    public String className(String label) {
        String name = labelNames.get(label);
        return name == null || name.equals(label) ? label : name + " (" + label + ")";
    }

    /** As stored: a JSON object {"labelNames": {...}, "columns": {...}}. */
    public String toJson() {
        JsonObjectBuilder names = Json.createObjectBuilder();
        new TreeMap<>(labelNames).forEach(names::add);
        JsonObjectBuilder meanings = Json.createObjectBuilder();
        new TreeMap<>(columns).forEach(meanings::add);
        return Json.createObjectBuilder().add("labelNames", names).add("columns", meanings).build().toString();
    }

    /** What {@link #toJson()} wrote; empty for null (a dataset imported before dictionaries). */
    public static DataDictionary fromJson(String json) {
        if (json == null || json.isBlank()) {
            return EMPTY;
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            return new DataDictionary(strings(object.getJsonObject("labelNames")), strings(object.getJsonObject("columns")));
        }
    }

    private static Map<String, String> strings(JsonObject object) {
        Map<String, String> map = new LinkedHashMap<>();
        if (object != null) {
            object.forEach((key, value) -> map.put(key, object.getString(key)));
        }
        return map;
    }
}
