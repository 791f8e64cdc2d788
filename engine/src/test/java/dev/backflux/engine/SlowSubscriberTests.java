package dev.backflux.engine;

import dev.backflux.testing.Tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * How many steps wait for a subscriber that stalls, as {@code TrainingRun.steps()} documents: at most two when
 * it requests a step at a time, as {@code publishOn(scheduler, 1)} does. (A plain {@code publishOn(scheduler)}
 * may queue up to its prefetch of 256, depending on how fast the delivery thread relays steps while the
 * subscriber stalls: the README says so; it is not a count a test can pin down.)
 */
class SlowSubscriberTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long AHEAD = 1_000;

    /** Plain threads: the gated run and the stalled subscriber block while they wait. */
    private final ExecutorService runThread = Executors.newSingleThreadExecutor();
    private final ExecutorService consumerThread = Executors.newSingleThreadExecutor();
    private final Scheduler runScheduler = Schedulers.fromExecutorService(runThread);
    private final Scheduler consumer = Schedulers.fromExecutorService(consumerThread);
    private final GatedActivation gate = new GatedActivation(2);

    @AfterEach
    void stop() {
        gate.release(1_000_000);
        runScheduler.dispose();
        consumer.dispose();
    }

    @Test
    void aSubscriberThatRequestsOneStepAtATimeHasAtMostTwoStepsWaitingForIt() throws Exception {
        long stale = staleStepsAfterAStall(steps -> steps.publishOn(consumer, 1));

        assertTrue(stale <= 2, stale + " older steps waited for the subscriber");
    }

    /**
     * Lets the subscriber take step 0 and stall in it while the run goes {@link #AHEAD} steps further, then
     * counts the older steps it receives before the step that was the latest when it resumed.
     */
    private long staleStepsAfterAStall(Function<Flux<TrainingStep>, Flux<TrainingStep>> subscription)
            throws Exception {
        TrainingRun run = Trainer.training(Network.builder().layerSizes(3, 4, 1).activation(gate).build(),
                Tutorial.XOR).steps(Long.MAX_VALUE).configuration(Map.of()).build().start(runScheduler);
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        List<Long> received = new CopyOnWriteArrayList<>();
        Disposable subscriber = subscription.apply(run.steps()).subscribe(step -> {
            received.add(step.step());
            if (step.step() == 0) {
                stalled.countDown();
                await(resume);
            }
        });
        gate.release(1);
        await(stalled);

        gate.release((int) AHEAD);
        run.steps().filter(step -> step.step() == AHEAD).blockFirst(WAIT);
        resume.countDown();
        Flux.interval(Duration.ofMillis(1)).takeUntil(tick -> received.contains(AHEAD)).blockLast(WAIT);

        subscriber.dispose();
        run.cancel();
        return received.stream().filter(step -> step > 0 && step < AHEAD).count();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
