package dev.backflux.engine;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The scheduler {@code Training.start()} runs on: one daemon thread per core, created on first use and
 * shared by every run of the JVM (see {@link dev.backflux.api.Training#start()} for why it is not Reactor's
 * shared {@code parallel} scheduler).
 */
final class TrainingScheduler {

    private TrainingScheduler() {
    }

    private static final class Holder {
        static final Scheduler INSTANCE = Schedulers.newParallel("backflux-training",
                Runtime.getRuntime().availableProcessors(), true);
    }

    static Scheduler get() {
        return Holder.INSTANCE;
    }
}
