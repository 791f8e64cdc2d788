package dev.backflux.engine;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOption;
import dev.backflux.api.spi.StepPlugin;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Test-only: like a plugin that closes a file, its pending work ends when its stream ends, and fails with the
 * stream's error (the error of an earlier plugin, say); with {@code throw-at-end} its end listener throws an
 * {@code AssertionError}.
 */
public final class ClosingPlugin implements StepPlugin {

    static final PluginOption<Boolean> THROW_AT_END = PluginOption.flag("throw-at-end",
            "register an end listener that throws an AssertionError", false);

    @Override
    public String id() {
        return "closing";
    }

    @Override
    public List<PluginOption<?>> options() {
        return List.of(THROW_AT_END);
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        Sinks.Empty<Void> closed = Sinks.empty();
        context.completeAfter(closed.asMono());
        if (context.options().get(THROW_AT_END)) {
            context.onEnd(result -> {
                throw new AssertionError("deliberate failure of an end listener");
            });
        }
        return steps.doOnComplete(closed::tryEmitEmpty)
                .doOnCancel(closed::tryEmitEmpty)
                .doOnError(closed::tryEmitError);
    }
}
