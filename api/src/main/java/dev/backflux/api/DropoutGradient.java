package dev.backflux.api;

/**
 * How back-propagation passes through a hidden layer with dropout, {@code h = a ⊙ m / (1 − p)}: the activation
 * {@code a}, a mask {@code m} of kept (1) and dropped (0) units, and the rate {@code p}.
 *
 * <p>Both use the masked, scaled layer {@code h} as the next layer's input and in the weight update
 * ({@code syn += α · hᵀ · delta}); they differ in the slope the hidden delta is made with.
 */
public enum DropoutGradient {

    /**
     * The gradient of inverted dropout: {@code delta = error ⊙ nonlin'(a) ⊙ m / (1 − p)}, the activation's slope
     * at the unmasked unit times the mask and the scale. It is the derivative of the masked network's squared
     * error (checked against finite differences). The default.
     */
    TEXTBOOK,

    /**
     * The tutorial's Part 3 script exactly, quirk included: {@code layer_1_delta = layer_2_delta.dot(synapse_1.T)
     * * (layer_1 * (1 - layer_1))} with {@code layer_1} already masked and scaled, so a kept unit's slope is taken
     * at {@code a / (1 − p)} rather than at {@code a}. A dropped unit's slope is 0, as the sigmoid's
     * {@code 0 * (1 - 0)} is in the script, for any activation (tanh's slope at 0 would be 1). Use it to reproduce the
     * script; it needs an activation whose derivative comes from its output, as the tutorial's sigmoid.
     */
    TUTORIAL
}
