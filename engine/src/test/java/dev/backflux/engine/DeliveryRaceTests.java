package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A subscriber that leaves while a step is handed to it: Reactor's {@code publishOn} meets its own disposed worker,
 * and must not report that as a dropped error (by default an ERROR log line with a stack trace). Shared runs deliver
 * through {@link QuietWorkers} for that.
 */
class DeliveryRaceTests {

    @Test
    void aSubscriberLeavingAsAStepIsHandedToItDropsNoError() {
        assertEquals(List.of(), droppedWhenCancelledWhileScheduling(true));
    }

    @Test
    void withoutQuietWorkersPublishOnDropsTheRejection() {
        List<Throwable> dropped = droppedWhenCancelledWhileScheduling(false);
        assertEquals(1, dropped.size(), dropped.toString());
        assertTrue(dropped.get(0) instanceof RejectedExecutionException, dropped.toString());
    }

    /**
     * The race made deterministic: the worker's {@code schedule} first cancels the subscriber (as its own thread
     * would, a moment earlier), which disposes the worker, then schedules on it.
     */
    private static List<Throwable> droppedWhenCancelledWhileScheduling(boolean quiet) {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        try {
            AtomicReference<Disposable> subscriber = new AtomicReference<>();
            Scheduler cancelling = new CancellingScheduler(subscriber);
            BaseSubscriber<Integer> leaving = new BaseSubscriber<>() { };
            subscriber.set(leaving);
            Flux.range(1, 3).publishOn(quiet ? new QuietWorkers(cancelling) : cancelling, 1).subscribe(leaving);
            assertTrue(leaving.isDisposed());
            return List.copyOf(dropped);
        } finally {
            Hooks.resetOnErrorDropped();
        }
    }

    /** Reactor's immediate scheduler, whose workers cancel a subscriber before they schedule. */
    private static final class CancellingScheduler implements Scheduler {
        private final AtomicReference<Disposable> subscriber;

        CancellingScheduler(AtomicReference<Disposable> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public Disposable schedule(Runnable task) {
            return Schedulers.immediate().schedule(task);
        }

        @Override
        public Worker createWorker() {
            Worker immediate = Schedulers.immediate().createWorker();
            return new Worker() {
                @Override
                public Disposable schedule(Runnable task) {
                    subscriber.get().dispose();
                    return immediate.schedule(task);
                }

                @Override
                public void dispose() {
                    immediate.dispose();
                }

                @Override
                public boolean isDisposed() {
                    return immediate.isDisposed();
                }
            };
        }
    }

    @Test
    void aDisposedWorkerRefusesQuietlyAndALiveOneRuns() throws InterruptedException {
        Scheduler quiet = new QuietWorkers(Schedulers.newSingle("quiet-test", true));
        try {
            Scheduler.Worker worker = quiet.createWorker();
            CountDownLatch ran = new CountDownLatch(1);
            worker.schedule(ran::countDown);
            assertTrue(ran.await(10, TimeUnit.SECONDS));

            worker.dispose();
            Disposable refused = worker.schedule(() -> { throw new AssertionError("ran after dispose"); });
            assertTrue(refused.isDisposed());
            assertTrue(worker.schedule(() -> { }, 1, TimeUnit.MILLISECONDS).isDisposed());
            assertFalse(quiet.isDisposed());
        } finally {
            quiet.dispose();
        }
        assertTrue(quiet.isDisposed());
        Scheduler.Worker afterShutdown = quiet.createWorker();
        assertThrows(RejectedExecutionException.class, () -> afterShutdown.schedule(() -> { }),
                "a worker of a disposed scheduler is disposed too: it refuses quietly, or the scheduler throws");
    }

    @Test
    void sharedRunsDeliverThroughQuietWorkers() {
        assertSame(QuietWorkers.class, DeliveryThreads.get().getClass());
    }
}
