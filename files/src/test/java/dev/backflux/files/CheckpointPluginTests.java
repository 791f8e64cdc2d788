package dev.backflux.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.PluginFailureException;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.Plugin;
import dev.backflux.testing.Tutorial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint plugin: when it saves, what it keeps, the end, its failures, and no file ever half written. */
class CheckpointPluginTests {

    @TempDir
    Path directory;

    @Test
    void itIsFoundLikeEveryPlugin() {
        assertTrue(Trainer.plugins().stream().map(Plugin::id).toList().contains("checkpoint"));
    }

    @Test
    void aCheckpointKeepsTheDataInputScalingAsTheReadmeSaysAndAStepAloneCannot() throws IOException {
        TrainingData data = IrisTests.read().trainingData();
        TrainingStep last = Trainer.training(Network.builder().layerSizes(4, 8, 3).build(), data).steps(20)
                .plugin("checkpoint", Map.of("directory", directory.toString())).configuration(Map.of()).build()
                .flux().blockLast();
        SavedNetwork saved = NetworkFile.read(Checkpoints.file(directory, 19));
        assertEquals(data.inputScaling(), saved.inputScaling());
        double[] flower = {6.3, 2.5, 5.0, 1.9};
        assertEquals(last.network().predict(data.inputScaling().orElseThrow().scale(flower))[2],
                saved.trained().predict(flower)[2], 0);

        Path alone = directory.resolve("alone.json");
        NetworkFile.write(last, alone);
        assertTrue(NetworkFile.read(alone).inputScaling().isEmpty(), "a step alone knows no data: documented");
    }

    @Test
    void everyNStepsItSavesAndKeepsTheNewestOnesWhichTheRunsEndWaitsFor() throws IOException {
        List<TrainingStep> steps = new ArrayList<>();
        TrainingResult result = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(1_000)
                .plugin("checkpoint", Map.of("directory", directory.toString(), "every", 100L, "keep", 3L))
                .configuration(Map.of()).build().result(flux -> flux.doOnNext(steps::add)).block();
        assertEquals(TrainingResult.Reason.COMPLETED, result.reason());
        // Written before the result (the run's end waits for them): the last step always, the newest 3 kept; a
        // checkpoint still waiting when a newer one comes is skipped (a disk slower than 100 steps).
        List<String> names = names();
        assertTrue(names.size() <= 3 && names.contains("checkpoint-000000000999.json"), names.toString());
        for (String name : names) {
            long step = Long.parseLong(name.substring(Checkpoints.PREFIX.length(), name.length() - Checkpoints.SUFFIX.length()));
            assertEquals(99, step % 100, name + " is due every 100 steps");
            SavedNetwork saved = NetworkFile.read(directory.resolve(name));
            assertEquals(step, saved.step().getAsLong());
            assertEquals(steps.get((int) step).weights(), saved.weights());
        }
    }

    @Test
    void aCancelledRunSavesItsLastStepAtTheEnd() throws IOException {
        TrainingRun run = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(1_000_000_000L)
                .plugin("checkpoint", Map.of("directory", directory.toString(), "every-duration", "1h"))
                .configuration(Map.of()).build().start();
        while (run.latest().map(TrainingStep::step).orElse(-1L) < 1_000) {
            Thread.onSpinWait();
        }
        run.cancel();
        TrainingResult result = run.result().block(Duration.ofSeconds(30));
        long last = result.lastStep().orElseThrow().step();
        assertEquals(List.of(Checkpoints.file(directory, last).getFileName().toString()), names());
        assertEquals(result.lastStep().get().weights(), NetworkFile.read(Checkpoints.file(directory, last)).weights());
    }

