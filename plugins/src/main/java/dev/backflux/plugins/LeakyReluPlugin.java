package dev.backflux.plugins;

import dev.backflux.api.Activation;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.PluginOption;
import dev.backflux.api.spi.PluginOptions;
import java.util.List;

/**
 * The {@code leaky-relu} activation: {@code x} for positive inputs, {@code slope · x} otherwise; derivative 1
 * or {@code slope}, told from the output's sign.
 */
public final class LeakyReluPlugin implements ActivationPlugin {

    /** The slope for negative inputs. */
    static final PluginOption<Double> SLOPE = PluginOption.decimal("slope",
            "the slope for negative inputs", 0.01, 0, 1);

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public LeakyReluPlugin() {
    }

    @Override
    public String id() {
        return "leaky-relu";
    }

    @Override
    public String description() {
        return "Leaky ReLU: x if x > 0, else slope * x; derivative 1 or slope.";
    }

    @Override
    public List<PluginOption<?>> options() {
        return List.of(SLOPE);
    }

    @Override
    public Activation activation(PluginOptions options) {
        return new LeakyRelu(options.get(SLOPE), "leaky-relu(slope=" + options.get(SLOPE) + ")");
    }

    /** {@code x > 0 ? x : slope · x}; the ReLU when the slope is 0. */
    static final class LeakyRelu implements Activation {

        private final double slope;
        private final String name;

        LeakyRelu(double slope, String name) {
            this.slope = slope;
            this.name = name;
        }

        @Override
        public double apply(double input) {
            return input > 0 ? input : slope * input;
        }

        @Override
        public double derivativeFromOutput(double output) {
            return output > 0 ? 1 : slope;
        }

        @Override
        public void apply(double[] values) {
            for (int i = 0; i < values.length; i++) {
                double x = values[i];
                values[i] = x > 0 ? x : slope * x;
            }
        }

        @Override
        public void derivativeFromOutput(double[] outputs, double[] derivatives) {
            for (int i = 0; i < outputs.length; i++) {
                derivatives[i] = outputs[i] > 0 ? 1 : slope;
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
