package dev.backflux.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows the short lock Reactor takes when it cancels a task it has scheduled: with
 * {@code setRemoveOnCancelPolicy(true)}, which Backflux's schedulers use, cancelling a task removes it from its
 * {@code ScheduledThreadPoolExecutor}'s queue, whose lock parks the cancelling thread for a moment when another
 * thread holds it. reactor-core 3.8's own BlockHound integration allows the queue's {@code offer} and
 * {@code take}, and cancellation through {@code WorkerTask.dispose} and {@code SchedulerTask.dispose}, but not
 * the other ways Reactor cancels: {@code PeriodicWorkerTask.dispose} ({@code Flux.interval}, used by
 * {@code TrainingViews.atMostOnePer}) and {@code WorkerTask.setFuture}, which cancels a task whose worker was
 * disposed while the task was being scheduled (a subscriber leaving as a step is handed to it).
 *
 * <p>This matters beyond a false report: BlockHound throws from inside the lock's acquisition, which leaves a
 * waiter that will never take the lock in the lock's queue, and then every later waiter of that lock (the
 * executor's own idle threads) waits for ever. So the queue's {@code remove} is allowed, whoever calls it: the
 * same lock, held as briefly, as the {@code offer} Reactor's integration allows. {@code QueueLockTests} (engine)
 * shows the {@code setFuture} case.
 */
public final class ReactorCancelAllowance implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue",
                "remove");
    }
}
