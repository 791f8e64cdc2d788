package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** BlockHound is installed for the whole test suite (blockhound-junit-platform); these tests show it works. */
class BlockHoundTests {

    @Test
    void aDeliberateBlockingCallOnANonBlockingThreadIsCaught() {
        Mono<Void> sleeping = Mono.<Void>fromRunnable(() -> {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).subscribeOn(Schedulers.parallel());

        StepVerifier.create(sleeping)
                .expectErrorSatisfies(error -> {
                    assertTrue(error instanceof BlockingOperationError, error.toString());
                    assertTrue(error.getMessage().contains("java.lang.Thread.sleep"), error.getMessage());
                })
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void theTrainerComputesOnNonBlockingThreadsWithoutBlocking() {
        TrainingResult cold = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(2_000)
                .configuration(Map.of()).build().result().subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(30));
        assertEquals(TrainingResult.Reason.COMPLETED, cold.reason());

        TrainingResult hot = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(2_000)
                .plugin("stop-at", Map.of("step", 1_500L)).configuration(Map.of()).build().start()
                .result().block(Duration.ofSeconds(30));
        assertEquals(TrainingResult.Reason.STOPPED, hot.reason());
    }
}
