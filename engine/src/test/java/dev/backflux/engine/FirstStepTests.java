package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import dev.backflux.testing.Tutorial;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run whose steps are numbered from where another stopped: indexes, counts and results. */
class FirstStepTests {

    @Test
    void theStepsAreNumberedFromTheFirstStepAndCountedFromIt() {
        var training = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).firstStep(100).steps(5)
                .configuration(Map.of()).build();
        List<Long> indexes = training.flux().map(TrainingStep::step).collectList().block();
        assertEquals(List.of(100L, 101L, 102L, 103L, 104L), indexes);
        TrainingResult result = training.result().block();
        assertEquals(TrainingResult.Reason.COMPLETED, result.reason());
        assertEquals(5, result.stepsRun());
        assertEquals(104, result.lastStep().orElseThrow().step());

        TrainingRun run = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).firstStep(1_000_000).steps(1_000_000_000L)
                .configuration(Map.of()).build().start();
        while (run.latest().isEmpty()) {
            Thread.onSpinWait();
        }
        run.cancel();
        TrainingResult cancelled = run.result().block(Duration.ofSeconds(30));
        assertEquals(cancelled.lastStep().orElseThrow().step() - 1_000_000 + 1, cancelled.stepsRun());
    }

    @Test
    void aNegativeFirstStepIsRefused() {
        assertEquals("firstStep: expected at least 0, actual -1", assertThrows(IllegalArgumentException.class,
                () -> Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).firstStep(-1)).getMessage());
    }
}
