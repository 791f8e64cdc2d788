package dev.backflux.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backflux.api.Network;
import dev.backflux.api.PluginFailureException;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingResult.Reason;
import dev.backflux.api.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the history file holds when its run ends, however it ends, and how a write failure reaches the result.
 */
class HistoryRunEndTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path FULL_DISK = Path.of("/dev/full");

    @TempDir
    Path folder;

    @Test
    void aRunObservedWithTakeHasItsFileCompleteWhenItsResultArrives() throws IOException {
        Path file = folder.resolve("taken.csv");
        Training training = Xor.training(Network.of(3, 4, 1), 1_000_000).plugin("history", Map.of("file", file)).build();

        TrainingResult result = training.result(steps -> steps.take(20_000)).block(WAIT);

        assertEquals(Reason.CANCELLED, result.reason(), result.toString());
        assertEquals(19_999, result.lastStep().orElseThrow().step());
        assertEquals(rows(LongStream.range(0, 20_000)), stepColumn(file));
    }

    @Test
    void aStartedRunCancelledHasItsFileCompleteUpToItsLastStepWhenItsResultArrives() throws IOException {
        Path file = folder.resolve("cancelled.csv");
        TrainingRun run = Xor.training(Network.of(3, 4, 1), 100_000_000)
                .plugin("history", Map.of("file", file, "every", 7L)).build().start();

        run.steps().take(1).blockLast(WAIT);
        run.cancel();
        TrainingResult result = run.result().block(WAIT);

        assertEquals(Reason.CANCELLED, result.reason(), result.toString());
        long last = result.lastStep().orElseThrow().step();
        List<Long> expected = LongStream.rangeClosed(0, last).filter(step -> step % 7 == 0 || step == last)
                .boxed().collect(Collectors.toList());
        assertEquals(rows(expected.stream().mapToLong(Long::longValue)), stepColumn(file));
    }

    @Test
    void aFullDiskFailsACompletedRunNamingThePluginThePathAndTheCause() {
        assumeTrue(Files.isWritable(FULL_DISK), "needs Linux's /dev/full");
        TrainingResult result = Xor.training(Network.of(3, 4, 1), 5).plugin("history", Map.of("file", FULL_DISK))
                .build().result().block(WAIT);

        assertFailedOnAFullDisk(result);
    }

    @Test
    void aFullDiskFailsARunCancelledByTakeNamingThePluginThePathAndTheCause() {
        assumeTrue(Files.isWritable(FULL_DISK), "needs Linux's /dev/full");
        Training training = Xor.training(Network.of(3, 4, 1), 1_000_000)
                .plugin("history", Map.of("file", FULL_DISK)).build();

        for (int run = 0; run < 20; run++) {
            assertFailedOnAFullDisk(training.result(steps -> steps.take(5)).block(WAIT));
        }
    }

    @Test
    void aFullDiskEndsALongRunEarly() {
        assumeTrue(Files.isWritable(FULL_DISK), "needs Linux's /dev/full");
        TrainingResult result = Xor.training(Network.of(3, 4, 1), Long.MAX_VALUE / 2)
                .plugin("history", Map.of("file", FULL_DISK)).build().result().block(WAIT);

        assertFailedOnAFullDisk(result);
    }

    @Test
    void aDirectoryRemovedAfterBuildFailsTheRunNamingThePluginThePathAndTheCauseItself() throws IOException {
        Path directory = Files.createDirectory(folder.resolve("removed"));
        Path file = directory.resolve("history.csv");
        Training training = Xor.training(Network.of(3, 4, 1), 1_000).plugin("history", Map.of("file", file)).build();
        Files.delete(directory);

        TrainingResult result = training.result().block(WAIT);

        assertEquals(Reason.FAILED, result.reason(), result.toString());
        Throwable error = result.error().orElseThrow();
        assertTrue(error instanceof PluginFailureException, error.toString());
        assertEquals("history", ((PluginFailureException) error).pluginId());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("java.nio.file.NoSuchFileException"), error.getMessage());
    }

    private static void assertFailedOnAFullDisk(TrainingResult result) {
        assertEquals(Reason.FAILED, result.reason(), result.toString());
        Throwable error = result.error().orElseThrow();
        assertTrue(error instanceof PluginFailureException, error.toString());
        assertEquals("history", ((PluginFailureException) error).pluginId());
        assertTrue(error.getMessage().contains("/dev/full"), error.getMessage());
        assertTrue(error.getMessage().contains("java.io.IOException: No space left on device"), error.getMessage());
        assertEquals(0, error.getSuppressed().length, "one failure, reported once");
    }

    private static List<String> rows(LongStream steps) {
        List<String> rows = new ArrayList<>();
        steps.forEach(step -> rows.add(Long.toString(step)));
        return rows;
    }

    /** The file's step column, after checking its header and that every row has three columns. */
    static List<String> stepColumn(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertEquals("step,training_error,validation_error", lines.get(0));
        List<String> steps = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split(",", -1);
            assertEquals(3, columns.length, line);
            Double.parseDouble(columns[1]);
            steps.add(columns[0]);
        }
        return steps;
    }
}
