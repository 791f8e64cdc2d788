package dev.backflux.engine;

import reactor.core.scheduler.Scheduler;

/**
 * The threads that shared runs deliver steps to their subscribers on, created on first use and shared by
 * every run of the JVM: one daemon thread per core taking tasks from one queue ({@link DaemonScheduler}),
 * which no run ever computes on, so that a run started on any scheduler cannot keep its subscribers waiting,
 * and a subscriber's code cannot slow a run. Its workers refuse quietly once disposed ({@link QuietWorkers}): a
 * subscriber that leaves as a step is handed to it logs nothing.
 */
final class DeliveryThreads {

    private DeliveryThreads() {
    }

    private static final class Holder {
        static final Scheduler INSTANCE = new QuietWorkers(DaemonScheduler.create("backflux-delivery"));
    }

    /** Where shared runs deliver their steps. */
    static Scheduler get() {
        return Holder.INSTANCE;
    }
}
