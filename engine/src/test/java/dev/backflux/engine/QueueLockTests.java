package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The lock of a {@code ScheduledThreadPoolExecutor}'s queue, taken by Reactor on a non-blocking thread while
 * BlockHound is installed (the whole engine suite). When a worker is disposed while one of its tasks is being
 * scheduled, Reactor's {@code WorkerTask.setFuture} cancels the new task, and its removal waits a moment for the
 * queue's lock if another thread holds it. Had BlockHound thrown there, it would have thrown from inside the
 * lock's acquisition and left a dead waiter in the lock's queue: every later waiter of that lock, the
 * executor's own idle threads included, would wait for ever. That is how the delivery threads of a whole test
 * JVM stopped, once in a few CI runs, in the middle of {@code TrainingRunTests}' churn of subscribers
 * (both delivery threads parked in {@code DelayedWorkQueue.take} with tasks queued). Test-support's
 * {@code ReactorCancelAllowance} allows the queue's {@code remove}, as Reactor's own integration allows its
 * {@code offer} and {@code take}.
 */
class QueueLockTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aTaskCancelledAsItIsScheduledWaitsForTheQueuesLockAndTheExecutorGoesOnWorking() throws Exception {
        Throwable sleeping = Mono.fromCallable(() -> {
            try {
                Thread.sleep(1);
                return new AtomicReference<Throwable>();
            } catch (Throwable t) {
                return new AtomicReference<>(t);
            }
        }).subscribeOn(Schedulers.parallel()).block(WAIT).get();
        assertInstanceOf(BlockingOperationError.class, sleeping, "BlockHound is installed, as in the whole suite");

        ContendedExecutor executor = new ContendedExecutor();
        executor.prestartAllCoreThreads();
        Scheduler scheduler = Schedulers.fromExecutorService(executor, "contended");
        Scheduler.Worker worker = scheduler.createWorker();
        executor.whileScheduling = worker::dispose;

        Throwable thrown = Mono.fromCallable(() -> {
            try {
                worker.schedule(() -> { }, 1, TimeUnit.HOURS);
                return new AtomicReference<Throwable>();
            } catch (Throwable t) {
                return new AtomicReference<>(t);
            }
        }).subscribeOn(Schedulers.parallel()).block(WAIT).get();

        assertEquals(1, executor.contendedRemovals, "the cancelled task's removal waited for the held lock");
        // On a thread of its own: with a dead waiter in the lock's queue, queueing a task would wait for ever.
        CompletableFuture<String> after = CompletableFuture.supplyAsync(() -> {
            try {
                return executor.submit(() -> "ran").get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                scheduler.dispose();
            }
        }, task -> daemon(task).start());
        try {
            assertEquals("ran", after.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            fail("the executor stopped: a task queued after the cancellation did not run in " + WAIT
                    + "; scheduling threw " + thrown);
        }
        assertNull(thrown, () -> "scheduling threw " + thrown);
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "queue-lock-test");
        thread.setDaemon(true);
        return thread;
    }

    /**
     * An executor that, while a task is scheduled, runs {@link #whileScheduling} (here: disposes the worker
     * scheduling it, so that Reactor cancels the task as soon as it has it) and makes the cancelled task's
     * removal find its queue's lock held by another thread for a moment.
     */
    private static final class ContendedExecutor extends ScheduledThreadPoolExecutor {
        volatile Runnable whileScheduling;
        volatile int contendedRemovals;

        ContendedExecutor() {
            super(2);
            setRemoveOnCancelPolicy(true);
        }

        @Override
        protected <V> RunnableScheduledFuture<V> decorateTask(Callable<V> callable,
                RunnableScheduledFuture<V> task) {
            Runnable hook = whileScheduling;
            whileScheduling = null;
            if (hook != null) {
                hook.run();
            }
            return task;
        }

        @Override
        public boolean remove(Runnable task) {
            if (getQueue().contains(task)) {
                holdQueueLockForAMoment();
                contendedRemovals++;
            }
            return super.remove(task);
        }

        /**
         * Holds the queue's lock from another thread (which compares a probe with each queued task under it),
         * and returns once it holds it. Waits by spinning on a volatile flag: this runs on the non-blocking
         * thread under test, where a latch's wait would itself be a blocking call.
         */
        private void holdQueueLockForAMoment() {
            AtomicBoolean holding = new AtomicBoolean();
            Object probe = new Object() {
                @Override
                public boolean equals(Object other) {
                    holding.set(true);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return false;
                }

                @Override
                public int hashCode() {
                    return 0;
                }
            };
            daemon(() -> getQueue().remove(probe)).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!holding.get()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the holder never took the queue's lock");
                }
            }
        }
    }
}
