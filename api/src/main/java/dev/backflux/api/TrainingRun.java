package dev.backflux.api;

import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One training run that is already computing, watched by any number of subscribers: what a reactive
 * service shares between a log, a metrics gauge and a browser tab that joins late. Obtained from
 * {@link Training#start()}.
 *
 * <ul>
 *   <li><b>Hot.</b> The run computes as fast as its scheduler allows, from {@code start()} until every step
 *       ran, a plugin stopped it, it failed, or {@link #cancel()} was called. It does <em>not</em> stop when
 *       its subscribers leave: a service's run outlives a closed browser tab. Only {@link #cancel()} stops
 *       it early.</li>
 *   <li><b>Latest, then live.</b> A subscriber first receives the latest step (if any), then the live
 *       ones. A subscriber that falls behind skips steps: it receives the latest step each time it asks
 *       for one. It never holds the run back and never makes memory grow (one step waits for it at most).
 *       Use {@link Training#flux()} instead to see every step.</li>
 *   <li><b>Threads.</b> Subscribers receive steps on Backflux's delivery threads (one per core, daemon),
 *       never on the run's thread and never on a thread a run occupies, so their code cannot slow the run;
 *       it must not block.</li>
 *   <li><b>Errors.</b> An exception in one subscriber's {@code onNext} ends that subscription only: the
 *       run is shared, and goes on for the others.</li>
 *   <li><b>End.</b> When the run ends, every subscriber, present or future, receives the last step and
 *       then completes (or the run's error); {@link #result()} says how it ended.</li>
 * </ul>
 */
public interface TrainingRun {

    /**
     * Returns the run's steps: the latest one, then the live ones, skipping those a slow subscriber cannot
     * take. Each subscription is independent; cancelling it does not stop the run.
     *
     * @return the steps, never {@code null}
     */
    Flux<TrainingStep> steps();

    /**
     * Returns how the run ended, once it has: {@code COMPLETED}, {@code STOPPED} by a plugin,
     * {@code CANCELLED} through {@link #cancel()}, or {@code FAILED} with its error.
     *
     * @return the result, the same for every subscriber; never {@code null}
     */
    Mono<TrainingResult> result();

    /**
     * Returns the latest step the run has computed.
     *
     * @return the step, or an empty optional before the first
     */
    Optional<TrainingStep> latest();

    /**
     * Stops the run within one step, releasing its thread; subscribers then complete and {@link #result()}
     * emits a {@code CANCELLED} result. Calling it again, or after the run ended, does nothing.
     */
    void cancel();

    /**
     * Tells whether the run has ended, however.
     *
     * @return {@code true} once the run completed, stopped, failed or was cancelled
     */
    boolean isDone();
}
