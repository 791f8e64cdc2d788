package dev.backflux.api.spi;

import dev.backflux.api.Activation;

/**
 * A plugin that supplies the activation of a run's non-input layers, replacing the network's own.
 * A run selects at most one activation plugin.
 */
public interface ActivationPlugin extends Plugin {

    /**
     * Returns the activation these options describe.
     *
     * @param options the plugin's options, already checked
     * @return the activation, never {@code null}; stateless or thread-safe
     */
    Activation activation(PluginOptions options);
}
