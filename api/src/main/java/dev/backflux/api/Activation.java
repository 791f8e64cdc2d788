package dev.backflux.api;

/**
 * An activation function {@code f} and its derivative, applied element by element to every
 * non-input layer.
 *
 * <p>As in the tutorial, the derivative is expressed in terms of the activation's <em>output</em>:
 * for the sigmoid, {@code f'(out) = out * (1 - out)}. The engine then needs to keep only each layer's
 * output. An activation whose slope cannot be told from its output (Swish, GELU) returns {@code false}
 * from {@link #hasDerivativeFromOutput()} and implements {@link #derivative(double)} instead; the
 * engine then also keeps each layer's input (the weighted sums), at the cost of one more array per layer.
 *
 * <p>The engine calls the array methods, once per layer and step; implementations override them
 * with a plain loop of their own so that no virtual call is paid per element. The arrays are the
 * engine's, about to be published in a snapshot: an implementation writes only where the method says
 * so and never keeps a reference to them. Implementations must be stateless or thread-safe: one
 * activation may serve several runs at once.
 */
public interface Activation {

    /**
     * Returns the logistic sigmoid {@code 1 / (1 + exp(-x))}, the tutorial's {@code nonlin}.
     *
     * @return the sigmoid activation, never {@code null}
     */
    static Activation sigmoid() {
        return Sigmoid.INSTANCE;
    }

    /**
     * Returns the hyperbolic tangent {@code tanh(x)}, with its derivative {@code 1 - out²}; outputs from -1 to 1
     * (exactly ±1 from {@code |x| ≈ 19.1} on, where the rounded value is 1). The {@code tanh} plugin's activation.
     *
     * @return the tanh activation, never {@code null}
     */
    static Activation tanh() {
        return Tanh.INSTANCE;
    }

    /**
     * Returns softplus {@code ln(1 + e^x)}, a smooth ReLU, with its derivative {@code 1 - e^-out} (the sigmoid
     * of the input); it never overflows. The {@code softplus} plugin's activation.
     *
     * @return the softplus activation, never {@code null}
     */
    static Activation softplus() {
        return Softplus.INSTANCE;
    }

    /**
     * Applies the function to one value.
     *
     * @param input the weighted sum that reaches a unit
     * @return the unit's output
     */
    double apply(double input);

    /**
     * Returns the derivative at the input that produced {@code output}, expressed in terms of that output.
     *
     * @param output a value that {@link #apply(double)} returned
     * @return the slope of the function at that point
     * @throws UnsupportedOperationException if {@link #hasDerivativeFromOutput()} is {@code false}
     */
    double derivativeFromOutput(double output);

    /**
     * Returns the derivative at {@code input}; by default {@code derivativeFromOutput(apply(input))}.
     *
     * @param input the weighted sum that reaches a unit
     * @return the slope of the function at {@code input}
     */
    default double derivative(double input) {
        return derivativeFromOutput(apply(input));
    }

    /**
     * Tells whether {@link #derivativeFromOutput(double)} exists; if not, the engine calls
     * {@link #derivative(double)} with each layer's inputs.
     *
     * @return {@code true} by default
     */
    default boolean hasDerivativeFromOutput() {
        return true;
    }

    /**
     * Applies the function in place to every element of {@code values}.
     *
     * @param values the weighted sums of a layer; replaced by the layer's outputs
     */
    default void apply(double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = apply(values[i]);
        }
    }

    /**
     * Writes the derivative of every output into {@code derivatives}.
     *
     * @param outputs a layer's outputs
     * @param derivatives receives {@code derivativeFromOutput(outputs[i])} at index {@code i};
     *                    as long as {@code outputs}
     */
    default void derivativeFromOutput(double[] outputs, double[] derivatives) {
        for (int i = 0; i < outputs.length; i++) {
            derivatives[i] = derivativeFromOutput(outputs[i]);
        }
    }

    /**
     * Writes the derivative at every input into {@code derivatives}.
     *
     * @param inputs a layer's weighted sums, before the activation
     * @param derivatives receives {@code derivative(inputs[i])} at index {@code i}; as long as {@code inputs}
     */
    default void derivative(double[] inputs, double[] derivatives) {
        for (int i = 0; i < inputs.length; i++) {
            derivatives[i] = derivative(inputs[i]);
        }
    }
}
