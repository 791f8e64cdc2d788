package dev.backflux.examples;

import dev.backflux.api.Matrix;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOption;
import dev.backflux.api.spi.StepPlugin;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * A plugin of the examples' own, {@code all-correct}: stops the run at the first step where every output is
 * on the right side of a threshold, that is where rounding the outputs gives the targets.
 *
 * <p>Registered like any plugin: {@code META-INF/services/dev.backflux.api.spi.Plugin} and a
 * {@code provides} clause in {@code module-info.java}.
 */
public final class AllCorrectPlugin implements StepPlugin {

    static final PluginOption<Double> THRESHOLD = PluginOption.decimal("threshold",
            "an output counts as 1 above it and as 0 below it", 0.5, 0, 1);

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public AllCorrectPlugin() {
    }

    @Override
    public String id() {
        return "all-correct";
    }

    @Override
    public String description() {
        return "Stops when every output is on the same side of the threshold as its target.";
    }

    @Override
    public List<PluginOption<?>> options() {
        return List.of(THRESHOLD);
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        double threshold = context.options().get(THRESHOLD);
        Matrix targets = context.data().targets();
        return steps.takeUntil(step -> {
            boolean correct = allCorrect(step.output(), targets, threshold);
            if (correct) {
                context.stop(step.step(), "every output is on the right side of " + threshold);
            }
            return correct;
        });
    }

    private static boolean allCorrect(Matrix outputs, Matrix targets, double threshold) {
        for (int row = 0; row < outputs.rows(); row++) {
            for (int column = 0; column < outputs.columns(); column++) {
                if (outputs.get(row, column) > threshold != targets.get(row, column) > threshold) {
                    return false;
                }
            }
        }
        return true;
    }
}
