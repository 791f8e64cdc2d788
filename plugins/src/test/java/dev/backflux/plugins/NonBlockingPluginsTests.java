package dev.backflux.plugins;

import dev.backflux.testing.CapturedLog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.backflux.api.Network;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingResult.Reason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingViews;
import reactor.core.publisher.Hooks;
import reactor.test.StepVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Every built-in plugin on non-blocking threads, with BlockHound installed for the suite
 * (blockhound-junit-platform): a blocking call there would end these runs with a BlockingOperationError.
 */
class NonBlockingPluginsTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @Test
    void blockHoundIsInstalledHereToo() {
        String outcome = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return "slept";
        }).subscribeOn(Schedulers.parallel()).onErrorResume(e -> Mono.just(e.getClass().getName()))
                .block(WAIT);
        assertEquals("reactor.blockhound.BlockingOperationError", outcome);
    }

    @Test
    void noBuiltInPluginBlocksTheTrainingThread() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bar, true, StandardCharsets.UTF_8));
        try (CapturedLog log = new CapturedLog(LoggingPlugin.class, Level.INFO)) {
            Path file = folder.resolve("history.csv");
            Training training = Xor.training(Network.builder().layerSizes(3, 4, 1).learningRate(0.1).build(), 20_000)
                    .plugin("logging", Map.of("every", 5_000L))
                    .plugin("progress", Map.of("interval", "5ms"))
                    .plugin("history", Map.of("file", file, "every", 100L))
                    .plugin("early-stopping", Map.of("patience", 1_000L, "restore-best", true, "max-duration", "1m"))
                    .plugin("tanh")
                    .build();

            List<Throwable> dropped = new CopyOnWriteArrayList<>();
            Hooks.onErrorDropped(dropped::add);
            TrainingResult onParallel = training.result().subscribeOn(Schedulers.parallel()).block(WAIT);
            TrainingRun shared = training.start();
            StepVerifier.create(shared.steps().transform(TrainingViews.atMostOnePer(Duration.ofMillis(2))).take(3))
                    .expectNextCount(3).expectComplete().verify(WAIT);
            TrainingResult onTrainingScheduler = shared.result().block(WAIT);
            // A run cancelled mid-way, with every plugin's cleanup on the run's non-blocking thread.
            Training.Builder cancelled = Xor.training(Network.of(3, 4, 1), 1_000_000)
                    .plugin("logging").plugin("progress").plugin("history", Map.of("file", folder.resolve("c.csv")));
            StepVerifier.create(cancelled.build().flux().subscribeOn(Schedulers.parallel()).take(500))
                    .expectNextCount(500).expectComplete().verify(WAIT);
            Hooks.resetOnErrorDropped();
            assertEquals(List.of(), dropped);

            for (TrainingResult result : new TrainingResult[] {onParallel, onTrainingScheduler}) {
                assertTrue(result.reason() == Reason.COMPLETED || result.reason() == Reason.STOPPED,
                        result + " " + result.error().map(Throwable::toString).orElse(""));
            }
            assertEquals(onParallel.stepsRun(), onTrainingScheduler.stepsRun());
            assertTrue(log.text().contains("Training " + onParallel.reason()), log.text());
            assertTrue(Files.readAllLines(file).size() > 1);
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void everyActivationRunsOnANonBlockingThread() {
        for (String id : new String[] {"sigmoid", "tanh", "relu", "leaky-relu", "softplus", "identity"}) {
            TrainingResult result = Xor.training(Network.builder().layerSizes(3, 4, 1).learningRate(0.01).build(), 500)
                    .plugin(id).build().result().subscribeOn(Schedulers.parallel()).block(WAIT);
            assertEquals(Reason.COMPLETED, result.reason(), id + ": " + result.error().map(Throwable::toString).orElse(""));
        }
    }
}
