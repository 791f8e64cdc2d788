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
 *   <li><b>Hot.</b> The run computes from {@code start()} until every step ran, a plugin stopped it, it
 *       failed, or {@link #cancel()} was called. It does <em>not</em> stop when its subscribers leave: a
 *       service's run outlives a closed browser tab. Only {@link #cancel()} stops it early.</li>
 *   <li><b>Latest, then live.</b> A subscriber first receives the latest step (if any), then the live
 *       ones. A subscriber that falls behind skips steps; it never holds the run back (see {@link #steps()}
 *       for how many steps may wait for it). Use {@link Training#flux()} instead to see every step.</li>
 *   <li><b>Threads.</b> Subscribers receive steps on Backflux's delivery threads (one per core, daemon),
 *       never on a thread that computes a run, so their code cannot slow the run; it must not block.</li>
 *   <li><b>Errors.</b> An exception in one subscriber's {@code onNext} ends that subscription only: the
 *       run is shared, and goes on for the others.</li>
 *   <li><b>End, once.</b> A run ends once, however it ends: completed, stopped by a plugin, cancelled, or
 *       failed (a divergence, a plugin's failure, a full disk, a step that ran out of memory). Its end is
 *       decided after every plugin's pending work, then {@link #result()} emits it, {@link #isDone()} turns
 *       true, and every subscriber, present or future, receives the last step and completes (or receives the
 *       run's error). {@link #latest()} is then the last step the run published.</li>
 * </ul>
 */
public interface TrainingRun {

    /**
     * Returns the run's steps: the latest one, then the live ones, skipping those a slow subscriber cannot
     * take, with strictly increasing indexes. Each subscription is independent; cancelling it does not stop
     * the run.
     *
     * <p><b>How much waits for a slow subscriber.</b> At most two steps: one that Backflux holds for it (the
     * latest, replaced by each newer step) and one handed to its delivery thread. That holds for a subscriber
     * that requests a few steps at a time, as {@code subscribe(...)}, {@code publishOn(scheduler, 1)},
     * {@code limitRate(1)}, {@code concatMap(..., 1)} or {@link TrainingViews#atMostOnePer} do. An operator
     * that requests many steps at once and queues them holds that many: a plain
     * {@code publishOn(scheduler)} asks for 256 steps, and a slow consumer behind it keeps up to 256 steps
     * alive (hundreds of megabytes for a wide network). Write {@code publishOn(scheduler, 1)} instead.
     *
     * @return the steps, never {@code null}
     */
    Flux<TrainingStep> steps();

    /**
     * Returns how the run ended, once it has: {@code COMPLETED}, {@code STOPPED} by a plugin,
     * {@code CANCELLED} through {@link #cancel()}, or {@code FAILED} with its error. It emits after every
     * plugin's pending work and end listener, before the subscribers of {@link #steps()} complete.
     *
     * @return the result, the same for every subscriber; never {@code null}
     */
    Mono<TrainingResult> result();

    /**
     * Returns the latest step the run has published.
     *
     * @return the step, or an empty optional before the first
     */
    Optional<TrainingStep> latest();

    /**
     * Stops the run before its next step, releasing its thread within one step; the plugins see the stream
     * complete, finish their pending work, and then {@link #result()} emits a {@code CANCELLED} result whose
     * last step is the last one published, and the subscribers complete. A run that has not started yet ends
     * at once, with no step. Calling it again, or after the run ended, does nothing.
     */
    void cancel();

    /**
     * Tells whether the run has ended, however; true exactly when {@link #result()} has its value.
     *
     * @return {@code true} once the run completed, stopped, failed or was cancelled
     */
    boolean isDone();
}
