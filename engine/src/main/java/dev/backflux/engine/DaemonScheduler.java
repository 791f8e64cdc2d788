package dev.backflux.engine;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.scheduler.NonBlocking;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Makes the engine's own schedulers: one daemon thread per core, all taking tasks from one queue, so that a
 * task waits only while every thread is busy. The threads are marked {@link NonBlocking}: nothing may block on
 * them, which BlockHound checks in the tests.
 *
 * <p>Built with {@code Schedulers.fromExecutorService}, not {@code Schedulers.newParallel}: the latter goes
 * through Reactor's pluggable factory, which a test's {@code VirtualTimeScheduler} replaces for a while; a
 * scheduler created then would be that virtual one, disposed when the test ends, for the rest of the JVM.
 */
final class DaemonScheduler {

    private DaemonScheduler() {
    }

    private static final java.util.Map<Scheduler, ScheduledThreadPoolExecutor> EXECUTORS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** The queue and threads of a scheduler made here, to tell where a run that does not move is waiting. */
    static String describe(Scheduler scheduler) {
        ScheduledThreadPoolExecutor executor = EXECUTORS.get(
                scheduler instanceof QuietWorkers ? ((QuietWorkers) scheduler).delegate() : scheduler);
        if (executor == null) {
            return "(not made here)";
        }
        return "[queued=" + executor.getQueue().size() + ", active=" + executor.getActiveCount() + ", threads="
                + executor.getPoolSize() + ", completed=" + executor.getCompletedTaskCount() + "]";
    }

    /** A scheduler of one thread per core named {@code name-1}, {@code name-2}, ... */
    static Scheduler create(String name) {
        int cores = Runtime.getRuntime().availableProcessors();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(cores, new Factory(name));
        executor.setRemoveOnCancelPolicy(true);
        Scheduler scheduler = Schedulers.fromExecutorService(executor, name);
        EXECUTORS.put(scheduler, executor);
        return scheduler;
    }

    private static final class Factory implements ThreadFactory {
        private final String name;
        private final AtomicInteger count = new AtomicInteger();

        Factory(String name) {
            this.name = name;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new EngineThread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /** A thread of the engine's: Reactor and BlockHound treat it as non-blocking. */
    private static final class EngineThread extends Thread implements NonBlocking {
        EngineThread(Runnable task, String name) {
            super(task, name);
        }
    }
}
