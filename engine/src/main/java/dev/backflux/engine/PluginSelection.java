package dev.backflux.engine;

import dev.backflux.api.Activation;
import dev.backflux.api.DropoutGradient;
import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import dev.backflux.api.Training;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.Plugin;
import dev.backflux.api.spi.PluginOptions;
import dev.backflux.api.spi.StepPlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import dev.backflux.api.spi.TrainingRequest;
import dev.backflux.engine.kernels.MatrixKernels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins a run uses, resolved at assembly from what code selected and what the configuration's
 * {@code backflux.*} keys add: every id known, every option checked.
 */
final class PluginSelection {

    private static final String PREFIX = "backflux.";
    private static final Logger LOG = LoggerFactory.getLogger(PluginSelection.class);
    /** The system properties already reported as ignored: each is logged once per JVM, not at every run. */
    private static final java.util.Set<String> IGNORED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A step plugin with its options for a run. */
    static final class Configured {
        final StepPlugin plugin;
        final PluginOptions options;

        Configured(StepPlugin plugin, PluginOptions options) {
            this.plugin = plugin;
            this.options = options;
        }
    }

    final List<Configured> stepPlugins;
    /** The network as the run trains it: with the activation an activation plugin supplies. */
    final Network network;
    final List<String> ids;

    /** Where the run's activation came from, or null for one set on the network itself. */
    final ActivationSource activationSource;

    private PluginSelection(List<Configured> stepPlugins, Network network, List<String> ids,
            ActivationSource activationSource) {
        this.stepPlugins = List.copyOf(stepPlugins);
        this.network = network;
        this.ids = List.copyOf(ids);
        this.activationSource = activationSource;
    }

    /**
     * Resolves the selection.
     *
     * @throws IllegalArgumentException naming the unknown id (with the available ones), the configuration key,
     *                                  or the plugin, option and accepted values
     */
    static PluginSelection resolve(PluginRegistry discovered, TrainingRequest request) {
        PluginRegistry registry = discovered.with(request.pluginInstances());
        boolean fromSystemProperties = request.configuration().isEmpty();
        Map<String, String> configuration = request.configuration().orElseGet(PluginSelection::systemProperties);
        Map<String, Map<String, ?>> inCode = request.plugins();
        Network network = request.network();
        TrainingData data = request.data();
        Map<String, Map<String, String>> configured = configuredOptions(registry, configuration, fromSystemProperties);
        List<String> ids = new ArrayList<>(inCode.keySet());
        for (String id : listedPlugins(configuration)) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        List<Configured> stepPlugins = new ArrayList<>();
        Activation activation = null;
        String activationId = null;
        PluginOptions activationOptions = null;
        for (String id : ids) {
            Plugin plugin = registry.find(id);
            if (plugin == null) {
                throw new IllegalArgumentException("plugin: unknown id '" + id + "'; available: " + registry.ids()
                        + (registry.failures().isEmpty() ? "" : "; failed to load: " + registry.failures()));
            }
            PluginOptions options = PluginOptions.of(plugin, inCode.getOrDefault(id, Map.of()),
                    configured.getOrDefault(id, Map.of()));
            if (plugin instanceof ActivationPlugin) {
                if (activationId != null) {
                    throw new IllegalArgumentException("plugin: expected at most one activation plugin, actual '"
                            + activationId + "' and '" + id + "'");
                }
                activationId = id;
                activationOptions = options;
                activation = ((ActivationPlugin) plugin).activation(options);
            } else if (plugin instanceof StepPlugin) {
                stepPlugins.add(new Configured((StepPlugin) plugin, options));
            } else {
                throw new IllegalArgumentException("plugin: '" + id + "' (" + plugin.getClass().getName()
                        + ") is neither a StepPlugin nor an ActivationPlugin");
            }
        }
        Network trained = network.toBuilder().activation(activation(registry, network, activationId, activation)).build();
        if (trained.hasDropout() && trained.dropoutGradient() == DropoutGradient.TUTORIAL
                && !trained.activation().hasDerivativeFromOutput()) {
            throw new IllegalArgumentException("dropoutGradient: expected TEXTBOOK for an activation whose slope"
                    + " needs its input, actual TUTORIAL with " + trained.activation() + " (the tutorial's quirk takes"
                    + " the slope from the masked output, as its sigmoid can)");
        }
        for (Configured stepPlugin : stepPlugins) {
            stepPlugin.plugin.check(stepPlugin.options, trained, data);
        }
        // Options configured for known plugins that this run does not select are still checked (a typo fails),
        // then reported: they do nothing.
        configured.forEach((id, options) -> {
            if (!ids.contains(id)) {
                PluginOptions.of(registry.find(id), options);
                LOG.warn("Options {} are set for plugin '{}', which this run does not select, so they do nothing;"
                        + " select it in code or add it to {}", options.keySet().stream()
                        .map(option -> PREFIX + id + "." + option).collect(Collectors.toList()), id,
                        Training.Builder.PLUGINS_PROPERTY);
            }
        });
        ActivationSource source = activationId != null ? new ActivationSource(activationId, strings(activationOptions))
                : network.hasDefaultActivation() ? ActivationSource.SIGMOID : null;
        return new PluginSelection(stepPlugins, trained, ids, source);
    }

