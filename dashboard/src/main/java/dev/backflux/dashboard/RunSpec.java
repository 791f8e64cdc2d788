package dev.backflux.dashboard;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.Plugin;
import dev.backflux.api.spi.PluginOptions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * A run started over HTTP, read from its JSON spec and checked against the dashboard's limits before anything
 * is built: every refusal names the field, the expected and the actual value.
 *
 * <pre>{@code
 * {"name": "xor", "layers": [3, 4, 1], "learningRate": 1.0, "seed": 1, "steps": 60000,
 *  "activation": "sigmoid", "plugins": {"early-stopping": {"target": 0.01}},
 *  "data": "xor"}             // or "copy-first", or {"inputs": [[0, 0, 1], ...], "targets": [[0], ...]}
 * }</pre>
 */
record RunSpec(String name, int[] layers, double learningRate, long seed, long steps, String activation,
        Map<String, Map<String, String>> plugins, String dataName, TrainingData data) {

    static final Set<String> FIELDS = Set.of("name", "layers", "learningRate", "seed", "steps", "activation",
            "plugins", "data");
    static final int MAX_LAYERS = 10;
    static final int MAX_NAME = 100;

    /** Reads and checks a spec; the plugins it names must be on the class path and allowed over HTTP. */
    static RunSpec read(JsonNode spec, DashboardLimits limits, Map<String, Plugin> available,
            Set<String> allowedPlugins) {
        if (spec == null || !spec.isObject()) {
            throw ApiException.badField("body", "a JSON object", spec == null ? "nothing" : kind(spec));
        }
        for (Iterator<String> names = spec.propertyNames().iterator(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw ApiException.badField(field, "one of the fields " + new TreeSet<>(FIELDS), "'" + field + "'");
            }
        }
        String name = text(spec, "name", null);
        if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
            throw ApiException.badField("name", "1 to " + MAX_NAME + " characters", name.length() + " characters");
        }
        int[] layers = layers(spec.get("layers"), limits);
        double learningRate = number(spec, "learningRate", Network.DEFAULT_LEARNING_RATE);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw ApiException.badField("learningRate", "a positive finite number", learningRate);
        }
        long seed = integer(spec, "seed", Network.DEFAULT_SEED, 0, Network.MAX_SEED);
        long steps = integer(spec, "steps", null, 1, limits.maxSteps());
        String activation = text(spec, "activation", "sigmoid");
        Plugin activationPlugin = available.get(activation);
        if (!(activationPlugin instanceof ActivationPlugin)) {
            throw ApiException.badField("activation", "an activation plugin, one of " + ids(available, true),
                    "'" + activation + "'");
        }
        allowed("activation", activation, allowedPlugins);
        Map<String, Map<String, String>> plugins = plugins(spec.get("plugins"), available, allowedPlugins);
        JsonNode dataNode = spec.get("data");
        String dataName;
        TrainingData data;
        if (dataNode == null || dataNode.isString()) {
            dataName = dataNode == null ? TutorialSets.XOR : dataNode.asString();
            data = TutorialSets.named(dataName);
        } else if (dataNode.isObject()) {
            dataName = "inline";
            data = InlineData.read(dataNode, limits.maxExamples());
        } else {
            throw ApiException.badField("data", "a data set's name " + TutorialSets.NAMES
                    + " or an object with inputs and targets", kind(dataNode));
        }
        if (data.inputs().columns() != layers[0]) {
            throw ApiException.badField("layers", "an input layer of " + data.inputs().columns()
                    + " units, as the data has", layers[0]);
        }
        if (data.targets().columns() != layers[layers.length - 1]) {
            throw ApiException.badField("layers", "an output layer of " + data.targets().columns()
                    + " units, as the data's targets have", layers[layers.length - 1]);
        }
        return new RunSpec(name, layers, learningRate, seed, steps, activation, plugins, dataName, data);
    }

    /** Builds the run: only the plugins the spec names, never those of the JVM's system properties. */
    Training training() {
        Network network = Network.builder().layerSizes(layers).learningRate(learningRate).seed(seed).build();
        Training.Builder builder = Trainer.training(network, data).steps(steps).configuration(Map.of());
        if (!activation.equals("sigmoid")) {
            builder.plugin(activation);
        }
        plugins.forEach(builder::plugin);
        return builder.build();
    }

    private static int[] layers(JsonNode node, DashboardLimits limits) {
        String expected = "an array of 2 to " + MAX_LAYERS + " layer sizes, each 1 to " + limits.maxUnits();
        if (node == null || !node.isArray() || node.size() < 2 || node.size() > MAX_LAYERS) {
            throw ApiException.badField("layers", expected, node == null ? "nothing" : node.toString());
        }
        int[] layers = new int[node.size()];
        long weights = 0;
        for (int i = 0; i < layers.length; i++) {
            JsonNode size = node.get(i);
            if (!size.canConvertToInt() || !size.isIntegralNumber() || size.asInt() < 1
                    || size.asInt() > limits.maxUnits()) {
                throw ApiException.badField("layers[" + i + "]", "an integer from 1 to " + limits.maxUnits(),
                        size.toString());
            }
            layers[i] = size.asInt();
            if (i > 0) {
                weights += (long) layers[i - 1] * layers[i];
            }
        }
        if (weights > limits.maxWeights()) {
            throw ApiException.badField("layers", "a network of at most " + limits.maxWeights() + " weights",
                    weights + " weights");
        }
        return layers;
    }

    private static Map<String, Map<String, String>> plugins(JsonNode node, Map<String, Plugin> available,
            Set<String> allowedPlugins) {
        Map<String, Map<String, String>> plugins = new LinkedHashMap<>();
        if (node == null) {
            return plugins;
        }
        if (!node.isObject()) {
            throw ApiException.badField("plugins", "an object of plugin ids to their options", kind(node));
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String id = entry.getKey();
            String field = "plugins." + id;
            Plugin plugin = available.get(id);
            if (plugin == null) {
                throw ApiException.badField(field, "a plugin id, one of " + ids(available, false), "'" + id + "'");
            }
            if (plugin instanceof ActivationPlugin) {
                throw ApiException.badField(field, "a plugin that is not an activation (choose it with"
                        + " \"activation\")", "the activation '" + id + "'");
            }
            allowed(field, id, allowedPlugins);
            JsonNode options = entry.getValue();
            if (!options.isObject()) {
                throw ApiException.badField(field, "an object of option names to values", kind(options));
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> option : options.properties()) {
                JsonNode value = option.getValue();
                if (!value.isValueNode() || value.isNull()) {
                    throw ApiException.badField(field + "." + option.getKey(), "a string, number or boolean",
                            kind(value));
                }
                values.put(option.getKey(), value.asString());
                try {
                    PluginOptions.of(plugin, Map.of(option.getKey(), value.asString()));
                } catch (IllegalArgumentException e) {
                    throw new ApiException(io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST,
                            field + "." + option.getKey(), e.getMessage());
                }
            }
            plugins.put(id, values);
        }
        return plugins;
    }

    private static void allowed(String field, String id, Set<String> allowedPlugins) {
        if (!allowedPlugins.contains(id)) {
            throw new ApiException(io.netty.handler.codec.http.HttpResponseStatus.FORBIDDEN, field,
                    field + ": expected a plugin allowed over HTTP, one of " + new TreeSet<>(allowedPlugins)
                            + ", actual '" + id + "' (plugins that write files or run your own code are allowed"
                            + " only by the application that embeds the dashboard)");
        }
    }

    private static Set<String> ids(Map<String, Plugin> available, boolean activations) {
        Set<String> ids = new TreeSet<>();
        available.forEach((id, plugin) -> {
            if ((plugin instanceof ActivationPlugin) == activations) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static String text(JsonNode spec, String field, String otherwise) {
        JsonNode node = spec.get(field);
        if (node == null) {
            return otherwise;
        }
        if (!node.isString()) {
            throw ApiException.badField(field, "a string", kind(node));
        }
        return node.asString();
    }

    private static double number(JsonNode spec, String field, double otherwise) {
        JsonNode node = spec.get(field);
        if (node == null) {
            return otherwise;
        }
        if (!node.isNumber()) {
            throw ApiException.badField(field, "a number", kind(node));
        }
        return node.asDouble();
    }

    private static long integer(JsonNode spec, String field, Long otherwise, long min, long max) {
        JsonNode node = spec.get(field);
        if (node == null && otherwise != null) {
            return otherwise;
        }
        String expected = "an integer from " + min + " to " + max;
        if (node == null) {
            throw ApiException.badField(field, expected, "nothing");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            throw ApiException.badField(field, expected, node.isNumber() ? node.toString() : kind(node));
        }
        return node.asLong();
    }

    /** How a JSON value is described in a message: its type and, for short values, the value. */
    static String kind(JsonNode node) {
        String text = node.toString();
        String type = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return text.length() <= 40 ? type + " " + text : type;
    }
}
