package dev.backflux.engine;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOption;
import dev.backflux.api.spi.StepPlugin;
import java.util.List;
import reactor.core.publisher.Flux;

/** Test-only: throws at a given step. */
public final class FailingPlugin implements StepPlugin {

    static final PluginOption<Long> AT = PluginOption.integer("at", "the step to throw at", 3L, 0, Long.MAX_VALUE);

    @Override
    public String id() {
        return "failing";
    }

    @Override
    public List<PluginOption<?>> options() {
        return List.of(AT);
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext run) {
        long at = run.options().get(AT);
        return steps.doOnNext(step -> {
            if (step.step() == at) {
                throw new IllegalStateException("deliberate failure at step " + at);
            }
        });
    }
}
