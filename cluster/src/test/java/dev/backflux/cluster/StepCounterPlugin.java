package dev.backflux.cluster;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.StepPlugin;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;

/** Test only: counts the steps trained in this JVM by runs that use it, to tell whether a run still trains. */
public final class StepCounterPlugin implements StepPlugin {

    /** The plugin's id. */
    public static final String ID = "step-counter-test";

    /** The steps counted so far. */
    public static final AtomicLong STEPS = new AtomicLong();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        return steps.doOnNext(step -> STEPS.incrementAndGet());
    }
}
