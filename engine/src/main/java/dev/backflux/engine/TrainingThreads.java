package dev.backflux.engine;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.scheduler.NonBlocking;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads that {@code Training.start()} computes shared runs on, created on first use and shared by every
 * run of the JVM: one daemon thread per core, all taking tasks from one queue, so that a task waits only
 * while every thread is busy. Shared runs compute in slices (see {@link SlicedDriver}), so with more runs than
 * cores they take turns. The threads are marked {@link NonBlocking}: nothing may block on them, which
 * BlockHound checks in the tests. (See {@link dev.backflux.api.Training#start()} for why they are not Reactor's
 * shared {@code parallel} scheduler.)
 */
final class TrainingThreads {

    private TrainingThreads() {
    }

    private static final class Holder {
        static final Scheduler INSTANCE = create();
    }

    /** Where shared runs compute by default. */
    static Scheduler get() {
        return Holder.INSTANCE;
    }

    private static Scheduler create() {
        int cores = Runtime.getRuntime().availableProcessors();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(cores, new Factory());
        executor.setRemoveOnCancelPolicy(true);
        return Schedulers.fromExecutorService(executor, "backflux-training");
    }

    private static final class Factory implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new TrainingThread(task, "backflux-training-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /** A training thread: Reactor and BlockHound treat it as non-blocking. */
    private static final class TrainingThread extends Thread implements NonBlocking {
        TrainingThread(Runnable task, String name) {
            super(task, name);
        }
    }
}
