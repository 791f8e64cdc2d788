package dev.backflux.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.testing.Tutorial;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
        assertFalse(runs.cancel("other"));
    }

    @Test
    void theOldestEndedRunMakesRoomAndAFullRegistryOfRunningRunsRefusesANewOne() {
        runs.start("a", xor(1)).result().block(WAIT);
        runs.start("b", xor(Long.MAX_VALUE));
        runs.start("c", xor(Long.MAX_VALUE));
        runs.start("d", xor(Long.MAX_VALUE));
        assertEquals(List.of("b", "c", "d"), names());

        IllegalStateException full = assertThrows(IllegalStateException.class,
                () -> runs.start("e", xor(Long.MAX_VALUE)));
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
        assertEquals("name: expected 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit,"
                        + " actual 'a/b'",
                assertThrows(IllegalArgumentException.class, () -> runs.start("a/b", xor(1))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> runs.start("", xor(1)));
        assertThrows(IllegalArgumentException.class, () -> runs.start("-a", xor(1)));
        assertThrows(IllegalArgumentException.class, () -> runs.start("x".repeat(101), xor(1)));
        assertEquals("name", assertThrows(NullPointerException.class, () -> runs.start(null, xor(1))).getMessage());
        assertEquals("training", assertThrows(NullPointerException.class, () -> runs.start("a", null)).getMessage());

        runs.start("same", xor(Long.MAX_VALUE));
        assertEquals("name: expected a name no running run uses, actual 'same'",
                assertThrows(IllegalArgumentException.class, () -> runs.start("same", xor(1))).getMessage());
        runs.cancel("same");
        awaitEnded("same");
        TrainingRun again = runs.start("same", xor(5));
        again.result().block(WAIT);
        assertEquals(List.of("same"), names());
        assertEquals(4L, runs.info("same").orElseThrow().step());
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
