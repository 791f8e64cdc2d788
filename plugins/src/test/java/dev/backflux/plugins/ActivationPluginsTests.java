package dev.backflux.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Activation;
import dev.backflux.api.Network;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.PluginOptions;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActivationPluginsTests {

    private static final double H = 1e-6;

    private static Activation activation(ActivationPlugin plugin, Map<String, ?> options) {
        return plugin.activation(PluginOptions.of(plugin, options));
    }

    private static Activation byId(String id) {
        switch (id) {
            case "tanh": return activation(new TanhPlugin(), Map.of());
            case "relu": return activation(new ReluPlugin(), Map.of());
            case "leaky-relu": return activation(new LeakyReluPlugin(), Map.of("slope", 0.1));
            case "softplus": return activation(new SoftplusPlugin(), Map.of());
            case "identity": return activation(new IdentityPlugin(), Map.of());
            default: throw new IllegalArgumentException(id);
        }
    }

    /** Inputs away from ReLU's kink at 0, where the derivative does not exist. */
    private static double[] inputs() {
        return DoubleStream.iterate(-4.05, x -> x + 0.1).limit(82).toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "relu", "leaky-relu", "softplus", "identity"})
    void theDerivativeFromTheOutputMatchesFiniteDifferences(String id) {
        Activation f = byId(id);
        for (double x : inputs()) {
            double numeric = (f.apply(x + H) - f.apply(x - H)) / (2 * H);
            double analytic = f.derivativeFromOutput(f.apply(x));
            assertEquals(numeric, analytic, 1e-8, id + " at " + x);
            assertEquals(analytic, f.derivative(x), 0.0, id + " at " + x);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "relu", "leaky-relu", "softplus", "identity"})
    void theArrayMethodsAgreeWithTheScalarOnes(String id) {
        Activation f = byId(id);
        double[] values = inputs();
        double[] outputs = values.clone();
        f.apply(outputs);
        double[] derivatives = new double[values.length];
        f.derivativeFromOutput(outputs, derivatives);
        for (int i = 0; i < values.length; i++) {
            assertEquals(f.apply(values[i]), outputs[i], 0.0, id + " at " + values[i]);
            assertEquals(f.derivativeFromOutput(outputs[i]), derivatives[i], 0.0, id + " at " + values[i]);
        }
    }

    @Test
    void softplusStaysFiniteAndExactForLargeInputs() {
        Activation softplus = byId("softplus");
        assertEquals(800.0, softplus.apply(800), 0.0);
        assertEquals(Math.log1p(Math.exp(-800)), softplus.apply(-800), 0.0);
        assertEquals(Math.log(2), softplus.apply(0), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "relu"})
    void theThreeLayerXorNetworkLearnsWithIt(String id) {
        Network network = Network.builder().layerSizes(3, 4, 1).learningRate(0.1).build();

        TrainingResult result = Xor.training(network, 20_000).plugin(id).build().result().block();

        double error = result.lastStep().orElseThrow().meanAbsoluteError();
        assertTrue(error < 0.05, id + ": mean error " + error);
        assertEquals(id, result.lastStep().orElseThrow().network().activation().toString());
    }
}
