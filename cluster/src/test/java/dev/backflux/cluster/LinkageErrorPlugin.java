package dev.backflux.cluster;

import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOptions;
import dev.backflux.api.spi.StepPlugin;
import reactor.core.publisher.Flux;

/**
 * Test only: a plugin that throws a {@link NoClassDefFoundError} when a run is built with it, as a plugin built
 * against another version of a library would; the run must end FAILED and its member go on.
 */
public final class LinkageErrorPlugin implements StepPlugin {

    /** The plugin's id. */
    public static final String ID = "linkage-error-test";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void check(PluginOptions options, Network network, TrainingData data) {
        throw new NoClassDefFoundError("dev/backflux/cluster/Missing (a test plugin's missing class)");
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        return steps;
    }
}
