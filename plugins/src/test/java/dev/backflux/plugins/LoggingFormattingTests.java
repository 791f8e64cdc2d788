package dev.backflux.plugins;

import dev.backflux.testing.CapturedLog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The logging plugin alone, on steps that count how often their error is read. */
class LoggingFormattingTests {

    private final AtomicInteger errorReads = new AtomicInteger();

    @Test
    void nothingIsReadOrFormattedWhenTheLevelIsOff() {
        try (CapturedLog log = new CapturedLog(LoggingPlugin.class, Level.OFF)) {
            StepVerifier.create(apply(1L)).expectNextCount(100).verifyComplete();

            assertEquals(0, errorReads.get());
            assertEquals(List.of(), log.events());
        }
    }

    @Test
    void exactlyTheLoggedStepsAreReadWhenTheLevelIsOn() {
        try (CapturedLog log = new CapturedLog(LoggingPlugin.class, Level.INFO)) {
            StepVerifier.create(apply(10L)).expectNextCount(100).verifyComplete();

            assertEquals(10, errorReads.get());
            assertEquals(10, log.events().size());
        }
    }

    private Flux<TrainingStep> apply(long every) {
        return new LoggingPlugin().apply(steps(100), context(every));
    }

    private Flux<TrainingStep> steps(long count) {
        return Flux.fromStream(LongStream.range(0, count).mapToObj(CountingStep::new));
    }

    private PluginContext context(long every) {
        PluginOptions options = PluginOptions.of(new LoggingPlugin(), Map.of("every", every));
        return new PluginContext() {
            @Override
            public PluginOptions options() {
                return options;
            }

            @Override
            public Network network() {
                return Network.of(1, 1);
            }

            @Override
            public TrainingData data() {
                return TrainingData.of(new double[][] {{1}}, new double[][] {{1}});
            }

            @Override
            public long steps() {
                return 100;
            }

            @Override
            public Duration elapsed() {
                return Duration.ZERO;
            }

            @Override
            public void stop(long step, String condition) {
            }

            @Override
            public void restore(TrainingStep step) {
            }

            @Override
            public void completeAfter(Publisher<?> pending) {
            }

            @Override
            public void onEnd(Consumer<TrainingResult> listener) {
            }
        };
    }

    /** A step whose only real content is its index and an error that counts its readers. */
    private final class CountingStep extends ErrorStep {
        CountingStep(long step) {
            super(step, 0.5);
        }

        @Override
        public double meanAbsoluteError() {
            errorReads.incrementAndGet();
            return super.meanAbsoluteError();
        }
    }
}
