package dev.backflux.engine;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The schedulers of shared runs, created on first use and shared by every run of the JVM: the one
 * {@code Training.start()} computes on (see {@link dev.backflux.api.Training#start()} for why it is not
 * Reactor's shared {@code parallel} scheduler), and the one steps are delivered to subscribers on, which no
 * run ever occupies, so that a run started on any scheduler cannot keep its subscribers waiting.
 */
final class TrainingScheduler {

    private TrainingScheduler() {
    }

    private static final class Holder {
        static final Scheduler INSTANCE = Schedulers.newParallel("backflux-training",
                Runtime.getRuntime().availableProcessors(), true);
    }

    private static final class DeliveryHolder {
        static final Scheduler INSTANCE = Schedulers.newParallel("backflux-delivery",
                Runtime.getRuntime().availableProcessors(), true);
    }

    /** Where shared runs compute by default: one daemon thread per core. */
    static Scheduler get() {
        return Holder.INSTANCE;
    }

    /** Where shared runs deliver steps to their subscribers: one daemon thread per core, never a run's. */
    static Scheduler delivery() {
        return DeliveryHolder.INSTANCE;
    }
}
