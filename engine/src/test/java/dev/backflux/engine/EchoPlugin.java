package dev.backflux.engine;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.StepPlugin;
import reactor.core.publisher.Flux;

/** Test-only, for discovery through a separate class loader: passes the steps through. */
public class EchoPlugin implements StepPlugin {

    @Override
    public String id() {
        return "echo";
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext run) {
        return steps;
    }
}
