package dev.backflux.engine;

import java.util.Map;

/**
 * Which plugin a run's activation came from, and with which options as strings, so that a trained network can say
 * it ({@link dev.backflux.api.TrainedNetwork#activationPlugin()}) and a saved one be loaded with the same activation.
 *
 * @param pluginId the plugin's id
 * @param options its options, each as a string the plugin accepts
 */
record ActivationSource(String pluginId, Map<String, String> options) {

    /** The default sigmoid's source: the {@code sigmoid} plugin, no options. */
    static final ActivationSource SIGMOID = new ActivationSource("sigmoid", Map.of());

    ActivationSource {
        options = Map.copyOf(options);
    }
}
