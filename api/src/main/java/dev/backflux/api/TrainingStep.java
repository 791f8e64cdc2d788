package dev.backflux.api;

import java.util.List;
import java.util.OptionalDouble;

/**
 * An immutable snapshot of one full-batch training step: the layers of its forward pass, the error
 * and delta of every non-input layer, the weights after its update, and its mean absolute error.
 *
 * <p>In the tutorial's words, with {@code n = layerCount() - 1} weight matrices:
 * <ol>
 *   <li>forward: {@code layer(0)} is the inputs and {@code layer(k + 1) = f(layer(k) · W_k)}, using the
 *       weights <em>before</em> this step's update;</li>
 *   <li>{@code error(n) = targets - layer(n)};</li>
 *   <li>{@code delta(k) = error(k) ⊙ f'(layer(k))} and {@code error(k - 1) = delta(k) · W_{k-1}ᵀ};</li>
 *   <li>{@code weights(k) = W_k + α · layer(k)ᵀ · delta(k + 1)}: the weights <em>after</em> the update.</li>
 * </ol>
 * So {@code weights(...)} of step {@code s} are the weights that produced the layers of step {@code s + 1}.
 *
 * <p>Layers are numbered from 0 (the inputs) to {@code layerCount() - 1} (the output); errors and deltas
 * exist for the non-input layers 1 to {@code layerCount() - 1}; weight matrix {@code k} sits between
 * layers {@code k} and {@code k + 1}. To walk a step from the output down:
 * <pre>{@code
 * for (int layer = step.layerCount() - 1; layer >= 1; layer--) {
 *     Matrix error = step.error(layer);
 *     Matrix delta = step.delta(layer);
 * }
 * }</pre>
 *
 * <p>Everything a step hands out is read only; nothing a subscriber does to it changes the run or
 * another subscriber's snapshot. A step may be kept as long as needed; it holds its own arrays.
 */
public interface TrainingStep {

    /**
     * Returns the index of this step, counted from 0 as the tutorial's loop counter.
     *
     * @return at least 0
     */
    long step();

    /**
     * Returns the number of layers, input and output included.
     *
     * @return at least 2
     */
    int layerCount();

    /**
     * Returns the layers of this step's forward pass, input layer first.
     *
     * @return an unmodifiable list of {@code layerCount()} matrices, one example a row
     */
    List<Matrix> layers();

    /**
     * Returns one layer of this step's forward pass.
     *
     * @param layer 0 (the inputs) to {@code layerCount() - 1} (the output)
     * @return the layer, one example a row
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    Matrix layer(int layer);

    /**
     * Returns the output layer of this step's forward pass: the network's prediction before the update.
     *
     * @return {@code layer(layerCount() - 1)}
     */
    Matrix output();

    /**
     * Returns the error of one non-input layer: {@code targets - output} for the output layer, the error
     * sent back through the weights ({@code delta(layer + 1) · Wᵀ}) for a hidden layer.
     *
     * @param layer 1 to {@code layerCount() - 1}
     * @return the error, shaped as the layer
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    Matrix error(int layer);

    /**
     * Returns the delta ("error weighted derivative") of one non-input layer: {@code error(layer) ⊙ f'(layer(layer))}.
     *
     * @param layer 1 to {@code layerCount() - 1}
     * @return the delta, shaped as the layer
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    Matrix delta(int layer);

    /**
     * Returns every weight matrix after this step's update, {@code weights().get(k)} between layer
     * {@code k} and layer {@code k + 1}.
     *
     * @return an unmodifiable list of {@code layerCount() - 1} matrices
     */
    List<Matrix> weights();

    /**
     * Returns the weights between layer {@code k} and layer {@code k + 1} after this step's update (the
     * tutorial's {@code syn0}, {@code syn1}, ...).
     *
     * @param k 0 to {@code layerCount() - 2}
     * @return a {@code layerSize(k) x layerSize(k + 1)} matrix
     * @throws IndexOutOfBoundsException if {@code k} is out of range
     */
    Matrix weights(int k);

    /**
     * Returns the mean absolute output error of this step's forward pass, {@code mean(|error(n)|)}: the
     * figure the tutorial prints.
     *
     * @return a finite value, at least 0
     */
    double meanAbsoluteError();

    /**
     * Returns the mean absolute output error on the validation data, computed with the same weights as
     * this step's forward pass (before the update), when the training data has a validation part.
     *
     * @return the validation error, or an empty optional when there is no validation data
     */
    OptionalDouble validationMeanAbsoluteError();

    /**
     * Returns the network as trained by this step: its weights after the update, ready for predictions.
     *
     * @return the trained network, never {@code null}
     */
    TrainedNetwork network();
}
