package dev.backflux.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.micrometer.MetricsPlugin;
import dev.backflux.testing.Tutorial;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The registry of started runs, on its own. */
class TrainingRunsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TrainingRuns runs = new TrainingRuns(3, null);

    private static Training.Builder xor(long steps) {
        return Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(steps).configuration(Map.of());
    }

    private List<String> names() {
        return runs.list().stream().map(RunInfo::name).collect(Collectors.toList());
    }

    @AfterEach
    void cancelAll() {
        runs.list().forEach(info -> runs.cancel(info.name()));
    }

    @Test
    void aStartedRunIsKeptUnderItsNameAndDescribedAsItIs() {
        TrainingRun run = runs.start("tutorial", xor(1_000));
        TrainingResult result = run.result().block(WAIT);

        RunInfo info = runs.info("tutorial").orElseThrow();
        assertEquals(new RunInfo("tutorial", 999L, result.lastStep().orElseThrow().meanAbsoluteError(), "ended",
                "completed", result.condition()), info);
        assertEquals(List.of(info), runs.list());
        assertTrue(runs.find("tutorial").isPresent());
        assertTrue(runs.find("other").isEmpty());
        assertTrue(runs.cancel("other").isEmpty());
        assertEquals(info, runs.cancel("tutorial").orElseThrow(), "an ended run stays as it ended");
    }

    @Test
    void theOldestEndedRunMakesRoomAndAFullRegistryOfRunningRunsRefusesANewOne() {
        runs.start("a", xor(1)).result().block(WAIT);
        runs.start("b", xor(Long.MAX_VALUE));
        runs.start("c", xor(Long.MAX_VALUE));
        runs.start("d", xor(Long.MAX_VALUE));
        assertEquals(List.of("b", "c", "d"), names());

        RunRefusedException full = assertThrows(RunRefusedException.class,
                () -> runs.start("e", xor(Long.MAX_VALUE)));
        assertEquals(RunRefusedException.Why.FULL, full.why());
        assertEquals("runs: expected fewer than 3 running runs to start one more, actual 3 (cancel one, or raise"
                + " backflux.runs.max-kept)", full.getMessage());

        runs.cancel("c");
        runs.find("c").orElseThrow().result().block(WAIT);
        awaitEnded("c");
        runs.start("e", xor(Long.MAX_VALUE));
        assertEquals(List.of("b", "d", "e"), names());
    }

    @Test
    void aNameIsRefusedWhenMalformedOrInUseByARunningRunAndAnEndedRunIsReplaced() {
        RunRefusedException malformed = assertThrows(RunRefusedException.class, () -> runs.start("a/b", xor(1)));
        assertEquals(RunRefusedException.Why.MALFORMED_NAME, malformed.why());
        assertEquals("name: expected 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit,"
                + " actual 'a/b'", malformed.getMessage());
        assertThrows(RunRefusedException.class, () -> runs.start("", xor(1)));
        assertThrows(RunRefusedException.class, () -> runs.start("-a", xor(1)));
        assertThrows(RunRefusedException.class, () -> runs.start("x".repeat(101), xor(1)));
        assertEquals("name", assertThrows(NullPointerException.class, () -> runs.start(null, xor(1))).getMessage());
        assertEquals("training", assertThrows(NullPointerException.class, () -> runs.start("a", null)).getMessage());

        runs.start("same", xor(Long.MAX_VALUE));
        RunRefusedException inUse = assertThrows(RunRefusedException.class, () -> runs.start("same", xor(1)));
        assertEquals(RunRefusedException.Why.NAME_IN_USE, inUse.why());
        assertEquals("name: expected a name no running run uses, actual 'same'", inUse.getMessage());
        runs.cancel("same");
        awaitEnded("same");
        TrainingRun again = runs.start("same", xor(5));
        again.result().block(WAIT);
        assertEquals(List.of("same"), names());
        assertEquals(4L, runs.info("same").orElseThrow().step());
    }

    @Test
    void withTheMetricsPluginEachRunIsMeteredUnderItsNameAndARefusedRunLeavesItsBuilderAsItWas() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TrainingRuns metered = new TrainingRuns(1, new MetricsPlugin(registry));
        TrainingRun run = metered.start("metered", xor(Long.MAX_VALUE));
        try {
            StepVerifier.create(run.steps().take(1)).expectNextCount(1).expectComplete().verify(WAIT);
            assertTrue(registry.get(MetricsPlugin.STEPS).tag("run", "metered").counter().count() >= 1);

            Training.Builder refused = xor(5);
            assertEquals(RunRefusedException.Why.FULL, assertThrows(RunRefusedException.class,
                    () -> metered.start("other", refused)).why());
            assertEquals(List.of(), refused.build().plugins(), "the refused run's builder got no plugin");
        } finally {
            run.cancel();
        }

        IllegalArgumentException renamed = assertThrows(IllegalArgumentException.class,
                () -> new TrainingRuns(1, new MetricsPlugin(registry)).start("named", xor(5)
                        .configuration(Map.of("backflux.metrics.name", "elsewhere"))));
        assertEquals("backflux.metrics.name: expected no such setting when runs are started by TrainingRuns (each"
                + " run's meters are tagged with its name), actual 'elsewhere' for the run 'named'", renamed.getMessage());
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheRunNorTheOtherListeners() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        runs.onStart((name, run) -> {
            throw new IllegalStateException("deliberate");
        });
        runs.onStart((name, run) -> seen.add(name));

        TrainingRun run = runs.start("watched", xor(10));

        assertEquals(List.of("watched"), seen);
        assertEquals(TrainingResult.Reason.COMPLETED, run.result().block(WAIT).reason());
    }

    @Test
    void aBadBoundIsRefused() {
        assertEquals("maxKept: expected at least 1, actual 0",
                assertThrows(IllegalArgumentException.class, () -> new TrainingRuns(0, null)).getMessage());
    }

    private void awaitEnded(String name) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"ended".equals(runs.info(name).orElseThrow().state())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not end: " + runs.info(name));
            }
            Thread.onSpinWait();
        }
    }
}
