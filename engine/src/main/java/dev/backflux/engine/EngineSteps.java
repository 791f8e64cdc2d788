package dev.backflux.engine;

import dev.backflux.api.Network;
import dev.backflux.api.StepFailedException;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingDivergedException;
import dev.backflux.api.TrainingStep;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Flux;

/**
 * The engine's own steps, before any plugin: one {@link StepSequence} per subscription, one step per request
 * ({@code Flux.generate}), computed on the requesting thread.
 *
 * <p>Whatever computing a step throws ends the stream with an error signal, never a throw up the caller's
 * stack: a divergence as itself, anything else (an activation's exception, and also an
 * {@code OutOfMemoryError} or {@code StackOverflowError}, which Reactor would rethrow as fatal and so leave a
 * started run without an end) as a {@link StepFailedException} naming the step. The memory of the failed
 * step is unreachable by then, so the run can still end cleanly.
 */
final class EngineSteps {

    private EngineSteps() {
    }

    /**
     * The steps of one run of {@code network} on {@code data}: {@code steps} of them at most; they complete
     * before the next step once {@code stop} says so (a flag read once a step, on the computing thread, so
     * that the run's last published step is the one before it: no signal races a step in flight).
     */
    static Flux<TrainingStep> of(Network network, ActivationSource source, TrainingData data, long steps,
            long firstStep, BooleanSupplier stop) {
        return Flux.generate(Sequence::new, (sequence, sink) -> {
            if (stop.getAsBoolean()) {
                sink.complete();
                return sequence;
            }
            TrainingStep step;
            try {
                step = sequence.next(network, source, data, steps, firstStep);
            } catch (TrainingDivergedException e) {
                sink.error(e);
                return sequence;
            } catch (Throwable e) {
                sink.error(new StepFailedException(sequence.nextIndex(), e));
                return sequence;
            }
            sink.next(step);
            if (sequence.isDone()) {
                sink.complete();
            }
            return sequence;
        });
    }

    /** Creates the run's state with its first step, so that allocating the initial weights fails like a step. */
    private static final class Sequence {
        private StepSequence steps;
        private long first;

        TrainingStep next(Network network, ActivationSource source, TrainingData data, long count, long first) {
            this.first = first;
            if (steps == null) {
                steps = new StepSequence(network, source, data, count, first);
            }
            return steps.next();
        }

        long nextIndex() {
            return steps == null ? first : steps.nextIndex();
        }

        boolean isDone() {
            return steps.isDone();
        }
    }
}
