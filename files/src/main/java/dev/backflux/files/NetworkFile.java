package dev.backflux.files;

import dev.backflux.api.DropoutGradient;
import dev.backflux.api.InputScaling;
import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.Plugin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Saves a trained network as a JSON file and loads it back, every weight to the same bits.
 *
 * <p>The format, version 1 ({@code .json}; UTF-8; fields in this order, none other at the top level):
 * <pre>{@code
 * {
 *   "format": "backflux-network",       always
 *   "version": 1,
 *   "layers": [3, 4, 1],                units of each layer, input first
 *   "activation": {"plugin": "sigmoid", "options": {}},   the activation plugin's id, its options as strings
 *   "learningRate": 1.0,
 *   "seed": 1,                          the run's seed, or null when unknown or the weights were explicit
 *   "step": 59999,                      the step whose weights these are, or null
 *   "weights": [[[...], ...], ...],     syn0, syn1, ...: rows of numbers, each written so it reads back exactly
 *   "dropout": {"rates": [0, 0.5, 0], "gradient": "TEXTBOOK", "seed": 1, "draws": 16432},
 *                                       only for a network with dropout: each layer's rate, the gradient, and
 *                                       where the step left the masks' generator (Network.dropoutStream)
 *   "inputScaling": {"min": [...], "max": [...]},   only for data read with scaling: each input's raw bounds
 *   "metadata": {"library": "...", "dataFingerprint": "sha256:...", "plugins": ["early-stopping"],
 *                "pluginOptions": {"early-stopping": {"patience": "500", ...}}}
 * }
 * }</pre>
 * Loading checks everything and fails with a {@link FileFormatException} naming the file, the place (a line and
 * column for broken JSON, a JSON pointer such as {@code /weights/1/2/0} otherwise), what was expected and what was
 * there: a truncated file, another format or version, a missing field, a shape that does not fit the layers, a
 * value that is not a finite number, an activation no plugin on the class path provides. Writing goes to a
 * temporary file in the same directory, forced to disk, then moved over the target atomically: a crash leaves the
 * old file or the new one, never a part.
 */
public final class NetworkFile {

    /** The {@code format} field's value. */
    public static final String FORMAT = "backflux-network";

    /** The version this class writes and reads. */
    public static final int VERSION = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> FIELDS = Set.of("format", "version", "layers", "activation", "learningRate",
            "seed", "step", "weights", "dropout", "inputScaling", "metadata");

    private NetworkFile() {
    }

    /**
     * Saves a step's network: its weights after the step's update, the step's index and learning rate, its
     * activation's plugin and options. A step alone knows no run: no seed, no data fingerprint, no dropout (its
     * rates belong to the run's network), and no input scaling (it belongs to the data, such as
     * {@code CsvReader.Builder.scale()}'s); save with {@link #write(TrainingStep, Training, Path)} to resume a
     * dropout network exactly, and so that {@link SavedNetwork#trained()} scales raw inputs as the data was.
     *
     * @param step the step, such as a run's last
     * @param file the file to write, usually {@code *.json}; replaced atomically
     * @throws IllegalArgumentException if the network's activation came from no plugin (set with
     *                                  {@code Network.Builder.activation(...)}), so that it could not be loaded
     * @throws IOException if the file cannot be written
     */
    public static void write(TrainingStep step, Path file) throws IOException {
        Objects.requireNonNull(step, "step");
        write(json(step, null, null, null, Map.of(), null), Objects.requireNonNull(file, "file"));
    }

    /**
     * Saves a step's network with what its run knows: the seed, the dropout (rates, gradient, and where the step
     * left the masks' generator), the plugin ids, and a fingerprint of the data.
     *
     * @param step the step
     * @param training the run it came from
     * @param file the file to write; replaced atomically
     * @throws IllegalArgumentException if the network's activation came from no plugin
     * @throws IOException if the file cannot be written
     */
    public static void write(TrainingStep step, Training training, Path file) throws IOException {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(training, "training");
        write(json(step, training.network(), fingerprint(training.data()), training.plugins(),
                training.pluginOptions(), training.data().inputScaling().orElse(null)),
                Objects.requireNonNull(file, "file"));
    }

