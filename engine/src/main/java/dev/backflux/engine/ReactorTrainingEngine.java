package dev.backflux.engine;

import dev.backflux.api.Activation;
import dev.backflux.api.Matrix;
import dev.backflux.api.MatrixAccess;
import dev.backflux.api.Network;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.Plugin;
import dev.backflux.api.spi.PluginOptions;
import dev.backflux.api.spi.TrainingEngine;
import dev.backflux.api.spi.TrainingRequest;
import dev.backflux.engine.kernels.MatrixKernels;
import java.util.List;

/**
 * The engine Backflux ships: resolves a run's plugins at assembly, and computes one step per request with
 * {@link reactor.core.publisher.Flux#generate}, on the requesting thread.
 *
 * <p>Plugins are discovered once, from the class loader that loaded the engine. Public only so that
 * {@link java.util.ServiceLoader} can instantiate it on the class path; applications use
 * {@link dev.backflux.api.Trainer}.
 */
public final class ReactorTrainingEngine implements TrainingEngine {

    private volatile PluginRegistry registry;
    private volatile IllegalStateException discoveryFailure;

    /** Creates the engine; called by {@link java.util.ServiceLoader}. */
    public ReactorTrainingEngine() {
    }

    /** Keeps the capability that lets every step's matrices be views of the step's arrays, not copies. */
    @Override
    public void attach(MatrixAccess matrices) {
        MatrixViews.attach(matrices);
    }

    @Override
    public Training prepare(TrainingRequest request) {
        MatrixViews.access();
        PluginSelection selection = PluginSelection.resolve(registry(), request);
        StepMemory.check(selection.network, request.data());
        // The kernels of the large products are chosen here, where loading a native BLAS may block, not on the
        // thread of the first step.
        MatrixKernels.prepareFor(largestProduct(selection.network, request.data()));
        return new ConfiguredTraining(request.data(), request.steps(), request.firstStep(), selection);
    }

    @Override
    public TrainedNetwork trained(Network network) {
        MatrixViews.access();
        int[] sizes = network.layerSizes();
        Activation activation = network.activation();
        ActivationSource source = null;
        if (network.hasDefaultActivation()) {
            // As a run of it: the default sigmoid is the sigmoid plugin's.
            Plugin sigmoid = registry().find("sigmoid");
            if (sigmoid instanceof ActivationPlugin plugin) {
                activation = plugin.activation(PluginOptions.of(sigmoid));
                source = ActivationSource.SIGMOID;
            }
        }
        double[][] weights = InitialWeights.of(network);
        Matrix[] views = new Matrix[weights.length];
        for (int k = 0; k < weights.length; k++) {
            views[k] = MatrixViews.wrap(sizes[k], sizes[k + 1], weights[k]);
        }
        return new FixedWeightsNetwork(sizes, activation, source, weights, List.of(views));
    }

    @Override
    public List<String> pluginProblems() {
        return registry().failures();
    }

    @Override
    public List<Plugin> plugins() {
        return registry().all();
    }

    private PluginRegistry registry() {
        PluginRegistry found = registry;
        if (found == null) {
            if (discoveryFailure != null) {
                throw discoveryFailure;
            }
            try {
                found = PluginRegistry.load(ReactorTrainingEngine.class.getClassLoader());
            } catch (IllegalStateException e) {
                discoveryFailure = e;
                throw e;
            }
            registry = found;
        }
        return found;
    }

    /** The multiply-adds of a step's largest product (or of the validation pass's, when it has more examples). */
    private static long largestProduct(Network network, TrainingData data) {
        long examples = Math.max(data.inputs().rows(),
                data.validationInputs().map(inputs -> (long) inputs.rows()).orElse(0L));
        int[] sizes = network.layerSizes();
        long largest = 0;
        for (int k = 0; k + 1 < sizes.length; k++) {
            largest = Math.max(largest, examples * sizes[k] * sizes[k + 1]);
        }
        return largest;
    }
}
