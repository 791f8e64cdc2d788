package dev.backflux.engine.kernels;

import java.util.concurrent.ForkJoinPool;

/**
 * The threads that help the calling thread with a large product: one daemon thread per core but one (the
 * caller is the other). A product never waits for them to start: the caller computes every block that no
 * helper has claimed, so a busy or empty pool only makes a product slower, never stuck.
 */
final class KernelThreads {

    private KernelThreads() {
    }

    private static final class Holder {
        static final int HELPERS = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
        static final ForkJoinPool POOL = HELPERS == 0 ? null : new ForkJoinPool(HELPERS, pool -> {
            var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("backflux-kernel-" + thread.getPoolIndex());
            thread.setDaemon(true);
            return thread;
        }, null, true);
    }

    /** The number of helper threads. */
    static int helpers() {
        return Holder.HELPERS;
    }

    /** Hands a task to a helper; never blocks the caller. */
    static void execute(Runnable task) {
        Holder.POOL.execute(task);
    }
}
