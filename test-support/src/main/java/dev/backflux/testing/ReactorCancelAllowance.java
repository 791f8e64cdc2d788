package dev.backflux.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows the short lock Reactor takes when it cancels a periodic task ({@code Flux.interval}, used by
 * {@code TrainingViews.atMostOnePer}): disposing a {@code PeriodicWorkerTask} removes it from its
 * {@code ScheduledThreadPoolExecutor}'s queue, whose lock parks the cancelling thread for a moment when another
 * thread holds it. reactor-core 3.8.7's own BlockHound integration allows this for {@code WorkerTask} and
 * {@code SchedulerTask} but not for {@code PeriodicWorkerTask}; seen when a view's subscriber ended on a
 * delivery thread (the BlockingOperationError killed the thread). Only that method is allowed.
 */
public final class ReactorCancelAllowance implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("reactor.core.scheduler.PeriodicWorkerTask", "dispose");
    }
}
