package dev.backflux.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingResult;
import dev.backflux.testing.Tutorial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * BlockHound is installed for this module's whole suite (blockhound-junit-platform), with file I/O counted as
 * blocking ({@link FileIoIsBlocking}): file I/O on a non-blocking thread fails the test that does it. These tests
 * show it is active, and that a run trained on Backflux's non-blocking threads writes its checkpoints elsewhere.
 */
class NonBlockingFilesTests {

    @TempDir
    Path directory;

    @Test
    void fileIoOnANonBlockingThreadIsCaught() throws IOException {
        Path file = directory.resolve("xor.json");
        NetworkFile.write(Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 1).blockLast(), file);
        StepVerifier.create(Mono.fromCallable(() -> NetworkFile.read(file)).subscribeOn(Schedulers.parallel()))
                .expectErrorSatisfies(error -> assertTrue(error instanceof BlockingOperationError, error.toString()))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aStartedRunCheckpointsFromItsNonBlockingThreadsWithoutBlocking() throws IOException {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        try {
            TrainingResult result = Trainer.training(Network.builder().layerSizes(3, 4, 1).dropout(1, 0.2).build(),
                            Tutorial.XOR).steps(2_000)
                    .plugin("checkpoint", Map.of("directory", directory.toString(), "every", 100L, "keep", 3L))
                    .configuration(Map.of()).build().start()
                    .result().block(Duration.ofSeconds(60));

            assertEquals(TrainingResult.Reason.COMPLETED, result.reason(), result.toString());
            List<String> kept;
            try (var files = Files.list(directory)) {
                kept = files.map(file -> file.getFileName().toString()).sorted().toList();
            }
            // The newest three written at most; a checkpoint still waiting when a newer one is due is skipped, so
            // which ones, and how many (on a loaded machine the first and the end's only), depends on the disk's
            // speed, but each is every 100th step and the last is the end's.
            assertTrue(kept.size() >= 2 && kept.size() <= 3, kept.toString());
            assertEquals("checkpoint-000000001999.json", kept.get(kept.size() - 1));
            for (String name : kept) {
                long step = NetworkFile.read(directory.resolve(name)).step().getAsLong();
                assertEquals(99, step % 100, name);
            }
            assertEquals(1999, NetworkFile.read(directory.resolve("checkpoint-000000001999.json")).step().getAsLong());
            assertEquals(List.of(), dropped);
        } finally {
            Hooks.resetOnErrorDropped();
        }
    }
}