    /** Option values as strings their plugin accepts: choices by their names, anything else as written. */
    private static Map<String, String> strings(PluginOptions options) {
        Map<String, String> strings = new java.util.LinkedHashMap<>();
        options.asMap().forEach((name, value) -> strings.put(name, value instanceof Enum<?> choice
                ? dev.backflux.api.spi.PluginOption.choiceName(choice) : String.valueOf(value)));
        return strings;
    }

    /**
     * The run's activation: an activation plugin's, or the network's own; the default sigmoid is the
     * {@code sigmoid} plugin's, found like any other. An activation set explicitly on the network, whatever it
     * is, conflicts with an activation plugin.
     */
    private static Activation activation(PluginRegistry registry, Network network, String pluginId,
                                         Activation fromPlugin) {
        boolean networkDefault = network.hasDefaultActivation();
        if (pluginId != null) {
            if (!networkDefault) {
                throw new IllegalArgumentException("activation: expected the network's own activation or an"
                        + " activation plugin, actual both: " + network.activation() + " and plugin '" + pluginId + "'");
            }
            return fromPlugin;
        }
        Plugin sigmoid = registry.find("sigmoid");
        if (networkDefault && sigmoid instanceof ActivationPlugin) {
            return ((ActivationPlugin) sigmoid).activation(PluginOptions.of(sigmoid));
        }
        return network.activation();
    }

    /** The {@code backflux.*} system properties, but the kernels' own ({@code backflux.kernels}). */
    private static Map<String, String> systemProperties() {
        Properties properties = System.getProperties();
        Map<String, String> backflux = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(PREFIX) && !name.equals(MatrixKernels.KERNELS_PROPERTY)) {
                backflux.put(name, properties.getProperty(name));
            }
        }
        return backflux;
    }

    private static List<String> listedPlugins(Map<String, String> configuration) {
        String listed = configuration.get(Training.Builder.PLUGINS_PROPERTY);
        List<String> ids = new ArrayList<>();
        if (listed != null) {
            for (String id : listed.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.trim());
                }
            }
        }
        return ids;
    }

    /**
     * Reads {@code backflux.<id>.<option>} keys, by plugin id. A key naming no known plugin fails, or, in the
     * system properties (which other code may set, such as a Spring Boot application's {@code backflux.*}
     * settings), is ignored and logged once per JVM.
     */
    private static Map<String, Map<String, String>> configuredOptions(PluginRegistry registry,
                                                                     Map<String, String> configuration,
                                                                     boolean fromSystemProperties) {
        Map<String, Map<String, String>> byPlugin = new LinkedHashMap<>();
        configuration.forEach((key, value) -> {
            if (!key.startsWith(PREFIX) || key.equals(Training.Builder.PLUGINS_PROPERTY)) {
                return;
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String problem = null;
            if (dot <= 0 || dot == rest.length() - 1) {
                problem = key + ": expected " + Training.Builder.PLUGINS_PROPERTY
                        + " or backflux.<plugin id>.<option>, actual '" + key + "'";
            } else if (registry.find(rest.substring(0, dot)) == null) {
                problem = key + ": unknown plugin id '" + rest.substring(0, dot) + "'; available: " + registry.ids();
            }
            if (problem != null) {
                if (!fromSystemProperties) {
                    throw new IllegalArgumentException(problem);
                }
                if (IGNORED.add(key)) {
                    LOG.warn("Ignoring system property {}", problem);
                }
                return;
            }
            String id = rest.substring(0, dot);
            byPlugin.computeIfAbsent(id, ignored -> new LinkedHashMap<>()).put(rest.substring(dot + 1), value);
        });
        return byPlugin;
    }
}
