package dev.backflux.engine;

import dev.backflux.api.Activation;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.PluginOptions;

/**
 * The {@code sigmoid} activation plugin: the tutorial's default, shipped with the engine so that a run with
 * only {@code backflux-api} and {@code backflux-engine} on the path finds it.
 */
public final class SigmoidPlugin implements ActivationPlugin {

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public SigmoidPlugin() {
    }

    @Override
    public String id() {
        return "sigmoid";
    }

    @Override
    public String description() {
        return "The logistic sigmoid 1 / (1 + exp(-x)), derivative out * (1 - out): the default.";
    }

    @Override
    public Activation activation(PluginOptions options) {
        return Activation.sigmoid();
    }
}
