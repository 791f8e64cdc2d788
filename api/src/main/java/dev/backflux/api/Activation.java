package dev.backflux.api;

/**
 * An activation function {@code f} and its derivative, applied element by element to every
 * non-input layer.
 *
 * <p>As in the tutorial, the derivative is expressed in terms of the activation's <em>output</em>:
 * for the sigmoid, {@code f'(out) = out * (1 - out)}. The engine keeps only each layer's output,
 * so an activation must be able to give its slope from its output.
 *
 * <p>The engine calls the array methods, once per layer and step; implementations override them
 * with a plain loop of their own so that no virtual call is paid per element. Implementations must
 * be stateless or thread-safe: one activation may serve several runs at once.
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
     */
    double derivativeFromOutput(double output);

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
}
