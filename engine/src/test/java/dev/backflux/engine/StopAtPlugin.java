package dev.backflux.engine;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOption;
import dev.backflux.api.spi.StepPlugin;
import java.util.List;
import reactor.core.publisher.Flux;

/** Test-only: stops the run at a given step, saying so. */
public class StopAtPlugin implements StepPlugin {

    static final PluginOption<Long> STEP = PluginOption.integer("step", "the step to stop at", 10L, 0, Long.MAX_VALUE);

    @Override
    public String id() {
        return "stop-at";
    }

    @Override
    public List<PluginOption<?>> options() {
        return List.of(STEP);
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        long at = context.options().get(STEP);
        return steps.takeUntil(step -> {
            if (step.step() == at) {
                context.stop(step.step(), "reached step " + at);
            }
            return step.step() == at;
        });
    }
}
