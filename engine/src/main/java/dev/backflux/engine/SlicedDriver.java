package dev.backflux.engine;

import dev.backflux.api.TrainingStep;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Scheduler;

/**
 * Drives a shared run: requests its steps in slices of about {@link #SLICE_NANOS}, each slice a task of its
 * own on the run's scheduler, so that runs share the scheduler's threads instead of holding one each. Since
 * the engine computes one step per request on the requesting thread, a slice computes on the thread that runs
 * its task; when the slice's last step has arrived and its request has returned, the next slice goes to the
 * back of the scheduler's queue.
 *
 * <p>The slice size adapts to the step time: it doubles while a slice takes less than half the target and
 * halves while it takes more than twice, so that a tiny network does not pay a task per step and a wide one
 * does not hold a thread for long. Whatever a slice's request throws (a fatal error that Reactor rethrows
 * from a plugin's operator), and whatever {@code onStep} throws, goes to {@code onFatal}. Terminal signals are
 * ignored: the run's end is published by its {@link RunEnd}.
 */
final class SlicedDriver extends BaseSubscriber<TrainingStep> {

    /** The target duration of a slice. */
    static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private static final long MAX_SLICE = 1 << 20;

    private final Scheduler scheduler;
    private final Consumer<TrainingStep> onStep;
    private final Consumer<Throwable> onFatal;
    /** Two parties end a slice: its last step, and the return of its request. */
    private final AtomicInteger parties = new AtomicInteger();
    private long sliceSize = 1;
    private long remaining;
    private long sliceStart;

    SlicedDriver(Scheduler scheduler, Consumer<TrainingStep> onStep, Consumer<Throwable> onFatal) {
        this.scheduler = scheduler;
        this.onStep = onStep;
        this.onFatal = onFatal;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        try {
            slice();
        } catch (Throwable fatal) {
            fail(fatal);
        }
    }

    @Override
    protected void hookOnNext(TrainingStep step) {
        try {
            onStep.accept(step);
            if (--remaining == 0) {
                arrive();
            }
        } catch (Throwable fatal) {
            fail(fatal);
        }
    }

    /**
     * Whatever a hook throws fails the run, then no further step is asked for. Left to BaseSubscriber, it would
     * cancel the run as if its subscriber had, and lose the error.
     */
    private void fail(Throwable fatal) {
        onFatal.accept(fatal);
        dispose();
    }

    @Override
    protected void hookOnComplete() {
        // The run's end is published by its RunEnd.
    }

    @Override
    protected void hookOnError(Throwable throwable) {
        // The run's end, errors included, is published by its RunEnd.
    }

    /** Computes one slice on the current thread. */
    private void slice() {
        remaining = sliceSize;
        parties.set(2);
        sliceStart = scheduler.now(TimeUnit.NANOSECONDS);
        upstream().request(sliceSize);
        arrive();
    }

    private void arrive() {
        if (parties.decrementAndGet() == 0) {
            adapt(scheduler.now(TimeUnit.NANOSECONDS) - sliceStart);
            scheduleSlice();
        }
    }

    private void adapt(long took) {
        if (took < SLICE_NANOS / 2 && sliceSize < MAX_SLICE) {
            sliceSize *= 2;
        } else if (took > SLICE_NANOS * 2 && sliceSize > 1) {
            sliceSize /= 2;
        }
    }

    private void scheduleSlice() {
        if (isDisposed()) {
            return;
        }
        try {
            scheduler.schedule(() -> {
                try {
                    slice();
                } catch (Throwable fatal) {
                    onFatal.accept(fatal);
                }
            });
        } catch (RejectedExecutionException e) {
            onFatal.accept(e);
        }
    }

    /** The driver's state, to tell where a run that does not move is waiting. */
    @Override
    public String toString() {
        return "SlicedDriver[sliceSize=" + sliceSize + ", remaining=" + remaining + ", parties=" + parties.get()
                + ", disposed=" + isDisposed() + "]";
    }
}
