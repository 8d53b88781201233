package org.mlarena.web.rest.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.json.Json;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import org.mlarena.common.ControlCharacters;
import org.mlarena.common.InvalidInputException;
import org.mlarena.common.PayloadTooLargeException;

/**
 * Reads every JSON request body into its request record, strictly: JSON-B had started device checks with defaults from
 * bodies that were not JSON objects at all, stored 2^63 as -2^63, 1.5 as 1 and "12" as 12, ignored misspelt fields, and
 * answered with its own messages naming Java types. Here a body must be UTF-8, at most {@value #LIMIT_MIB} MiB, nested
 * at most {@value #MAX_DEPTH} deep, without repeated keys; every field must be one the record has, of its JSON type
 * (whole numbers within the Java type's range, finite numbers, text without control characters other than tab and line
 * breaks); every mistake is named with its field, and all of them are reported at once.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Priority(Priorities.USER)
public class RequestBodyReader implements MessageBodyReader<Object> {

    static final int LIMIT_MIB = 64;
    static final int MAX_DEPTH = 32;
    private static final int LIMIT = LIMIT_MIB << 20;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        return read(type, entityStream);
    }

    /** The record of {@code type} that the body describes; null for an empty body (the resource then says what to send). */
    public static <T> T read(Class<T> type, InputStream body) throws IOException {
        String text = utf8(body);
        if (text.isBlank()) {
            return null;
        }
        Object tree = parse(text);
        if (!(tree instanceof Map<?, ?> object)) {
            throw new InvalidInputException(null, "The body must be a JSON object with the fields " + fieldNames(type)
                    + "; it is " + jsonKind(tree) + ".");
        }
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        T value = bind(type, object, "", errors);
        errors.throwIfAny();
        return value;
    }

    private static String utf8(InputStream body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        for (int n; (n = body.read(buffer)) > 0; ) {
            if (bytes.size() + n > LIMIT) {
                throw new PayloadTooLargeException("The body is over " + LIMIT_MIB + " MiB; send less at once"
                        + " (datasets go through POST /api/v1/uploads, not in a JSON body).");
            }
            bytes.write(buffer, 0, n);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(null, "The body is not valid UTF-8 text; send JSON encoded in UTF-8.");
        }
    }

    /** The body as maps, lists, strings, BigDecimals, booleans and JSON null (a marker), refusing depth and repeated keys. */
    static Object parse(String text) {
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new InvalidInputException(null, "The body is empty; send a JSON object.");
            }
            Object value = value(parser, parser.next(), 1);
            if (parser.hasNext()) {
                throw notJson(parser.getLocation(), "more follows after the JSON value");
            }
            return value;
        } catch (JsonParsingException e) {
            throw notJson(e.getLocation(), "it is not well-formed JSON");
        } catch (jakarta.json.JsonException e) {
            throw new InvalidInputException(null, "The body could not be read as JSON; check it with a JSON validator.");
        }
    }

    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static Object value(JsonParser parser, JsonParser.Event event, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(null, "The body is nested more than " + MAX_DEPTH + " levels deep; no request of this API"
                    + " needs more than a few.");
        }
        return switch (event) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonParser.Event next = parser.next(); next != JsonParser.Event.END_OBJECT; next = parser.next()) {
                    String key = parser.getString();
                    Object member = value(parser, parser.next(), depth + 1);
                    if (object.put(key, member) != null) {
                        throw new InvalidInputException(key, "The field '" + printable(key) + "' appears more than once; give each field once.");
                    }
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonParser.Event next = parser.next(); next != JsonParser.Event.END_ARRAY; next = parser.next()) {
                    array.add(value(parser, next, depth + 1));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER -> parser.getBigDecimal();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> throw new InvalidInputException(null, "The body is not well-formed JSON; check it with a JSON validator.");
        };
    }

    private static InvalidInputException notJson(JsonLocation at, String what) {
        String where = at == null ? "" : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
        return new InvalidInputException(null, "The body is not JSON this API can read: " + what + where
                + "; check it with a JSON validator.");
    }

    private static <T> T bind(Class<T> type, Map<?, ?> object, String prefix, InvalidInputException.Collector errors) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            index.put(components[i].getName(), i);
        }
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = defaultOf(components[i].getType());
        }
        for (Map.Entry<?, ?> member : object.entrySet()) {
            String name = (String) member.getKey();
            Integer at = index.get(name);
            if (at == null) {
                errors.add(prefix + printable(name), "There is no field '" + printable(name) + "' here; the fields are "
                        + String.join(", ", index.keySet()) + " (check the spelling).");
                continue;
            }
            args[at] = convert(member.getValue(), components[at].getGenericType(), prefix + name, errors);
        }
        if (!errors.isEmpty()) {
            return null;
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("request record " + type.getName() + " has no canonical constructor", e);
        }
    }

    private static Object defaultOf(Class<?> type) {
        if (type == int.class || type == long.class || type == double.class) {
            return type == int.class ? 0 : type == long.class ? 0L : 0.0;
        }
        return type == boolean.class ? false : null;
    }

    private static Object convert(Object json, Type target, String field, InvalidInputException.Collector errors) {
        Class<?> raw = target instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) target;
        if (json == NULL) {
            if (raw.isPrimitive()) {
                errors.add(field, "Give " + field + " a value (null is not one).");
            }
            return defaultOf(raw);
        }
        if (raw == String.class) {
            if (json instanceof String text) {
                return text(text, field, errors);
            }
            return wrong(field, "text in quotes", json, errors);
        }
        if (raw == JsonText.class) {
            if (json instanceof String text) {
                return new JsonText(text(text, field, errors));
            }
            StringBuilder out = new StringBuilder();
            write(json, out);
            return new JsonText(out.toString());
        }
        if (raw == Integer.class || raw == int.class) {
            return whole(json, field, Integer.MIN_VALUE, Integer.MAX_VALUE, errors, BigDecimal::intValueExact);
        }
        if (raw == Long.class || raw == long.class) {
            return whole(json, field, Long.MIN_VALUE, Long.MAX_VALUE, errors, BigDecimal::longValueExact);
        }
        if (raw == Double.class || raw == double.class) {
            if (json instanceof BigDecimal number) {
                double value = number.doubleValue();
                if (Double.isInfinite(value)) {
                    errors.add(field, field + " is " + number + ", too large for a number here; the largest is about 1.8e308.");
                    return null;
                }
                return value;
            }
            return wrong(field, "a number", json, errors);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return json instanceof Boolean b ? b : wrong(field, "true or false", json, errors);
        }
        if (raw == Instant.class) {
            if (json instanceof String text) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e) {
                    errors.add(field, field + " is not a date and time: write it in UTC as 2026-12-31T23:59:00Z.");
                    return null;
                }
            }
            return wrong(field, "a date and time in quotes, e.g. \"2026-12-31T23:59:00Z\"", json, errors);
        }
        if (raw.isArray()) {
            if (!(json instanceof List<?> list)) {
                return wrong(field, "an array [...]", json, errors);
            }
            Object array = Array.newInstance(raw.getComponentType(), list.size());
            for (int i = 0; i < list.size(); i++) {
                Object element = convert(list.get(i), raw.getComponentType(), field + "[" + i + "]", errors);
                if (!errors.isEmpty()) {
                    return null; // the first wrong element is enough: an array may hold millions
                }
                Array.set(array, i, element);
            }
            return array;
        }
        if (raw == List.class && target instanceof ParameterizedType p) {
            if (!(json instanceof List<?> list)) {
                return wrong(field, "an array [...]", json, errors);
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                values.add(convert(list.get(i), p.getActualTypeArguments()[0], field + "[" + i + "]", errors));
            }
            return values;
        }
        if (raw == Map.class && target instanceof ParameterizedType p) {
            if (!(json instanceof Map<?, ?> object)) {
                return wrong(field, "an object {...}", json, errors);
            }
            Type valueType = p.getActualTypeArguments()[1];
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<?, ?> member : object.entrySet()) {
                String key = text((String) member.getKey(), field, errors);
                Object value = member.getValue();
                // hyperparameters and the like are text; a number or true/false written without quotes means the same
                if (valueType == String.class && (value instanceof BigDecimal || value instanceof Boolean)) {
                    value = value instanceof BigDecimal number ? number.toString() : value.toString();
                }
                values.put(key, convert(value, valueType, field + "." + printable((String) member.getKey()), errors));
            }
            return values;
        }
        if (raw.isRecord()) {
            return json instanceof Map<?, ?> object ? bind(raw, object, field + ".", errors) : wrong(field, "an object {...}", json, errors);
        }
        throw new IllegalStateException("request field " + field + " has a type this reader does not know: " + target);
    }

    /** JSON text of a value read by {@link #value}. */
    private static void write(Object json, StringBuilder out) {
        if (json instanceof Map<?, ?> object) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> member : object.entrySet()) {
                out.append(separator);
                write(member.getKey(), out);
                out.append(": ");
                write(member.getValue(), out);
                separator = ", ";
            }
            out.append('}');
        } else if (json instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (json instanceof String text) {
            out.append('"');
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < ' ') {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        } else if (json instanceof BigDecimal number) {
            out.append(number.toString());
        } else if (json == NULL) {
            out.append("null");
        } else {
            out.append(json);
        }
    }

    private interface Exact {
        Object of(BigDecimal number);
    }

    private static Object whole(Object json, String field, long min, long max, InvalidInputException.Collector errors, Exact exact) {
        if (!(json instanceof BigDecimal number)) {
            return wrong(field, "a whole number", json, errors);
        }
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            errors.add(field, field + " is " + number + "; it must be a whole number.");
            return null;
        }
        try {
            return exact.of(number);
        } catch (ArithmeticException e) {
            errors.add(field, field + " is " + shorten(number.toString()) + ", outside the whole numbers it can be (" + min + " to " + max + ").");
            return null;
        }
    }

    private static Object wrong(String field, String expected, Object json, InvalidInputException.Collector errors) {
        errors.add(field, field + " must be " + expected + "; it is " + jsonKind(json) + ".");
        return null;
    }

    private static String text(String value, String field, InvalidInputException.Collector errors) {
        int at = ControlCharacters.firstIn(value, true);
        if (at >= 0) {
            errors.add(field, field + " contains the control character U+" + String.format("%04X", (int) value.charAt(at))
                    + " at position " + (at + 1) + "; remove it (tabs and line breaks are fine).");
            return null;
        }
        return value;
    }

    private static String jsonKind(Object json) {
        if (json instanceof Map<?, ?>) {
            return "an object";
        }
        if (json instanceof List<?>) {
            return "an array";
        }
        if (json instanceof String text) {
            return "the text \"" + shorten(printable(text)) + "\"";
        }
        if (json instanceof BigDecimal number) {
            return "the number " + shorten(number.toString());
        }
        return json == NULL ? "null" : String.valueOf(json);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /** Control characters shown as U+XXXX, so that a message never carries them back. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(100).forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("U+%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static String fieldNames(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.joining(", "));
    }
}