    @Test
    void onImprovementItSavesEachStepWhoseErrorIsTheLowestSoFar() throws IOException {
        List<TrainingStep> steps = Trainer.training(Network.builder().layerSizes(3, 4, 1).learningRate(20).build(),
                        Tutorial.XOR).steps(60)
                .plugin("checkpoint", Map.of("directory", directory.toString(), "on-improvement", true,
                        "at-end", false, "keep", 1000L))
                .configuration(Map.of()).build().flux().collectList().block();
        List<String> expected = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (TrainingStep step : steps) {
            if (step.meanAbsoluteError() < best) {
                best = step.meanAbsoluteError();
                expected.add(Checkpoints.file(directory, step.step()).getFileName().toString());
            }
        }
        // The run's end waited for the writes: those saved are improvements, the last improvement among them.
        List<String> names = names();
        assertTrue(expected.containsAll(names), names + " within " + expected);
        assertTrue(names.contains(expected.get(expected.size() - 1)), names.toString());
        assertTrue(expected.size() < steps.size(), "a learning rate of 20 makes the error go up at times");
    }

    @Test
    void aDirectoryThatCannotBeWrittenFailsAtBuild() throws IOException {
        Path file = Files.writeString(directory.resolve("a-file"), "not a directory");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.training(
                Network.of(3, 4, 1), Tutorial.XOR).steps(10)
                .plugin("checkpoint", Map.of("directory", file.resolve("checkpoints").toString()))
                .configuration(Map.of()).build());
        assertTrue(e.getMessage().startsWith("checkpoint: option 'directory': expected a directory that can be created"
                + " and written, actual '" + file.resolve("checkpoints") + "': "), e.getMessage());
        assertEquals("checkpoint: option 'directory': expected a directory, actual none", assertThrows(
                IllegalArgumentException.class, () -> Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(10)
                        .plugin("checkpoint").configuration(Map.of()).build()).getMessage());
    }

    @Test
    void aWriteThatFailsDuringTheRunEndsItFailedNamingThePluginAndTheFile() throws IOException {
        Path checkpoints = directory.resolve("checkpoints");
        var training = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(1_000_000L)
                .plugin("checkpoint", Map.of("directory", checkpoints.toString(), "every", 10L))
                .configuration(Map.of()).build();
        // The directory goes after the build, as a removed disk or directory would.
        Files.delete(checkpoints);
        Files.writeString(checkpoints, "in the way");
        TrainingResult result = training.result().block(Duration.ofSeconds(30));
        assertEquals(TrainingResult.Reason.FAILED, result.reason());
        Throwable error = result.error().orElseThrow();
        assertTrue(error instanceof PluginFailureException, error.toString());
        assertTrue(error.getMessage().contains("checkpoint"), error.getMessage());
        assertTrue(String.valueOf(error.getCause()).contains("writing " + Checkpoints.file(checkpoints, 9)),
                String.valueOf(error.getCause()));
        assertTrue(result.stepsRun() < 1_000_000, "the run stopped");
    }

    /**
     * A JVM that checkpoints every 50 steps is killed with SIGKILL at 30 random moments: every checkpoint file it
     * leaves loads whole, and the newest was written less than a second before the kill.
     */
    @Test
    void noKillAtAnyMomentLeavesAFileHalfWritten() throws Exception {
        SplittableRandom random = new SplittableRandom(30);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int kill = 0; kill < 30; kill++) {
            Path dir = Files.createDirectories(directory.resolve("kill-" + kill));
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CheckpointChild.class.getName(), dir.toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("child-" + kill + ".log").toFile())
                    .start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (names(dir).isEmpty()) {
                    assertTrue(child.isAlive(), "the child ended: " + Files.readString(directory.resolve("child-"
                            + kill + ".log")));
                    assertTrue(System.nanoTime() < deadline, "no checkpoint in 30 s");
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(300));
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            long killedAt = System.currentTimeMillis();
            List<String> names = names(dir);
            assertFalse(names.isEmpty());
            for (String name : names) {
                SavedNetwork saved = NetworkFile.read(dir.resolve(name));
                assertEquals(name, Checkpoints.file(dir, saved.step().getAsLong()).getFileName().toString());
            }
            FileTime newest = Files.getLastModifiedTime(dir.resolve(names.get(names.size() - 1)));
            assertTrue(killedAt - newest.toMillis() < 1_000, "the newest checkpoint is " + (killedAt - newest.toMillis())
                    + " ms older than the kill");
        }
    }

    private List<String> names() throws IOException {
        return names(directory);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith(Checkpoints.PREFIX) && name.endsWith(Checkpoints.SUFFIX))
                    .sorted().toList();
        }
    }
}
