package dev.backflux.engine;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOption;
import dev.backflux.api.spi.StepPlugin;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * Test-only: throws at a given step (an exception, or an error the JVM treats as fatal), or already while the
 * run is assembled.
 */
public final class FailingPlugin implements StepPlugin {

    static final PluginOption<Long> AT = PluginOption.integer("at", "the step to throw at", 3L, 0, Long.MAX_VALUE);
    static final PluginOption<Boolean> OUT_OF_MEMORY = PluginOption.flag("out-of-memory",
            "throw an OutOfMemoryError instead of an IllegalStateException", false);

    /**
     * Throws from {@code apply} instead, so that the run fails on subscription, before any request: a cold
     * run fails like that only through a plugin, as the TCK's failed publisher must (rule 1.9).
     */
    static final PluginOption<Boolean> AT_ASSEMBLY = PluginOption.flag("at-assembly",
            "throw from apply(...), before any step", false);

    @Override
    public String id() {
        return "failing";
    }

    @Override
    public List<PluginOption<?>> options() {
        return List.of(AT, OUT_OF_MEMORY, AT_ASSEMBLY);
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        long at = context.options().get(AT);
        boolean outOfMemory = context.options().get(OUT_OF_MEMORY);
        if (context.options().get(AT_ASSEMBLY)) {
            throw new IllegalStateException("deliberate failure at assembly");
        }
        return steps.doOnNext(step -> {
            if (step.step() == at) {
                if (outOfMemory) {
                    throw new OutOfMemoryError("deliberate out of memory at step " + at);
                }
                throw new IllegalStateException("deliberate failure at step " + at);
            }
        });
    }
}
