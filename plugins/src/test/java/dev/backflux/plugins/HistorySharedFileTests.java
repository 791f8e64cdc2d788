package dev.backflux.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.PluginFailureException;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingResult.Reason;
import dev.backflux.api.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** Two runs never write one history file: the default name is new for each run, a given name is one run's at a time. */
class HistorySharedFileTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SWEEP = 7;
    private static final long STEPS = 3_000;

    @TempDir
    Path folder;

    @Test
    void aSweepOfSevenRunsAtOnceSelectingHistoryByConfigurationWritesSevenCompleteFiles() throws IOException {
        Path workingDirectory = Path.of("").toAbsolutePath();
        Set<Path> before = historyFiles(workingDirectory);
        List<Path> written = new ArrayList<>();
        try {
            List<TrainingRun> runs = new ArrayList<>();
            for (int run = 0; run < SWEEP; run++) {
                runs.add(Trainer.training(Network.builder().layerSizes(3, 4, 1).learningRate(0.1 * (run + 1)).build(),
                        Xor.DATA).steps(STEPS).configuration(Map.of("backflux.plugins", "history")).build().start());
            }
            for (TrainingRun run : runs) {
                assertEquals(Reason.COMPLETED, run.result().block(WAIT).reason());
            }
            historyFiles(workingDirectory).stream().filter(file -> !before.contains(file)).forEach(written::add);

            assertEquals(SWEEP, written.size(), written.toString());
            List<String> expected = LongStream.range(0, STEPS).mapToObj(Long::toString).collect(Collectors.toList());
            for (Path file : written) {
                assertTrue(file.getFileName().toString().matches("backflux-history-\\d{8}-\\d{6}-\\d+-\\d+\\.csv"),
                        file.toString());
                assertEquals(expected, HistoryRunEndTests.stepColumn(file), file.toString());
            }
        } finally {
            for (Path file : historyFiles(workingDirectory)) {
                if (!before.contains(file)) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void aFileThatALiveRunWritesFailsTheBuildAndTheStartOfAnotherRunThenServesTheNextRun() throws Exception {
        Path file = folder.resolve("shared.csv");
        Training training = Xor.training(Network.of(3, 4, 1), 50).plugin("history", Map.of("file", file)).build();
        Sinks.Empty<Void> release = Sinks.empty();
        CompletableFuture<TrainingResult> first = training.result(steps -> steps
                .delayUntil(step -> step.step() == 0 ? release.asMono() : Mono.empty())).toFuture();

        IllegalArgumentException atBuild = assertThrows(IllegalArgumentException.class, () -> Xor.training(
                Network.of(3, 4, 1), 50).plugin("history", Map.of("file", folder.resolve(".").resolve("shared.csv")))
                .build());
        assertTrue(atBuild.getMessage().contains("'file'"), atBuild.getMessage());
        assertTrue(atBuild.getMessage().contains(file.toString()), atBuild.getMessage());
        assertTrue(atBuild.getMessage().contains("another run"), atBuild.getMessage());

        StepVerifier.create(training.flux())
                .expectErrorSatisfies(error -> {
                    assertTrue(error instanceof PluginFailureException, error.toString());
                    assertEquals("history", ((PluginFailureException) error).pluginId());
                    assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
                    assertTrue(error.getMessage().contains("another run"), error.getMessage());
                })
                .verify(WAIT);

        release.tryEmitEmpty();
        assertEquals(Reason.COMPLETED, first.get(WAIT.toSeconds(), TimeUnit.SECONDS).reason());
        assertEquals(50, HistoryRunEndTests.stepColumn(file).size(), "the refused run did not touch the file");
        assertEquals(Reason.COMPLETED, Xor.training(Network.of(3, 4, 1), 5).plugin("history", Map.of("file", file))
                .build().result().block(WAIT).reason());
        assertEquals(5, HistoryRunEndTests.stepColumn(file).size());
    }

    @Test
    void runsOneAfterAnotherWithOneFileNeverFailEvenWhenEachIsCancelledAndStillClosingItsFile() throws IOException {
        Path file = folder.resolve("again.csv");
        Training training = Xor.training(Network.of(3, 4, 1), 1_000_000).plugin("history", Map.of("file", file)).build();

        for (int run = 0; run < 50; run++) {
            assertEquals(199, training.flux().take(200).blockLast(WAIT).step());
        }
        TrainingResult last = training.result(steps -> steps.take(30)).block(WAIT);

        assertEquals(Reason.CANCELLED, last.reason(), last.toString());
        assertEquals(30, HistoryRunEndTests.stepColumn(file).size());
    }

    private static Set<Path> historyFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith("backflux-history"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }
}
