package dev.backflux.plugins;

import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * One run's progress: the training thread hands it each step, and a worker of the drawing scheduler shows
 * the newest one every interval, with that step's own error and the rate measured at that moment.
 *
 * <p>Per step the training thread only stores a reference ({@code lazySet}: no fence on x86); it reads no clock, formats nothing and takes no lock. Everything else
 * (opening the display, which may ask whether standard error is a terminal, reading the error, formatting,
 * writing, closing) runs on the worker, one task at a time.
 */
final class ProgressDrawing {

    private final long requested;
    private final LongSupplier nanoClock;
    private final long start;
    private final Scheduler.Worker worker;
    private final Disposable ticks;
    private final AtomicReference<TrainingStep> latest = new AtomicReference<>();
    /** The index of the run's first step: a resumed run's steps are counted from it. */
    private volatile long first = -1;

    /** The worker's own: the display, once opened, and the index of the step it last showed. */
    private ProgressDisplay display;
    private long shown = -1;

    /**
     * Starts drawing: opens the display on the worker at once, then shows the newest step every interval.
     *
     * @param requested the number of steps the run was asked for
     * @param interval the time between two showings
     * @param scheduler where the display is opened, shown and closed; its threads may block
     * @param nanoClock the time in nanoseconds, read on the worker only
     * @param opener opens the display, on the worker
     */
    ProgressDrawing(long requested, Duration interval, Scheduler scheduler, LongSupplier nanoClock,
                    Supplier<ProgressDisplay> opener) {
        this.requested = requested;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.worker = scheduler.createWorker();
        worker.schedule(() -> display = opener.get());
        long every = interval.toNanos();
        this.ticks = worker.schedulePeriodically(this::showLatest, every, every, TimeUnit.NANOSECONDS);
    }

    /** On the training thread: keeps the step as the newest (steps arrive in increasing order), and the first. */
    void onStep(TrainingStep step) {
        if (first < 0) {
            first = step.step();
        }
        latest.lazySet(step);
    }

    /**
     * Stops the interval showings, shows the last step and closes the display on the worker, then calls
     * {@code closed}; returns at once.
     */
    void close(Runnable closed) {
        try {
            worker.schedule(() -> {
                try {
                    ticks.dispose();
                    showLatest();
                    if (display != null) {
                        display.close();
                    }
                } finally {
                    worker.dispose();
                    closed.run();
                }
            });
        } catch (RejectedExecutionException e) {
            // The scheduler is shut down: nothing can be drawn, and the run must still complete.
            worker.dispose();
            closed.run();
        }
    }

    private void showLatest() {
        TrainingStep step = latest.get();
        if (display == null || step == null || step.step() == shown) {
            return;
        }
        shown = step.step();
        // Counted from the run's first step: a run resumed at step 10,000 for 10,000 steps is at 100% at 19,999.
        display.show(new ProgressFigures(step.step() - Math.max(first, 0), requested, step.meanAbsoluteError(),
                nanoClock.getAsLong() - start));
    }
}
