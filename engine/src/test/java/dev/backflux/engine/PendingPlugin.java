package dev.backflux.engine;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.StepPlugin;
import java.util.concurrent.CountDownLatch;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Test-only: holds the end of each run on pending work that the test finishes ({@link #work}), and tells when the
 * engine started to wait for it ({@link #awaited}). Static, so one test at a time uses it: call {@link #reset()}.
 */
public final class PendingPlugin implements StepPlugin {

    static volatile Sinks.Empty<Void> work = Sinks.empty();
    static volatile CountDownLatch awaited = new CountDownLatch(1);

    static void reset() {
        work = Sinks.empty();
        awaited = new CountDownLatch(1);
    }

    @Override
    public String id() {
        return "pending";
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        Sinks.Empty<Void> pending = work;
        CountDownLatch subscribed = awaited;
        context.completeAfter(pending.asMono().doOnSubscribe(s -> subscribed.countDown()));
        return steps;
    }
}
