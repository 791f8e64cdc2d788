package dev.backflux.plugins;

import dev.backflux.testing.CapturedLog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class LoggingPluginTests {

    @Test
    void everyNthStepAndASummaryAreLogged() {
        try (CapturedLog log = new CapturedLog(LoggingPlugin.class, Level.INFO)) {
            StepVerifier.create(Xor.training(Network.of(3, 4, 1), 25).plugin("logging", Map.of("every", 10L)).build().flux())
                    .expectNextCount(25)
                    .verifyComplete();

            List<String> lines = log.events().stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
            assertEquals(4, lines.size(), lines.toString());
            assertEquals("step 0 error 0.49641003190272537", lines.get(0));
            assertTrue(lines.get(1).startsWith("step 10 error 0.4"), lines.get(1));
            assertTrue(lines.get(2).startsWith("step 20 error 0.4"), lines.get(2));
            String summary = lines.get(3);
            assertTrue(summary.startsWith("Training COMPLETED: ran all 25 requested steps; 25 steps, final error 0.4"),
                    summary);
            assertTrue(summary.matches(".*best error 0\\.4\\d+ at step 24, accuracy \\d+\\.\\d%, \\d+ ms, \\d+ steps/s"),
                    summary);
            assertTrue(log.events().stream().allMatch(e -> e.getLevel() == Level.INFO));
        }
    }

    @Test
    void theSummaryGivesTheAccuracyWhenTheTargetsAreClasses() {
        try (CapturedLog log = new CapturedLog(LoggingPlugin.class, Level.INFO)) {
            TrainingData withValidation = Xor.DATA.withValidation(new double[][] {{0, 1, 1}, {1, 1, 1}},
                    new double[][] {{1}, {1}});
            TrainingResult result = Trainer.training(Network.of(3, 4, 1), withValidation).steps(10_000)
                    .plugin("logging", Map.of("every", 1_000_000L)).configuration(Map.of()).build().result().block();

            String summary = log.events().get(log.events().size() - 1).getFormattedMessage();
            assertEquals(1.0, result.accuracy().getAsDouble(), "the tutorial's network learns all four rows");
            assertEquals(0.5, result.validationAccuracy().getAsDouble(), "[1,1,1] is a training row whose target is 0");
            assertTrue(summary.contains(", accuracy 100.0% (validation 50.0%), "), summary);
        }
    }

    @Test
    void theSummarySaysWhichPluginStoppedTheRunAndWhy() {
        try (CapturedLog log = new CapturedLog(LoggingPlugin.class, Level.INFO)) {
            Xor.training(Network.of(3, 4, 1), 1_000)
                    .plugin("logging", Map.of("every", 1_000_000L))
                    .plugin("early-stopping", Map.of("max-steps", 12L))
                    .build().flux().blockLast();

            String summary = log.events().get(log.events().size() - 1).getFormattedMessage();
            assertTrue(summary.startsWith("Training STOPPED by early-stopping: max-steps 12 reached (at step 11); 12 steps"),
                    summary);
        }
    }

    @Test
    void aCancelledRunIsSummarisedAsCancelled() {
        try (CapturedLog log = new CapturedLog(LoggingPlugin.class, Level.INFO)) {
            Xor.training(Network.of(3, 4, 1), 1_000).plugin("logging").build().flux().take(3).blockLast();

            String summary = log.events().get(log.events().size() - 1).getFormattedMessage();
            assertTrue(summary.startsWith("Training CANCELLED: cancelled by the subscriber after 3 steps; 3 steps"), summary);
        }
    }

    @Test
    void aFailedRunIsSummarisedAtWarn() {
        try (CapturedLog log = new CapturedLog(LoggingPlugin.class, Level.INFO)) {
            Network overflowing = Network.builder().layerSizes(3, 1).weights(new double[][] {{1e308}, {1e308}, {1e308}})
                    .build();
            TrainingResult result = Xor.training(overflowing, 10).plugin("logging").plugin("identity").build()
                    .result().block();

            assertEquals(TrainingResult.Reason.FAILED, result.reason());
            ILoggingEvent last = log.events().get(log.events().size() - 1);
            assertEquals(Level.WARN, last.getLevel());
            assertTrue(last.getFormattedMessage().startsWith("Training FAILED: dev.backflux.api.TrainingDivergedException"),
                    last.getFormattedMessage());
        }
    }

    @Test
    void theConfiguredLevelIsUsed() {
        try (CapturedLog log = new CapturedLog(LoggingPlugin.class, Level.DEBUG)) {
            Xor.training(Network.of(3, 4, 1), 5).plugin("logging", Map.of("every", "2", "level", "debug"))
                    .build().flux().blockLast();

            assertEquals(4, log.events().size());
            assertTrue(log.events().stream().allMatch(e -> e.getLevel() == Level.DEBUG));
        }
    }

    @Test
    void nothingIsLoggedWhenTheLevelIsOff() {
        try (CapturedLog log = new CapturedLog(LoggingPlugin.class, Level.OFF)) {
            long steps = Xor.training(Network.of(3, 4, 1), 100).plugin("logging", Map.of("every", 1L))
                    .build().flux().count().block();

            assertEquals(100, steps);
            assertEquals(List.of(), log.events());
        }
    }
}
