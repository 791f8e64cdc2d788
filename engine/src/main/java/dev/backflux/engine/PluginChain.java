package dev.backflux.engine;

import dev.backflux.api.PluginFailureException;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * Applies a run's step plugins in order, each to the steps the previous one publishes, and holds each to two
 * rules: an error it throws or emits names it ({@link PluginFailureException}), while an error from upstream
 * passes through unchanged; and the steps it publishes keep strictly increasing indexes (a plugin may drop
 * steps, never send one again).
 */
final class PluginChain {

    private PluginChain() {
    }

    /**
     * Applies {@code plugins} to {@code steps}.
     *
     * @param contexts makes the context of one plugin, by its id and options
     * @param running told the id of each plugin whose stream is subscribed
     */
    static Flux<TrainingStep> apply(Flux<TrainingStep> steps, List<PluginSelection.Configured> plugins,
                                    BiFunction<String, PluginSelection.Configured, PluginContext> contexts,
                                    Consumer<String> running) {
        Flux<TrainingStep> chain = steps;
        for (PluginSelection.Configured plugin : plugins) {
            chain = applyOne(chain, plugin, contexts.apply(plugin.plugin.id(), plugin), running);
        }
        return chain;
    }

    private static Flux<TrainingStep> applyOne(Flux<TrainingStep> upstream, PluginSelection.Configured configured,
                                               PluginContext context, Consumer<String> running) {
        String id = configured.plugin.id();
        AtomicReference<Throwable> upstreamError = new AtomicReference<>();
        Flux<TrainingStep> marked = upstream.doOnError(upstreamError::set);
        Flux<TrainingStep> applied;
        try {
            applied = Objects.requireNonNull(configured.plugin.apply(marked, context), "apply(...) returned null");
        } catch (Throwable e) {
            return Flux.error(new PluginFailureException(id, e));
        }
        long[] last = {-1};
        return applied
                .doOnSubscribe(subscription -> running.accept(id))
                .onErrorMap(error -> error != upstreamError.get() && !(error instanceof PluginFailureException),
                        error -> new PluginFailureException(id, error))
                .handle((step, sink) -> {
                    if (step.step() <= last[0]) {
                        sink.error(new PluginFailureException(id, new IllegalStateException("published step "
                                + step.step() + " after step " + last[0]
                                + ": expected strictly increasing step indexes (a plugin may drop steps, never"
                                + " send one again; early-stopping's restore-best reports its step in the result)")));
                        return;
                    }
                    last[0] = step.step();
                    sink.next(step);
                });
    }
}
