package dev.backflux.plugins;

import dev.backflux.api.Activation;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.PluginOptions;

/**
 * The {@code relu} activation: {@code max(0, x)}, derivative 1 where the output is positive and 0 elsewhere
 * (0 at the kink, as most libraries choose).
 */
public final class ReluPlugin implements ActivationPlugin {

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public ReluPlugin() {
    }

    @Override
    public String id() {
        return "relu";
    }

    @Override
    public String description() {
        return "Rectified linear unit max(0, x), derivative 1 where out > 0, else 0.";
    }

    @Override
    public Activation activation(PluginOptions options) {
        return new LeakyReluPlugin.LeakyRelu(0, "relu");
    }
}
