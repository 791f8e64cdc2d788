package dev.backflux.engine;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.StepPlugin;
import reactor.core.publisher.Flux;

/** Test-only: sends step 0 again after step 2, as restore-best once did. */
public final class RepeatPlugin implements StepPlugin {

    @Override
    public String id() {
        return "repeat";
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        return Flux.defer(() -> {
            TrainingStep[] first = new TrainingStep[1];
            return steps.concatMap(step -> {
                if (step.step() == 0) {
                    first[0] = step;
                }
                return step.step() == 2 ? Flux.just(step, first[0]) : Flux.just(step);
            });
        });
    }
}
