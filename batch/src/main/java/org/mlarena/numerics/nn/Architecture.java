package org.mlarena.numerics.nn;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A network a team writes: a JSON object whose {@code layers} list the layers in order, each an object with its
 * {@code type} and settings, e.g. <code>{"layers": [{"type": "conv2d", "filters": 16, "kernel": 3, "padding": 1},
 * {"type": "relu"}, {"type": "globalavgpool"}]}</code>. The output layer (dense, one unit per class or target) is
 * added after them. Compiling it for a use case's input infers every shape and checks everything before any compute:
 * each problem names the layer by its place in the JSON ({@code layers[2]}, {@code layers[4].layers[1]}) and the
 * shapes involved. An activation right after a dense or convolution layer, and dropout after dense and ReLU, are
 * fused into it (the kernels apply them in the same launch).
 */
public final class Architecture {

    /** The layer types and the settings each takes. */
    public static final Map<String, Set<String>> TYPES = types();
    public static final int MAX_LAYERS = 200;
    public static final int MAX_DEPTH = 4;
    public static final int MAX_TEXT = 16_000;
    /** The most parameters any architecture may have; a use case's host may set fewer. */
    public static final long MAX_PARAMETERS = 50_000_000L;

    /** What is wrong, and where: {@code path} is the layer's place in the JSON ({@code layers[2]}), or {@code architecture}. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /** Every problem of an architecture; the message lists them, one per line. */
    public static final class InvalidArchitectureException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        InvalidArchitectureException(List<Problem> problems) {
            super(String.join("\n", problems.stream().map(Problem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** One executable layer of the summary: where it comes from in the JSON, what it is, its output and its figures. */
    public record Row(String path, String layer, String output, long parameters, long flopsPerSample) implements Serializable {
    }

    private final String text;
    private final Shape input;
    private final List<LayerSpec> layers;
    private final List<Row> rows;
    private final int parameters;
    private final long bytes;
    private final long inferenceFlopsPerSample;

    private Architecture(String text, Shape input, List<LayerSpec> layers, List<Row> rows, Network network) {
        this.text = text;
        this.input = input;
        this.layers = List.copyOf(layers);
        this.rows = List.copyOf(rows);
        this.parameters = network.parameterCount();
        this.bytes = network.parameterBytes();
        this.inferenceFlopsPerSample = network.inferenceFlopsPerSample();
    }

    /**
     * Compiles an architecture for samples of {@code input} (an image when its height or width is above 1, else a vector
     * of features) and {@code outputs} classes or targets.
     *
     * @param maxParameters the use case's cap (at most {@link #MAX_PARAMETERS})
     * @throws InvalidArchitectureException with every problem found
     */
    public static Architecture compile(String text, Shape input, int outputs, long maxParameters) {
        List<Problem> problems = new ArrayList<>();
        if (text == null || text.isBlank()) {
            throw invalid("architecture", "is empty; write a JSON object such as {\"layers\": [{\"type\": \"dense\", \"units\": 128}, {\"type\": \"relu\"}]}");
        }
        if (text.length() > MAX_TEXT) {
            throw invalid("architecture", "is " + text.length() + " characters long; at most " + MAX_TEXT + " are kept");
        }
        Object root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid("architecture", e.getMessage());
        }
        Object list = root;
        if (root instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!"layers".equals(key)) {
                    problems.add(new Problem("architecture", "has no setting '" + key + "'; it takes 'layers', the list of layers"));
                }
            }
            list = map.get("layers");
            if (list == null) {
                problems.add(new Problem("architecture", "needs 'layers': the list of layers, e.g. {\"layers\": [{\"type\": \"dense\", \"units\": 128}]}"));
                throw new InvalidArchitectureException(problems);
            }
        }
        if (!(list instanceof List<?> items)) {
            throw invalid("architecture", "'layers' must be a list of layer objects, each with its 'type' (one of " + TYPES.keySet() + ")");
        }
        List<LayerSpec> specs = new ArrayList<>();
        List<Row> rowPaths = new ArrayList<>();
        Shape shape = compileList(items, "layers", input, isImage(input), 1, specs, rowPaths, problems, new int[]{0});
        if (shape != null && isImage(shape) && problems.isEmpty()) {
            problems.add(new Problem("architecture", "the output layer is dense and needs a vector, but the last layer gives " + shape
                    + "; end with {\"type\": \"flatten\"} or {\"type\": \"globalavgpool\"}"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidArchitectureException(problems);
        }
        if (outputs < 1) {
            throw invalid("architecture", "the use case gives no outputs to predict");
        }
        specs.add(new LayerSpec.Dense(outputs, false, 0f));
        Network network;
        try {
            network = new Network(input, specs, Network.Loss.SOFTMAX_CROSS_ENTROPY, new CountingBackend(), 1);
        } catch (IllegalArgumentException e) {
            throw invalid("architecture", e.getMessage());
        }
        long cap = Math.min(MAX_PARAMETERS, maxParameters);
        if (network.parameterCount() > cap) {
            throw invalid("architecture", String.format(Locale.ROOT, "has %,d parameters; this use case allows at most %,d: make layers narrower or fewer",
                    network.parameterCount(), cap));
        }
        List<Row> rows = new ArrayList<>();
        List<Network.LayerFigures> figures = network.layerFigures();
        for (int l = 0; l < figures.size(); l++) {
            Network.LayerFigures f = figures.get(l);
            String path = l < rowPaths.size() ? rowPaths.get(l).path() : "output";
            rows.add(new Row(path, describe(f.spec()), f.output().toString(), f.parameters(), f.flopsPerSample()));
        }
        return new Architecture(text, input, specs, rows, network);
    }

    private static InvalidArchitectureException invalid(String path, String message) {
        return new InvalidArchitectureException(List.of(new Problem(path, message)));
    }

    private static boolean isImage(Shape shape) {
        return shape.height() > 1 || shape.width() > 1;
    }

    /**
     * Compiles the layers at {@code path} from {@code shape}: adds their executable specs and a row per spec (its path),
     * and answers the shape they give, or null when a problem leaves it unknown (later layers are then not checked
     * against shapes, but their settings are).
     */
    private static Shape compileList(List<?> items, String path, Shape shape, boolean image, int depth, List<LayerSpec> specs,
                                     List<Row> rows, List<Problem> problems, int[] count) {
        boolean spatial = image;
        for (int i = 0; i < items.size(); i++) {
            String at = path + "[" + i + "]";
            if (++count[0] > MAX_LAYERS) {
                problems.add(new Problem(at, "an architecture has at most " + MAX_LAYERS + " layers"));
                return null;
            }
            if (!(items.get(i) instanceof Map<?, ?> layer)) {
                problems.add(new Problem(at, "must be an object with a 'type', e.g. {\"type\": \"relu\"}"));
                shape = null;
                continue;
            }
            Object typeValue = layer.get("type");
            String type = typeValue instanceof String t ? t.strip().toLowerCase(Locale.ROOT) : null;
            if (type == null || !TYPES.containsKey(type)) {
                problems.add(new Problem(at, typeValue == null ? "has no 'type'; the types are " + TYPES.keySet()
                        : "has the unknown type '" + typeValue + "'; the types are " + TYPES.keySet()));
                shape = null;
                continue;
            }
            String label = at + " (" + type + ")";
            Settings settings = new Settings(layer, label, problems);
            unknownSettings(layer, type, label, problems);
            LayerSpec spec = null;
            int fused = 0;
            boolean needsImage = false;
            boolean needsVector = false;
            switch (type) {
                case "dense" -> {
                    needsVector = true;
                    int units = settings.integer("units", null, 1, 65_536);
                    boolean relu = i + 1 < items.size() && isType(items.get(i + 1), "relu");
                    float dropout = 0f;
                    if (relu && i + 2 < items.size() && isType(items.get(i + 2), "dropout") && items.get(i + 2) instanceof Map<?, ?> next
                            && next.get("rate") instanceof BigDecimal rate && rate.doubleValue() > 0 && rate.doubleValue() < 1) {
                        dropout = rate.floatValue();
                    }
                    fused = relu ? dropout > 0f ? 2 : 1 : 0;
                    spec = units > 0 ? new LayerSpec.Dense(units, relu, dropout) : null;
                }
                case "conv2d" -> {
                    needsImage = true;
                    int filters = settings.integer("filters", null, 1, 4096);
                    int kernel = settings.integer("kernel", null, 1, 15);
                    int stride = settings.integer("stride", 1, 1, 8);
                    int padding = layer.get("padding") instanceof String same && same.strip().equalsIgnoreCase("same") && kernel > 0
                            ? sameKernel(kernel, stride, label, problems) : settings.integer("padding", 0, 0, Math.max(0, kernel - 1));
                    boolean relu = i + 1 < items.size() && isType(items.get(i + 1), "relu");
                    fused = relu ? 1 : 0;
                    spec = filters > 0 && kernel > 0 && stride > 0 && padding >= 0 ? new LayerSpec.Conv2d(filters, kernel, stride, padding, relu) : null;
                }
                case "maxpool", "avgpool" -> {
                    needsImage = true;
                    int size = settings.integer("size", 2, 2, 16);
                    if (size > 0 && shape != null && spatial && (shape.height() % size != 0 || shape.width() % size != 0)) {
                        problems.add(new Problem(label, "pools " + size + "x" + size + " windows but gets " + shape
                                + ", whose height and width are not multiples of " + size + "; pool by a size that divides them,"
                                + " or pad the convolution before it"));
                        size = -1;
                    }
                    spec = size > 0 ? type.equals("maxpool") ? new LayerSpec.MaxPool(size) : new LayerSpec.AvgPool(size) : null;
                }
                case "embedding_bag" -> {
                    needsVector = true;
                    int dimension = settings.integer("dimension", null, 1, 4096);
                    int entries = settings.integer("entries", LayerSpec.EmbeddingBag.DEFAULT_ENTRIES, 1, 65_536);
                    if (shape != null && spatial) {
                        problems.add(new Problem(label, "reads a bag of words (a text use case's input) but gets a " + shape
                                + " image; images take conv2d, pooling and dense layers"));
                        shape = null;
                        continue;
                    }
                    if (depth > 1 || i > 0) {
                        problems.add(new Problem(label, "reads the input's bag of words (the weight of each token id): it must be the first"
                                + " layer, layers[0]"));
                        shape = null;
                        continue;
                    }
                    spec = dimension > 0 && entries > 0 ? new LayerSpec.EmbeddingBag(dimension, entries) : null;
                }
                case "augment" -> {
                    needsImage = true;
                    int shift = settings.integer("shift", 0, 0, 16);
                    Boolean flip = settings.bool("flip");
                    if (i > 0 || depth > 1) {
                        problems.add(new Problem(label, "shifts and flips the input images while training: it must be the first layer, layers[0]"));
                        shape = null;
                        continue;
                    }
                    boolean flipReported = layer.get("flip") != null && flip == null;
                    if (shift == 0 && !Boolean.TRUE.equals(flip) && !flipReported) {
                        problems.add(new Problem(label, "does nothing: give 'shift', the most pixels an image moves (e.g. 2), 'flip': true, or both"));
                        shape = null;
                        continue;
                    }
                    spec = shift >= 0 && (shift > 0 || Boolean.TRUE.equals(flip)) ? new LayerSpec.Augment(shift, Boolean.TRUE.equals(flip)) : null;
                }
                case "globalavgpool" -> {
                    needsImage = true;
                    spec = new LayerSpec.GlobalAvgPool();
                }
                case "flatten" -> {
                    // a dense layer takes the image's values as they are: a flatten before one, or before the output
                    // layer, is no layer at all (and the zoo's networks stay layer for layer what they were)
                    boolean beforeDense = i + 1 == items.size() || isType(items.get(i + 1), "dense");
                    if (shape != null && spatial && !beforeDense) {
                        specs.add(new LayerSpec.Flatten());
                        rows.add(new Row(at, "", Integer.toString(shape.size()), 0, 0));
                    }
                    if (shape != null) {
                        spatial = false;
                        shape = Shape.vector(shape.size());
                    }
                    continue;
                }
                case "batchnorm" -> {
                    float momentum = settings.number("momentum", LayerSpec.BatchNorm.DEFAULT_MOMENTUM, 0, 1, true);
                    float epsilon = settings.number("epsilon", LayerSpec.BatchNorm.DEFAULT_EPSILON, 0, 1, false);
                    spec = momentum > 0 && epsilon > 0 ? new LayerSpec.BatchNorm(momentum, epsilon) : null;
                }
                case "dropout" -> {
                    float rate = settings.number("rate", null, 0, 1, false);
                    spec = rate > 0 ? new LayerSpec.Dropout(rate) : null;
                }
                case "residual" -> {
                    if (depth >= MAX_DEPTH) {
                        problems.add(new Problem(label, "residual blocks nest at most " + MAX_DEPTH + " deep"));
                        shape = null;
                        continue;
                    }
                    if (!(layer.get("layers") instanceof List<?> body) || body.isEmpty()) {
                        problems.add(new Problem(label, "needs 'layers': the non-empty list of its body's layers, whose output is added to its input"));
                        shape = null;
                        continue;
                    }
                    Boolean projection = settings.bool("projection");
                    List<LayerSpec> bodySpecs = new ArrayList<>();
                    Shape bodyOut = compileList(body, at + ".layers", shape, spatial, depth + 1, bodySpecs, new ArrayList<>(), problems, count);
                    if (bodyOut == null || shape == null) {
                        shape = null;
                        continue;
                    }
                    if (bodySpecs.isEmpty()) {
                        problems.add(new Problem(label, "has a body of flatten only; give it layers that compute"));
                        shape = null;
                        continue;
                    }
                    if (isImage(bodyOut) != isImage(shape) && !(bodyOut.height() == 1 && bodyOut.width() == 1 && shape.height() == 1 && shape.width() == 1)) {
                        problems.add(new Problem(label, "its body turns a " + shape + " input into " + bodyOut + "; a block's body must keep images"
                                + " images (no flatten or globalavgpool inside it)"));
                        shape = null;
                        continue;
                    }
                    int stride = 1;
                    boolean project = projection != null ? projection : !bodyOut.equals(shape);
                    if (project) {
                        stride = projectionStride(shape, bodyOut);
                        if (stride < 1) {
                            problems.add(new Problem(label, "its body turns " + shape + " into " + bodyOut + ", which no 1x1 projection of the input reaches"
                                    + " (the height and width must shrink by the same whole stride)"));
                            shape = null;
                            continue;
                        }
                    } else if (!bodyOut.equals(shape)) {
                        problems.add(new Problem(label, "its body turns " + shape + " into " + bodyOut + ", so its output cannot be added to its input;"
                                + " keep the shape, or leave 'projection' out (or true) for a 1x1 convolution of the input"));
                        shape = null;
                        continue;
                    }
                    spec = new LayerSpec.Residual(bodySpecs, project, stride);
                }
                default -> {
                    // an activation on its own
                    spec = new LayerSpec.Activation(ActivationFunction.valueOf(type.toUpperCase(Locale.ROOT)));
                }
            }
            for (int f = 1; f <= fused; f++) {
                Map<?, ?> next = (Map<?, ?>) items.get(i + f);
                String nextType = ((String) next.get("type")).strip().toLowerCase(Locale.ROOT);
                unknownSettings(next, nextType, path + "[" + (i + f) + "] (" + nextType + ")", problems);
            }
            if (shape == null || spec == null) {
                shape = spec == null ? null : shape;
                i += fused;
                continue;
            }
            if (needsImage && !spatial) {
                problems.add(new Problem(label, "works on images (channels x height x width) but gets a vector of " + shape.size()
                        + (image ? "; it must come before any flatten, globalavgpool or dense layer" : "; this use case's samples are not images")));
                shape = null;
                i += fused;
                continue;
            }
            if (needsVector && spatial) {
                problems.add(new Problem(label, "needs a vector but gets a " + shape + " image; put {\"type\": \"flatten\"} or"
                        + " {\"type\": \"globalavgpool\"} before it"));
                shape = null;
                i += fused;
                continue;
            }
            try {
                Shape next = Layer.of(spec, shape).out;
                specs.add(spec);
                rows.add(new Row(fused == 0 ? at : at + ".." + (i + fused), "", next.toString(), 0, 0));
                if (spec instanceof LayerSpec.GlobalAvgPool) {
                    spatial = false;
                }
                shape = next;
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(label, "cannot take its " + shape + " input: " + e.getMessage()));
                shape = null;
            }
            i += fused;
        }
        return shape;
    }

    private static void unknownSettings(Map<?, ?> layer, String type, String label, List<Problem> problems) {
        for (Object key : layer.keySet()) {
            if (!"type".equals(key) && !TYPES.get(type).contains(key)) {
                problems.add(new Problem(label, "has no setting '" + key + "'; " + type
                        + (TYPES.get(type).isEmpty() ? " takes none" : " takes " + TYPES.get(type).stream().sorted().toList())));
            }
        }
    }

    private static boolean isType(Object item, String type) {
        return item instanceof Map<?, ?> map && map.get("type") instanceof String t && t.strip().equalsIgnoreCase(type);
    }

    private static int sameKernel(int kernel, int stride, String label, List<Problem> problems) {
        if (kernel % 2 == 0) {
            problems.add(new Problem(label, "padding \"same\" needs an odd kernel, got " + kernel + "; give the padding as a number"));
            return -1;
        }
        return (kernel - 1) / 2;
    }

    /** The stride of a 1x1 convolution that takes {@code in} to the height and width of {@code out}, or -1. */
    private static int projectionStride(Shape in, Shape out) {
        for (int s = 1; s <= Math.max(in.height(), in.width()); s++) {
            if ((in.height() - 1) / s + 1 == out.height() && (in.width() - 1) / s + 1 == out.width()) {
                return s;
            }
        }
        return -1;
    }

    /** A layer's settings, read with a problem for each wrong one (answering -1 then). */
    private record Settings(Map<?, ?> layer, String label, List<Problem> problems) {

        int integer(String name, Integer fallback, int min, int max) {
            Object value = layer.get(name);
            if (value == null) {
                if (fallback == null) {
                    problems.add(new Problem(label, "needs '" + name + "', a whole number from " + min + " to " + max));
                    return -1;
                }
                return fallback;
            }
            if (value instanceof BigDecimal number) {
                try {
                    int v = number.intValueExact();
                    if (v >= min && v <= max) {
                        return v;
                    }
                } catch (ArithmeticException e) {
                    // reported below
                }
            }
            problems.add(new Problem(label, "'" + name + "' must be a whole number from " + min + " to " + max + ", got " + show(value)));
            return -1;
        }

        /** A number in (min, max), or (min, max] when {@code maxIncluded}. */
        float number(String name, Float fallback, double min, double max, boolean maxIncluded) {
            Object value = layer.get(name);
            if (value == null) {
                if (fallback == null) {
                    problems.add(new Problem(label, "needs '" + name + "', a number above " + min + " and below " + (maxIncluded ? "or at " : "") + max));
                    return -1;
                }
                return fallback;
            }
            if (value instanceof BigDecimal number) {
                double v = number.doubleValue();
                if (v > min && (v < max || maxIncluded && v == max)) {
                    return (float) v;
                }
            }
            problems.add(new Problem(label, "'" + name + "' must be a number above " + min + " and below " + (maxIncluded ? "or at " : "") + max
                    + ", got " + show(value)));
            return -1;
        }

        Boolean bool(String name) {
            Object value = layer.get(name);
            if (value == null || value instanceof Boolean) {
                return (Boolean) value;
            }
            problems.add(new Problem(label, "'" + name + "' is true or false, got " + show(value)));
            return null;
        }

        private static String show(Object value) {
            String text = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
            return text.length() <= 40 ? text : text.substring(0, 37) + "...";
        }
    }

    /** What an executable layer is, for people: "conv2d 16 5x5, stride 1, padding 2 + relu". */
    public static String describe(LayerSpec spec) {
        if (spec instanceof LayerSpec.Dense d) {
            return "dense " + d.outputs() + (d.relu() ? " + relu" : "") + (d.dropout() > 0f ? " + dropout " + d.dropout() : "");
        }
        if (spec instanceof LayerSpec.Conv2d c) {
            return "conv2d " + c.filters() + " " + c.kernel() + "x" + c.kernel() + ", stride " + c.stride() + ", padding " + c.padding()
                    + (c.relu() ? " + relu" : "");
        }
        if (spec instanceof LayerSpec.MaxPool p) {
            return "maxpool " + p.size() + "x" + p.size();
        }
        if (spec instanceof LayerSpec.AvgPool p) {
            return "avgpool " + p.size() + "x" + p.size();
        }
        if (spec instanceof LayerSpec.GlobalAvgPool) {
            return "globalavgpool";
        }
        if (spec instanceof LayerSpec.Activation a) {
            return a.function().key();
        }
        if (spec instanceof LayerSpec.Dropout d) {
            return "dropout " + d.rate();
        }
        if (spec instanceof LayerSpec.BatchNorm) {
            return "batchnorm";
        }
        if (spec instanceof LayerSpec.Flatten) {
            return "flatten";
        }
        if (spec instanceof LayerSpec.EmbeddingBag e) {
            return "embedding_bag " + e.dimension() + " (at most " + e.entries() + " ids a sample)";
        }
        if (spec instanceof LayerSpec.Augment a) {
            return "augment while training:" + (a.shift() > 0 ? " shifts of up to " + a.shift() + (a.shift() == 1 ? " pixel" : " pixels") : "") + (a.shift() > 0 && a.flip() ? "," : "")
                    + (a.flip() ? " horizontal flips" : "");
        }
        LayerSpec.Residual r = (LayerSpec.Residual) spec;
        return "residual [" + String.join(", ", r.body().stream().map(Architecture::describe).toList()) + "]"
                + (r.projection() ? " + 1x1 projection, stride " + r.projectionStride() : " + input");
    }

    private static Map<String, Set<String>> types() {
        Map<String, Set<String>> types = new LinkedHashMap<>();
        types.put("dense", Set.of("units"));
        types.put("conv2d", Set.of("filters", "kernel", "stride", "padding"));
        types.put("maxpool", Set.of("size"));
        types.put("avgpool", Set.of("size"));
        types.put("globalavgpool", Set.of());
        types.put("flatten", Set.of());
        types.put("batchnorm", Set.of("momentum", "epsilon"));
        types.put("dropout", Set.of("rate"));
        for (ActivationFunction function : ActivationFunction.values()) {
            types.put(function.key(), Set.of());
        }
        types.put("residual", Set.of("layers", "projection"));
        types.put("embedding_bag", Set.of("dimension", "entries"));
        types.put("augment", Set.of("shift", "flip"));
        return java.util.Collections.unmodifiableMap(types);
    }

    /** The text as written. */
    public String text() {
        return text;
    }

    public Shape input() {
        return input;
    }

    /** The executable layers, the output layer last. */
    public List<LayerSpec> layers() {
        return layers;
    }

    /** A row per executable layer, the output layer last. */
    public List<Row> rows() {
        return rows;
    }

    public int parameters() {
        return parameters;
    }

    /** The parameters' and the running statistics' bytes (fp32). */
    public long bytes() {
        return bytes;
    }

    public long inferenceFlopsPerSample() {
        return inferenceFlopsPerSample;
    }

    /** The network, uninitialised. */
    public Network network(Network.Loss loss, Backend backend, int capacity) {
        return new Network(input, layers, loss, backend, capacity);
    }
}
