package dev.backflux.engine;

import dev.backflux.api.Network;
import dev.backflux.api.PluginFailureException;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingResult.Reason;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One subscription's run: builds its chain (engine, then each step plugin in order), counts its steps,
 * keeps its best step, and turns its end signal and the plugins' stop reports into a {@link TrainingResult}
 * for the end listeners and the caller.
 */
final class RunTracker {

    private static final Logger LOG = LoggerFactory.getLogger(RunTracker.class);

    private final ConfiguredTraining training;
    private final long startNanos = System.nanoTime();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<Pending> pending = new CopyOnWriteArrayList<>();
    private final List<Consumer<TrainingResult>> resultListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicReference<Stop> stop = new AtomicReference<>();

    private volatile long stepsRun;
    private volatile TrainingStep lastStep;
    private volatile TrainingStep bestStep;
    private volatile double bestError = Double.POSITIVE_INFINITY;
    private volatile TrainingResult result;

    RunTracker(ConfiguredTraining training) {
        this.training = training;
    }

    /** Returns this run's steps, after its plugins, with the hooks that end it. */
    Flux<TrainingStep> steps() {
        Flux<TrainingStep> steps = training.engineSteps(this::computed);
        for (PluginSelection.Configured configured : training.selection().stepPlugins) {
            steps = apply(configured, steps);
        }
        return steps
                .doOnComplete(this::completed)
                .concatWith(Flux.defer(() -> Flux.fromIterable(pending)).concatMap(this::awaited).then(Mono.empty()))
                .doOnError(error -> end(Reason.FAILED, String.valueOf(error), null, error))
                .doOnCancel(this::cancelled);
    }

    /** Ends the run as cancelled, unless it has ended already: for a cancellation that may precede its start. */
    void cancelled() {
        end(Reason.CANCELLED, "cancelled by the subscriber after " + stepsRun + " steps", null, null);
    }

    /** Calls {@code listener} once with the result, after the plugins' end listeners; for the engine's own use. */
    void onResult(Consumer<TrainingResult> listener) {
        resultListeners.add(listener);
    }

    /** The result, once the run has ended; null before. */
    TrainingResult result() {
        return result;
    }

    private Flux<TrainingStep> apply(PluginSelection.Configured configured, Flux<TrainingStep> upstream) {
        String id = configured.plugin.id();
        AtomicReference<Throwable> upstreamError = new AtomicReference<>();
        Flux<TrainingStep> marked = upstream.doOnError(upstreamError::set);
        Flux<TrainingStep> applied;
        try {
            applied = Objects.requireNonNull(configured.plugin.apply(marked, new Context(id, configured.options)),
                    "apply(...) returned null");
        } catch (RuntimeException e) {
            return Flux.error(new PluginFailureException(id, e));
        }
        return applied.onErrorMap(error -> error != upstreamError.get() && !(error instanceof PluginFailureException),
                error -> new PluginFailureException(id, error));
    }

    private Mono<Void> awaited(Pending work) {
        return Flux.from(work.publisher).then()
                .onErrorMap(error -> !(error instanceof PluginFailureException),
                        error -> new PluginFailureException(work.pluginId, error));
    }

    private void computed(TrainingStep step) {
        stepsRun = step.step() + 1;
        lastStep = step;
        double error = step.validationMeanAbsoluteError().orElse(step.meanAbsoluteError());
        if (error < bestError) {
            bestError = error;
            bestStep = step;
        }
    }

    private void completed() {
        Stop reported = stop.get();
        if (stepsRun >= training.steps()) {
            end(Reason.COMPLETED, "ran all " + training.steps() + " requested steps", null, null);
        } else if (reported != null) {
            end(Reason.STOPPED, reported.condition + " (at step " + reported.step + ")", reported.pluginId, null);
        } else {
            end(Reason.STOPPED, "the steps ended after " + stepsRun + " of " + training.steps()
                    + " requested steps, without a plugin saying why", null, null);
        }
    }

    private void end(Reason reason, String condition, String stoppedBy, Throwable error) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        TrainingResult ended = new RunResult(reason, condition, stoppedBy, stepsRun, lastStep, bestStep,
                bestError, elapsed(), error);
        result = ended;
        for (Listener listener : listeners) {
            try {
                listener.consumer.accept(ended);
            } catch (RuntimeException e) {
                // The run has ended already: a listener's failure is reported, it does not change the outcome.
                LOG.warn("Plugin '{}' failed while the run ended ({})", listener.pluginId, reason, e);
            }
        }
        resultListeners.forEach(listener -> listener.accept(ended));
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static final class Stop {
        final String pluginId;
        final long step;
        final String condition;

        Stop(String pluginId, long step, String condition) {
            this.pluginId = pluginId;
            this.step = step;
            this.condition = condition;
        }
    }

    private static final class Pending {
        final String pluginId;
        final Publisher<?> publisher;

        Pending(String pluginId, Publisher<?> publisher) {
            this.pluginId = pluginId;
            this.publisher = publisher;
        }
    }

    private static final class Listener {
        final String pluginId;
        final Consumer<TrainingResult> consumer;

        Listener(String pluginId, Consumer<TrainingResult> consumer) {
            this.pluginId = pluginId;
            this.consumer = consumer;
        }
    }

    /** What one plugin sees of this run. */
    private final class Context implements PluginContext {

        private final String pluginId;
        private final PluginOptions options;

        Context(String pluginId, PluginOptions options) {
            this.pluginId = pluginId;
            this.options = options;
        }

        @Override
        public PluginOptions options() {
            return options;
        }

        @Override
        public Network network() {
            return training.network();
        }

        @Override
        public TrainingData data() {
            return training.data();
        }

        @Override
        public long steps() {
            return training.steps();
        }

        @Override
        public Duration elapsed() {
            return RunTracker.this.elapsed();
        }

        @Override
        public boolean stop(long step, String condition) {
            Objects.requireNonNull(condition, "condition");
            stop.compareAndSet(null, new Stop(pluginId, step, condition));
            return true;
        }

        @Override
        public void completeAfter(Publisher<?> work) {
            pending.add(new Pending(pluginId, Objects.requireNonNull(work, "pending")));
        }

        @Override
        public void onEnd(Consumer<TrainingResult> listener) {
            listeners.add(new Listener(pluginId, Objects.requireNonNull(listener, "listener")));
        }
    }
}
