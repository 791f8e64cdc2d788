package dev.backflux.engine;

import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingDivergedException;
import dev.backflux.api.TrainingStep;

import java.util.OptionalDouble;

/**
 * The sequence of steps of one run: the current weights and the step counter, moved on by {@link #next()}.
 * Not thread-safe; Reactor calls it from one thread at a time.
 */
final class StepSequence {

    private final BackPropagation math;
    private final int[] sizes;
    private final Network network;
    private final ActivationSource source;
    private final Matrix inputs;
    private final double[] inputData;
    private final double[] targetData;
    private final double[] validationInputs;
    private final double[] validationTargets;
    private final int validationExamples;
    private final long steps;
    /** The dropout masks, drawn from the generator the weights came from; null without dropout. */
    private final DropoutMasks dropout;

    private double[][] weights;
    private long step;
    /** The index after the last step to compute. */
    private final long end;

    StepSequence(Network network, ActivationSource source, TrainingData data, long steps, long firstStep) {
        this.step = firstStep;
        this.end = firstStep + steps;
        this.network = network;
        this.source = source;
        this.sizes = network.layerSizes();
        this.math = new BackPropagation(sizes, network.activation(), network.learningRate(),
                network.dropoutGradient());
        this.inputs = data.inputs();
        // One copy per run, never per step: the run owns these arrays and never writes them.
        this.inputData = data.inputs().toRowMajorArray();
        this.targetData = data.targets().toRowMajorArray();
        this.validationInputs = data.validationInputs().map(Matrix::toRowMajorArray).orElse(null);
        this.validationTargets = data.validationTargets().map(Matrix::toRowMajorArray).orElse(null);
        this.validationExamples = data.validationInputs().map(Matrix::rows).orElse(0);
        this.steps = steps;
        if (network.hasDropout()) {
            // As the tutorial's Part 3 script: the weights are drawn first, then a mask per step from the same stream.
            MersenneTwister random = new MersenneTwister(network.dropoutSeed());
            if (network.dropoutDraws().isPresent()) {
                // A resumed run: its masks continue where the earlier run left the generator.
                this.weights = InitialWeights.of(network);
                random.skip(network.dropoutDraws().getAsLong());
            } else {
                this.weights = InitialWeights.of(network, random);
            }
            double[] rates = new double[sizes.length];
            for (int layer = 0; layer < sizes.length; layer++) {
                rates[layer] = network.dropout(layer);
            }
            this.dropout = new DropoutMasks(rates, random);
        } else {
            this.weights = InitialWeights.of(network);
            this.dropout = null;
        }
    }

    /** The index of the step {@link #next()} computes. */
    long nextIndex() {
        return step;
    }

    /** Tells whether every requested step has been computed. */
    boolean isDone() {
        return step >= end;
    }

    /**
     * Computes the next step and moves the run on to its updated weights.
     *
     * @throws TrainingDivergedException if the step's error or updated weights are not finite
     */
    TrainingStep next() {
        BackPropagation.Result result = math.step(inputData, targetData, inputs.rows(), weights, dropout);
        if (!Double.isFinite(result.meanAbsoluteError)) {
            throw new TrainingDivergedException(step, "the mean absolute error is " + result.meanAbsoluteError
                    + " (learning rate " + network.learningRate() + ")");
        }
        int bad = BackPropagation.firstNonFinite(result.weights);
        if (bad >= 0) {
            throw new TrainingDivergedException(step, "weights(" + bad + ") hold a NaN or infinite value after the update"
                    + " (learning rate " + network.learningRate() + ")");
        }
        OptionalDouble validation = validationInputs == null ? OptionalDouble.empty() : OptionalDouble.of(
                BackPropagation.meanAbsoluteDifference(validationTargets,
                        last(math.forward(validationInputs, validationExamples, weights))));
        if (validation.isPresent() && !Double.isFinite(validation.getAsDouble())) {
            throw new TrainingDivergedException(step, "the validation mean absolute error is "
                    + validation.getAsDouble() + " (learning rate " + network.learningRate() + ")");
        }
        TrainingStep snapshot = new Snapshot(step, sizes, network.activation(), source, network.learningRate(), inputs,
                weights, result, validation);
        weights = result.weights;
        step++;
        return snapshot;
    }

    private static double[] last(double[][] layers) {
        return layers[layers.length - 1];
    }
}