    /**
     * Loads a saved network, checking everything.
     *
     * @param file the file
     * @return the network, never {@code null}
     * @throws FileFormatException if the file is not a valid version-1 network file, naming the place and problem
     * @throws IOException if it cannot be read
     */
    public static SavedNetwork read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String place = at == null ? "in its JSON" : "at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new FileFormatException(file.toString(), place, "expected a JSON network file, actual "
                    + (e.getOriginalMessage().contains("end-of-input") ? "the end of the file (truncated): " : "")
                    + e.getOriginalMessage());
        }
        return new Reader(file.toString()).read(root);
    }

    /** Saves a step of a run of {@code network} whose data has {@code fingerprint}; for the checkpoint plugin. */
    static void write(TrainingStep step, Network network, String fingerprint, List<String> plugins,
            InputScaling scaling, Path file) throws IOException {
        write(json(step, network, fingerprint, plugins, Map.of(), scaling), file);
    }

    /**
     * The file's JSON; {@code trained} (the run's network: seed and dropout), {@code fingerprint} and {@code plugins}
     * may be null when unknown.
     */
    private static ObjectNode json(TrainingStep step, Network trained, String fingerprint, List<String> plugins,
            Map<String, Map<String, String>> pluginOptions, InputScaling scaling) {
        TrainedNetwork network = step.network();
        String plugin = network.activationPlugin().orElseThrow(() -> new IllegalArgumentException(
                "step: expected a network whose activation came from a plugin (its id is saved), actual "
                        + network.activation() + ", set on the network itself"));
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode layers = root.putArray("layers");
        for (int size : network.layerSizes()) {
            layers.add(size);
        }
        ObjectNode activation = root.putObject("activation");
        activation.put("plugin", plugin);
        ObjectNode options = activation.putObject("options");
        network.activationOptions().forEach(options::put);
        root.put("learningRate", step.learningRate());
        if (trained != null && trained.seed().isPresent()) {
            root.put("seed", trained.seed().getAsLong());
        } else {
            root.putNull("seed");
        }
        root.put("step", step.step());
        ArrayNode weights = root.putArray("weights");
        for (Matrix matrix : network.weights()) {
            if (!finite(matrix)) {
                throw new IllegalArgumentException("step: expected finite weights, actual a NaN or infinite value in"
                        + " syn" + (weights.size()));
            }
            ArrayNode rows = weights.addArray();
            for (double[] row : matrix.toArray()) {
                ArrayNode values = rows.addArray();
                for (double value : row) {
                    values.add(value);
                }
            }
        }
        if (trained != null && trained.hasDropout()) {
            ObjectNode dropout = root.putObject("dropout");
            ArrayNode rates = dropout.putArray("rates");
            for (int layer = 0; layer < trained.layerSizes().length; layer++) {
                rates.add(trained.dropout(layer));
            }
            dropout.put("gradient", trained.dropoutGradient().name());
            dropout.put("seed", trained.dropoutSeed());
            dropout.put("draws", step.dropoutDraws().orElseThrow(() -> new IllegalArgumentException(
                    "step: expected a step of a run with dropout (it says where the masks' generator is), actual a"
                            + " step without")));
        }
        if (scaling != null) {
            ObjectNode bounds = root.putObject("inputScaling");
            ArrayNode min = bounds.putArray("min");
            ArrayNode max = bounds.putArray("max");
            for (int j = 0; j < scaling.columns(); j++) {
                min.add(scaling.min()[j]);
                max.add(scaling.max()[j]);
            }
        }
        ObjectNode metadata = root.putObject("metadata");
        String version = NetworkFile.class.getPackage().getImplementationVersion();
        metadata.put("library", "backflux " + (version == null ? "(development build)" : version));
        if (fingerprint != null) {
            metadata.put("dataFingerprint", fingerprint);
        }
        if (plugins != null) {
            ArrayNode names = metadata.putArray("plugins");
            plugins.forEach(names::add);
        }
        if (!pluginOptions.isEmpty()) {
            ObjectNode byPlugin = metadata.putObject("pluginOptions");
            pluginOptions.forEach((id, values) -> {
                ObjectNode named = byPlugin.putObject(id);
                values.forEach(named::put);
            });
        }
        return root;
    }

    private static boolean finite(Matrix matrix) {
        for (double value : matrix.toRowMajorArray()) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 of the data's shapes and doubles (inputs then targets, row-major, as raw bits). */
    static String fingerprint(TrainingData data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Matrix matrix : List.of(data.inputs(), data.targets())) {
                double[] values = matrix.toRowMajorArray();
                ByteBuffer bytes = ByteBuffer.allocate(8 + values.length * Double.BYTES);
                bytes.putInt(matrix.rows()).putInt(matrix.columns());
                for (double value : values) {
                    bytes.putLong(Double.doubleToRawLongBits(value));
                }
                digest.update(bytes.array());
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256, which every JDK has, is missing", e);
        }
    }

    private static void write(ObjectNode root, Path file) throws IOException {
        byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        Path directory = file.toAbsolutePath().getParent();
        // Not Files.createTempFile, whose file only its owner may read (0600): created as any new file, the
        // umask decides, and an older file's permissions carry over to the one that replaces it.
        Path temporary = directory.resolve("." + file.getFileName() + Long.toUnsignedString(
                java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (Files.exists(file) && Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(file));
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Checks a parsed file field by field, naming each place by its JSON pointer. */
    private static final class Reader {

        private final String source;

        Reader(String source) {
            this.source = source;
        }

        SavedNetwork read(JsonNode root) throws FileFormatException {
            if (root == null || !root.isObject()) {
                throw bad("/", "a JSON object", root == null ? "nothing" : kind(root));
            }
            for (Iterator<String> names = root.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    throw bad("/" + name, "one of the fields " + new TreeSet<>(FIELDS), "the field '" + name + "'");
                }
            }
            JsonNode format = required(root, "format");
            if (!format.isString() || !format.asString().equals(FORMAT)) {
                throw bad("/format", "\"" + FORMAT + "\"", kind(format));
            }
            JsonNode version = required(root, "version");
            if (!version.isIntegralNumber() || version.asLong() != VERSION) {
                throw bad("/version", VERSION + " (this Backflux reads version " + VERSION + ")", kind(version));
            }
            int[] layers = layers(required(root, "layers"));
            JsonNode activation = required(root, "activation");
            if (!activation.isObject()) {
                throw bad("/activation", "an object with plugin and options", kind(activation));
            }
            JsonNode pluginNode = required(activation, "plugin", "/activation/plugin");
            Map<String, String> options = options(required(activation, "options", "/activation/options"));
            Plugin plugin = plugin(pluginNode);
            dev.backflux.api.Activation function;
            try {
                function = SavedNetwork.activation(plugin, options);
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(source, "at /activation/options", e.getMessage());
            }
            double learningRate = number(required(root, "learningRate"), "/learningRate");
            if (learningRate < 0) {
                throw bad("/learningRate", "a finite number at least 0", Double.toString(learningRate));
            }
            Long seed = optionalInteger(required(root, "seed"), "/seed", 0, Network.MAX_SEED);
            Long step = optionalInteger(required(root, "step"), "/step", 0, Long.MAX_VALUE);
            List<Matrix> weights = weights(required(root, "weights"), layers);
            SavedNetwork.Dropout dropout = dropout(root.get("dropout"), layers);
            InputScaling scaling = scaling(root.get("inputScaling"), layers[0]);
            Map<String, Object> metadata = new LinkedHashMap<>();
            JsonNode meta = root.get("metadata");
            if (meta != null && !meta.isNull()) {
                if (!meta.isObject()) {
                    throw bad("/metadata", "an object", kind(meta));
                }
                for (Map.Entry<String, JsonNode> entry : meta.properties()) {
                    metadata.put(entry.getKey(), MAPPER.convertValue(entry.getValue(), Object.class));
                }
            }
            return new SavedNetwork(layers, pluginNode.asString(), options, function, learningRate, seed, step,
                    weights, dropout, scaling, metadata);
        }

        private InputScaling scaling(JsonNode node, int inputs) throws FileFormatException {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject() || node.size() != 2) {
                throw bad("/inputScaling", "an object with min and max", kind(node));
            }
            double[][] bounds = new double[2][];
            String[] names = {"min", "max"};
            for (int b = 0; b < 2; b++) {
                String at = "/inputScaling/" + names[b];
                JsonNode values = required(node, names[b], at);
                if (!values.isArray() || values.size() != inputs) {
                    throw bad(at, "an array of " + inputs + " numbers, one per input", kind(values));
                }
                bounds[b] = new double[inputs];
                for (int j = 0; j < inputs; j++) {
                    bounds[b][j] = number(values.get(j), at + "/" + j);
                }
            }
            for (int j = 0; j < inputs; j++) {
                if (bounds[1][j] < bounds[0][j]) {
                    throw bad("/inputScaling/max/" + j, "at least min " + bounds[0][j], Double.toString(bounds[1][j]));
                }
            }
            return InputScaling.of(bounds[0], bounds[1]);
        }

        private SavedNetwork.Dropout dropout(JsonNode node, int[] layers) throws FileFormatException {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                throw bad("/dropout", "an object with rates, gradient, seed and draws", kind(node));
            }
            for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                if (!Set.of("rates", "gradient", "seed", "draws").contains(name)) {
                    throw bad("/dropout/" + name, "one of the fields [draws, gradient, rates, seed]",
                            "the field '" + name + "'");
                }
            }
            JsonNode ratesNode = required(node, "rates", "/dropout/rates");
            if (!ratesNode.isArray() || ratesNode.size() != layers.length) {
                throw bad("/dropout/rates", "an array of " + layers.length + " rates, one per layer", kind(ratesNode));
            }
            double[] rates = new double[layers.length];
            for (int layer = 0; layer < layers.length; layer++) {
                String at = "/dropout/rates/" + layer;
                double rate = number(ratesNode.get(layer), at);
                boolean hidden = layer > 0 && layer < layers.length - 1;
                if (!(rate >= 0 && rate < 1) || (!hidden && rate != 0)) {
                    throw bad(at, hidden ? "a rate in [0, 1)" : "0 (only hidden layers drop units)",
                            Double.toString(rate));
                }
                rates[layer] = rate;
            }
            JsonNode gradientNode = required(node, "gradient", "/dropout/gradient");
            DropoutGradient gradient = null;
            for (DropoutGradient candidate : DropoutGradient.values()) {
                if (gradientNode.isString() && candidate.name().equals(gradientNode.asString())) {
                    gradient = candidate;
                }
            }
            if (gradient == null) {
                throw bad("/dropout/gradient", "one of " + Arrays.toString(DropoutGradient.values()), kind(gradientNode));
            }
            Long seed = optionalInteger(required(node, "seed", "/dropout/seed"), "/dropout/seed", 0, Network.MAX_SEED);
            Long draws = optionalInteger(required(node, "draws", "/dropout/draws"), "/dropout/draws", 0,
                    Long.MAX_VALUE);
            if (seed == null || draws == null) {
                throw bad(seed == null ? "/dropout/seed" : "/dropout/draws", "an integer", "null");
            }
            return new SavedNetwork.Dropout(rates, gradient, seed, draws);
        }

        private int[] layers(JsonNode node) throws FileFormatException {
            if (!node.isArray() || node.size() < 2) {
                throw bad("/layers", "an array of at least 2 layer sizes", kind(node));
            }
            int[] layers = new int[node.size()];
            for (int i = 0; i < layers.length; i++) {
                JsonNode size = node.get(i);
                if (!size.isIntegralNumber() || !size.canConvertToInt() || size.asInt() < 1) {
                    throw bad("/layers/" + i, "a layer size, an integer at least 1", kind(size));
                }
                layers[i] = size.asInt();
            }
            return layers;
        }

        private Map<String, String> options(JsonNode node) throws FileFormatException {
            if (!node.isObject()) {
                throw bad("/activation/options", "an object of option names to strings", kind(node));
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (!entry.getValue().isString()) {
                    throw bad("/activation/options/" + entry.getKey(), "a string", kind(entry.getValue()));
                }
                options.put(entry.getKey(), entry.getValue().asString());
            }
            return options;
        }

        private Plugin plugin(JsonNode node) throws FileFormatException {
            List<String> activations = new ArrayList<>();
            for (Plugin plugin : Trainer.plugins()) {
                if (plugin instanceof ActivationPlugin) {
                    activations.add(plugin.id());
                    if (node.isString() && plugin.id().equals(node.asString())) {
                        return plugin;
                    }
                }
            }
            throw bad("/activation/plugin", "the id of an activation plugin on the class path, one of "
                    + new TreeSet<>(activations), kind(node));
        }

        private List<Matrix> weights(JsonNode node, int[] layers) throws FileFormatException {
            if (!node.isArray() || node.size() != layers.length - 1) {
                throw bad("/weights", (layers.length - 1) + " weight matrices for layers "
                        + java.util.Arrays.toString(layers), node.isArray() ? node.size() + " matrices" : kind(node));
            }
            List<Matrix> weights = new ArrayList<>();
            for (int k = 0; k < node.size(); k++) {
                JsonNode rows = node.get(k);
                String at = "/weights/" + k;
                if (!rows.isArray() || rows.size() != layers[k]) {
                    throw bad(at, layers[k] + " rows (syn" + k + " is " + layers[k] + "x" + layers[k + 1] + ")",
                            rows.isArray() ? rows.size() + " rows" : kind(rows));
                }
                double[][] values = new double[layers[k]][layers[k + 1]];
                for (int r = 0; r < values.length; r++) {
                    JsonNode row = rows.get(r);
                    if (!row.isArray() || row.size() != layers[k + 1]) {
                        throw bad(at + "/" + r, layers[k + 1] + " numbers (syn" + k + " is " + layers[k] + "x"
                                + layers[k + 1] + ")", row.isArray() ? row.size() + " numbers" : kind(row));
                    }
                    for (int c = 0; c < values[r].length; c++) {
                        values[r][c] = number(row.get(c), at + "/" + r + "/" + c);
                    }
                }
                weights.add(Matrix.of(values));
            }
            return weights;
        }

        private double number(JsonNode node, String at) throws FileFormatException {
            if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
                throw bad(at, "a finite number", kind(node));
            }
            return node.asDouble();
        }

        private Long optionalInteger(JsonNode node, String at, long min, long max) throws FileFormatException {
            if (node.isNull()) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
                throw bad(at, "null or an integer from " + min + " to " + max, kind(node));
            }
            return node.asLong();
        }

        private JsonNode required(JsonNode object, String field) throws FileFormatException {
            return required(object, field, "/" + field);
        }

        private JsonNode required(JsonNode object, String field, String at) throws FileFormatException {
            JsonNode node = object.get(field);
            if (node == null) {
                throw bad(at, "the field '" + field + "'", "none");
            }
            return node;
        }

        private FileFormatException bad(String at, String expected, String actual) {
            return new FileFormatException(source, "at " + at, "expected " + expected + ", actual " + actual);
        }

        private static String kind(JsonNode node) {
            String text = node.toString();
            String type = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            return text.length() <= 40 ? type + " " + text : type;
        }
    }
}
