package dev.backflux.cluster;

import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON form of a {@link RunSpec}, format {@code backflux-run} version 1: see {@link RunSpec#toJson()}. */
final class RunSpecJson {

    static final String FORMAT = "backflux-run";
    static final int VERSION = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> FIELDS = new HashSet<>(RunSpec.fieldOrder());

    private RunSpecJson() {
    }

    static String write(RunSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        spec.name().ifPresent(name -> root.put("name", name));
        ArrayNode layers = root.putArray("layers");
        for (int size : spec.layerSizes()) {
            layers.add(size);
        }
        root.put("learningRate", spec.learningRate());
        root.put("seed", spec.seed());
        root.put("steps", spec.steps());
        root.put("activation", spec.activation());
        if (!spec.plugins().isEmpty()) {
            ObjectNode plugins = root.putObject("plugins");
            spec.plugins().forEach((id, options) -> {
                ObjectNode values = plugins.putObject(id);
                options.forEach(values::put);
            });
        }
        ObjectNode data = root.putObject("data");
        if (spec.dataFile().isPresent()) {
            data.put("file", spec.dataFile().get());
            data.put("sha256", spec.dataSha256().orElseThrow());
            return MAPPER.writeValueAsString(root);
        }
        TrainingData training = spec.data();
        matrix(data.putArray("inputs"), training.inputs());
        matrix(data.putArray("targets"), training.targets());
        if (training.hasValidation()) {
            ObjectNode validation = data.putObject("validation");
            matrix(validation.putArray("inputs"), training.validationInputs().orElseThrow());
            matrix(validation.putArray("targets"), training.validationTargets().orElseThrow());
        }
        return MAPPER.writeValueAsString(root);
    }

    private static void matrix(ArrayNode rows, Matrix matrix) {
        for (int r = 0; r < matrix.rows(); r++) {
            ArrayNode row = rows.addArray();
            for (double value : matrix.row(r)) {
                row.add(value);
            }
        }
    }

    static RunSpec read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new RunSpecException("json", "a JSON object", "text that is not JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new RunSpecException("json", "a JSON object", root == null ? "nothing" : kind(root));
        }
        for (String field : root.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new RunSpecException(field, "one of the fields " + new TreeSet<>(FIELDS), "'" + field + "'");
            }
        }
        JsonNode format = root.get("format");
        if (format != null && !(format.isString() && format.asString().equals(FORMAT))) {
            throw new RunSpecException("format", "\"" + FORMAT + "\"", kind(format));
        }
        JsonNode version = root.get("version");
        if (version != null && !(version.isIntegralNumber() && version.asLong() == VERSION)) {
            throw new RunSpecException("version", String.valueOf(VERSION), kind(version));
        }
        RunSpec.Builder builder = RunSpec.builder();
        JsonNode name = root.get("name");
        if (name != null) {
            if (!name.isString()) {
                throw new RunSpecException("name", "a string", kind(name));
            }
            builder.name(name.asString());
        }
        builder.layerSizes(layers(root.get("layers")));
        JsonNode rate = root.get("learningRate");
        if (rate != null) {
            if (!rate.isNumber()) {
                throw new RunSpecException("learningRate", "a finite number, at least 0", kind(rate));
            }
            builder.learningRate(rate.asDouble());
        }
        JsonNode seed = root.get("seed");
        if (seed != null) {
            builder.seed(integer(seed, "seed", 0, Network.MAX_SEED));
        }
        JsonNode steps = root.get("steps");
        if (steps == null) {
            throw new RunSpecException("steps", "an integer, at least 1", "nothing");
        }
        builder.steps(integer(steps, "steps", 1, Long.MAX_VALUE));
        JsonNode activation = root.get("activation");
        if (activation != null) {
            if (!activation.isString()) {
                throw new RunSpecException("activation", "an activation plugin's id", kind(activation));
            }
            builder.activation(activation.asString());
        }
        JsonNode plugins = root.get("plugins");
        if (plugins != null) {
            if (!plugins.isObject()) {
                throw new RunSpecException("plugins", "an object of plugin ids to their options", kind(plugins));
            }
            for (Map.Entry<String, JsonNode> plugin : plugins.properties()) {
                String field = "plugins." + plugin.getKey();
                JsonNode options = plugin.getValue();
                if (!options.isObject()) {
                    throw new RunSpecException(field, "an object of option names to values", kind(options));
                }
                Map<String, String> values = new java.util.LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> option : options.properties()) {
                    JsonNode value = option.getValue();
                    if (!value.isValueNode() || value.isNull()) {
                        throw new RunSpecException(field + "." + option.getKey(), "a string, number or boolean",
                                kind(value));
                    }
                    values.put(option.getKey(), value.asString());
                }
                builder.plugin(plugin.getKey(), values);
            }
        }
        JsonNode data = root.get("data");
        if (data != null && data.isObject() && data.has("file")) {
            for (String field : data.propertyNames()) {
                if (!Set.of("file", "sha256").contains(field)) {
                    throw new RunSpecException("data." + field, "one of the fields [file, sha256] beside file",
                            "'" + field + "'");
                }
            }
            JsonNode file = data.get("file");
            JsonNode sha256 = data.get("sha256");
            if (!file.isString() || file.asString().isBlank()) {
                throw new RunSpecException("data.file", "the path of a data file", kind(file));
            }
            if (sha256 == null || !sha256.isString() || !sha256.asString().matches("[0-9a-f]{64}")) {
                throw new RunSpecException("data.sha256", "the SHA-256 of the file's bytes, 64 lower-case hexadecimal"
                        + " digits", sha256 == null ? "nothing" : kind(sha256));
            }
            builder.dataFile(file.asString(), sha256.asString());
        } else {
            builder.data(data(data));
        }
        return builder.build();
    }

    private static int[] layers(JsonNode node) {
        if (node == null || !node.isArray() || node.size() < 2) {
            throw new RunSpecException("layers", "an array of at least two layer sizes",
                    node == null ? "nothing" : kind(node));
        }
        int[] layers = new int[node.size()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = (int) integer(node.get(i), "layers[" + i + "]", 1, Integer.MAX_VALUE);
        }
        return layers;
    }

    private static long integer(JsonNode node, String field, long min, long max) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            String expected = max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                    ? (min == 1 ? "a positive integer" : "an integer, at least " + min)
                    : "an integer from " + min + " to " + max;
            throw new RunSpecException(field, expected, node.isNumber() ? node.toString() : kind(node));
        }
        return node.asLong();
    }

    private static TrainingData data(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new RunSpecException("data", "an object with inputs and targets",
                    node == null ? "nothing" : kind(node));
        }
        for (String name : node.propertyNames()) {
            if (!Set.of("inputs", "targets", "validation").contains(name)) {
                throw new RunSpecException("data." + name, "one of the fields [inputs, targets, validation]",
                        "'" + name + "'");
            }
        }
        double[][] inputs = matrix(node.get("inputs"), "data.inputs");
        double[][] targets = matrix(node.get("targets"), "data.targets");
        rows("data.targets", inputs, targets);
        TrainingData data = TrainingData.of(inputs, targets);
        JsonNode validation = node.get("validation");
        if (validation != null) {
            if (!validation.isObject()) {
                throw new RunSpecException("data.validation", "an object with inputs and targets", kind(validation));
            }
            for (String name : validation.propertyNames()) {
                if (!Set.of("inputs", "targets").contains(name)) {
                    throw new RunSpecException("data.validation." + name, "one of the fields [inputs, targets]",
                            "'" + name + "'");
                }
            }
            double[][] validationInputs = matrix(validation.get("inputs"), "data.validation.inputs");
            double[][] validationTargets = matrix(validation.get("targets"), "data.validation.targets");
            rows("data.validation.targets", validationInputs, validationTargets);
            data = data.withValidation(validationInputs, validationTargets);
        }
        return data;
    }

    /** Data read from a file, with the SHA-256 of the file's bytes. */
    record DataFile(TrainingData data, String sha256) {
    }

    /** Reads a data file (blocking I/O), checking its hash when {@code sha256} is given. */
    static DataFile readDataFile(String file, String sha256) {
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(file));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            throw new RunSpecException("data.file", "a data file this JVM can read", "'" + file + "' ("
                    + e + ")");
        }
        String actual;
        try {
            actual = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        if (sha256 != null && !sha256.equals(actual)) {
            throw new RunSpecException("data.sha256", sha256 + ", the hash of the file the spec was made from",
                    actual + ", the hash of '" + file + "' now");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new RunSpecException("data.file", "a JSON file of inputs and targets", "'" + file
                    + "', which is not JSON (" + e.getOriginalMessage() + ")");
        }
        try {
            return new DataFile(data(node), actual);
        } catch (RunSpecException e) {
            throw new RunSpecException("data.file", "a JSON file of inputs and targets", "'" + file + "', whose "
                    + e.getMessage());
        }
    }

    private static void rows(String field, double[][] inputs, double[][] targets) {
        if (inputs.length != targets.length) {
            throw new RunSpecException(field, inputs.length + " rows, one per example of the inputs",
                    targets.length + " rows");
        }
    }

    private static double[][] matrix(JsonNode node, String field) {
        String expected = "a non-empty array of rows of the same number of finite numbers";
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new RunSpecException(field, expected, node == null ? "nothing" : kind(node));
        }
        double[][] rows = new double[node.size()][];
        for (int r = 0; r < rows.length; r++) {
            JsonNode row = node.get(r);
            if (!row.isArray() || row.isEmpty() || (r > 0 && row.size() != rows[0].length)) {
                throw new RunSpecException(field + "[" + r + "]", r == 0 ? "a non-empty array of numbers"
                        : "an array of " + rows[0].length + " numbers",
                        row.isArray() ? row.size() + " elements" : kind(row));
            }
            rows[r] = new double[row.size()];
            for (int c = 0; c < rows[r].length; c++) {
                JsonNode value = row.get(c);
                if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                    throw new RunSpecException(field + "[" + r + "][" + c + "]", "a finite number", kind(value));
                }
                rows[r][c] = value.asDouble();
            }
        }
        return rows;
    }

    /** How a JSON value is described in a message: its type and, for short values, the value. */
    static String kind(JsonNode node) {
        String text = node.toString();
        String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
        return text.length() <= 40 ? type + " " + text : type;
    }
}
