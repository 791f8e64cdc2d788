package dev.backflux.engine;

import reactor.core.scheduler.Scheduler;

/**
 * The threads that {@code Training.start()} computes shared runs on, created on first use and shared by every
 * run of the JVM: one daemon thread per core taking tasks from one queue ({@link DaemonScheduler}). Shared
 * runs compute in slices ({@link SlicedDriver}), so with more runs than cores they take turns. (See
 * {@link dev.backflux.api.Training#start()} for why they are not Reactor's shared {@code parallel} scheduler.)
 */
final class TrainingThreads {

    private TrainingThreads() {
    }

    private static final class Holder {
        static final Scheduler INSTANCE = DaemonScheduler.create("backflux-training");
    }

    /** Where shared runs compute by default. */
    static Scheduler get() {
        return Holder.INSTANCE;
    }
}
