package dev.backflux.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A network with fixed weights, used to predict the output of new inputs; obtained from any
 * {@link TrainingStep#network()}.
 *
 * <pre>{@code
 * TrainedNetwork trained = Trainer.train(network, data, 60_000).last().block().network();
 * double[] output = trained.predict(1, 0, 1);
 * }</pre>
 *
 * <p>Instances are immutable and may be used from several threads at once.
 */
public interface TrainedNetwork {

    /**
     * Returns the number of units of every layer, input first.
     *
     * @return a new array that the caller owns
     */
    int[] layerSizes();

    /**
     * Returns the activation of every non-input layer.
     *
     * @return the activation, never {@code null}
     */
    Activation activation();

    /**
     * Returns the id of the plugin the activation came from ({@code sigmoid} for the default), so that a saved
     * network can be loaded with the same activation.
     *
     * @return the plugin's id, or an empty optional for an activation set on the network itself
     *         ({@code Network.Builder.activation(...)}) or by an implementation that does not know
     */
    default Optional<String> activationPlugin() {
        return Optional.empty();
    }

    /**
     * Returns the options the activation's plugin was given, each as a string the plugin accepts.
     *
     * @return the options, empty when there are none or the activation came from no plugin; never {@code null}
     */
    default Map<String, String> activationOptions() {
        return Map.of();
    }

    /**
     * Returns the weights, {@code weights().get(k)} between layer {@code k} and layer {@code k + 1}.
     *
     * @return an unmodifiable list of read-only matrices
     */
    List<Matrix> weights();

    /**
     * Computes the output layer for many examples at once (one forward pass).
     *
     * @param inputs one example a row, each as wide as the input layer; finite values
     * @return the outputs, one row per example
     * @throws NullPointerException if {@code inputs} or a row is {@code null}
     * @throws IllegalArgumentException if {@code inputs} is empty, ragged, holds a NaN or infinite value,
     *                                  or its width is not the input layer's size
     */
    Matrix predict(double[][] inputs);

    /**
     * Computes the output layer for one example.
     *
     * @param input the example, as wide as the input layer; finite values
     * @return the output units, a new array
     * @throws NullPointerException if {@code input} is {@code null}
     * @throws IllegalArgumentException if {@code input} has the wrong length or holds a NaN or infinite value
     */
    double[] predict(double... input);
}
