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

    /**
     * Returns the learning rate α this step's update was scaled by (1 in the tutorial's Part 1).
     *
     * @return a finite value, at least 0
     */
    double learningRate();

    /**
     * Returns the slope of the activation at every unit of one non-input layer, for every example: the
     * tutorial's {@code nonlin(l1, True)}. Where the slope is shallow (outputs near 0 or 1 for the sigmoid)
     * the network was confident; near 0.5 it was "wishy-washy" and the slope is steepest. Computed when asked,
     * for any activation: from the layer's output as the tutorial does, or, for an activation whose slope
     * needs its input, from the input {@code layer(layer - 1) · weightsBefore(layer - 1)} recomputed exactly.
     *
     * <p>With dropout on the layer ({@link Network#dropout(int)}), it is the factor the step really multiplied the
     * error by to make the delta: with {@link DropoutGradient#TEXTBOOK}, the slope at the unmasked unit times the
     * mask and the scale ({@code 0} for a dropped unit); with {@link DropoutGradient#TUTORIAL}, the tutorial's
     * {@code layer_1 * (1 - layer_1)} of the masked, scaled layer. So {@code delta = error ⊙ slope} always.
     *
     * @param layer 1 to {@code layerCount() - 1}
     * @return a new matrix shaped as the layer
     * @throws IndexOutOfBoundsException if {@code layer} is out of range, naming the valid range
     */
    Matrix slope(int layer);

    /**
     * Returns the dropout mask this step applied to a layer, as the tutorial's Part 3 multiplies it:
     * {@code np.random.binomial(..., 1 - p) * (1.0 / (1 - p))}, {@code 0} for each unit dropped for an example and
     * {@code 1 / (1 − p)} for each kept one. {@link #layer(int)} is the layer after the mask. A layer without
     * dropout (the input, the output, or a hidden layer at rate 0) has every factor 1, as has every layer of a step
     * whose implementation knows no dropout (this default).
     *
     * @param layer 0 to {@code layerCount() - 1}
     * @return a matrix shaped as the layer (examples x units)
     * @throws IndexOutOfBoundsException if {@code layer} is out of range, naming the valid range
     */
    default Matrix dropoutMask(int layer) {
        Matrix values = layer(layer);
        double[][] ones = new double[values.rows()][values.columns()];
        for (double[] row : ones) {
            java.util.Arrays.fill(row, 1.0);
        }
        return Matrix.of(ones);
    }

    /**
     * Returns where this step left the run's dropout generator: how many 32-bit outputs it had given, counted from
     * its seeding ({@link Network#dropoutSeed()}), once this step's masks were drawn. A run resumed from this step
     * with {@link Network.Builder#dropoutStream(long, long) dropoutStream(seed, draws)} draws the masks the
     * uninterrupted run would have drawn next.
     *
     * @return the outputs drawn, or an empty optional for a step without dropout (this default)
     */
    default java.util.OptionalLong dropoutDraws() {
        return java.util.OptionalLong.empty();
    }

    /**
     * Tells whether a unit was dropped for an example in this step: its {@link #dropoutMask(int)} factor is 0.
     *
     * @param layer 0 to {@code layerCount() - 1}
     * @param example 0 to the number of examples - 1
     * @param unit 0 to the layer's size - 1
     * @return {@code true} if the unit was dropped
     * @throws IndexOutOfBoundsException if an index is out of range, naming it and its valid range
     */
    default boolean dropped(int layer, int example, int unit) {
        Matrix mask = dropoutMask(layer);
        if (example < 0 || example >= mask.rows()) {
            throw new IndexOutOfBoundsException("example: expected an example in [0, " + (mask.rows() - 1)
                    + "], actual " + example);
        }
        if (unit < 0 || unit >= mask.columns()) {
            throw new IndexOutOfBoundsException("unit: expected a unit of layer " + layer + " in [0, "
                    + (mask.columns() - 1) + "], actual " + unit);
        }
        return mask.get(example, unit) == 0;
    }

    /**
     * Returns the weights between layer {@code k} and layer {@code k + 1} <em>before</em> this step's update:
     * the tutorial's {@code syn0} before its line {@code syn0 += np.dot(l0.T, l1_delta)}, which produced this
     * step's layers. They are the previous step's {@link #weights(int)}, not a copy.
     *
     * @param k 0 to {@code layerCount() - 2}
     * @return a {@code layerSize(k) x layerSize(k + 1)} matrix
     * @throws IndexOutOfBoundsException if {@code k} is out of range, naming the valid range
     */
    Matrix weightsBefore(int k);

    /**
     * Returns the update this step applied to weight matrix {@code k}: {@code α · layer(k)ᵀ · delta(k + 1)},
     * the tutorial's {@code np.dot(l0.T, l1_delta)} (α is 1 there), which sums every example's update
     * ({@link #update(int, int)}). {@code weights(k)} is {@code weightsBefore(k)} plus it, element by
     * element. Computed when asked, with the engine's own arithmetic.
     *
     * @param k 0 to {@code layerCount() - 2}
     * @return a new {@code layerSize(k) x layerSize(k + 1)} matrix
     * @throws IndexOutOfBoundsException if {@code k} is out of range, naming the valid range
     */
    Matrix update(int k);

    /**
     * Returns one example's share of the update of weight matrix {@code k}: {@code α · layer(k)[e]ᵀ ⊗
     * delta(k + 1)[e]}, the update "one example at a time" that the tutorial explains before it sums the four
     * ({@code input_value × delta} for each weight). The shares of every example sum to {@link #update(int)}.
     * Computed for this example only.
     *
     * @param k 0 to {@code layerCount() - 2}
     * @param example 0 to the number of examples - 1
     * @return a new {@code layerSize(k) x layerSize(k + 1)} matrix
     * @throws IndexOutOfBoundsException if {@code k} or {@code example} is out of range, naming the valid range
     */
    Matrix update(int k, int example);

    /**
     * Returns, for each weight of matrix {@code k}, how much of the examples' pushes survive their sum:
     * {@code |Σₑ uₑ| / Σₑ |uₑ|} over the examples' shares {@code uₑ} of its update, 1 when every example pushes
     * it the same way (or none pushes it), near 0 when they cancel out. It checks the tutorial's remark on
     * correlation on any data: the weight from an input that goes with the output grows consistently (1),
     * the others are pushed up and down. Computed when asked, in {@code O(examples × weights)}.
     *
     * @param k 0 to {@code layerCount() - 2}
     * @return a new {@code layerSize(k) x layerSize(k + 1)} matrix of values in [0, 1]
     * @throws IndexOutOfBoundsException if {@code k} is out of range, naming the valid range
     */
    Matrix agreement(int k);

    /**
     * Explains one weight at this step in the tutorial's terms (see {@link WeightStory}): per example its
     * input value, the error, slope and delta of the unit it feeds, and the update it asks for; then the sum,
     * the weight before and after, and whether the examples agree. Costs {@code O(examples)} (and
     * {@code O(examples × layerSize(k))} for an activation whose slope needs its input).
     *
     * @param k the weight matrix, 0 to {@code layerCount() - 2}
     * @param from the unit of layer {@code k} the weight reads, its row
     * @param to the unit of layer {@code k + 1} it feeds, its column
     * @return the story, never {@code null}
     * @throws IndexOutOfBoundsException if an index is out of range, naming it and its valid range
     */
    WeightStory explain(int k, int from, int to);

    /**
     * Prints the whole step with the tutorial's names, each matrix as numpy prints it (see {@link Matrix}),
     * so that it reads beside the tutorial's own printout: {@code l0 .. ln} (the layers of the forward pass),
     * then from the output down {@code ln_error}, the slope {@code nonlin(ln, True)} and {@code ln_delta},
     * then each {@code syn k} before and after this step's update, and the mean absolute error.
     *
     * @return a multi-line text, never {@code null}
     */
    default String summary() {
        StringBuilder text = new StringBuilder("step " + step() + " (learning rate " + learningRate() + ")\n");
        for (int layer = 0; layer < layerCount(); layer++) {
            text.append('l').append(layer).append(":\n").append(layer(layer)).append('\n');
        }
        for (int layer = layerCount() - 1; layer >= 1; layer--) {
            text.append('l').append(layer).append("_error:\n").append(error(layer)).append('\n');
            text.append("nonlin(l").append(layer).append(", True):\n").append(slope(layer)).append('\n');
            text.append('l').append(layer).append("_delta:\n").append(delta(layer)).append('\n');
        }
        for (int k = 0; k < layerCount() - 1; k++) {
            text.append("syn").append(k).append(" before:\n").append(weightsBefore(k)).append('\n');
            text.append("syn").append(k).append(" after:\n").append(weights(k)).append('\n');
        }
        return text.append("mean absolute error: ").append(meanAbsoluteError()).toString();
    }
}
