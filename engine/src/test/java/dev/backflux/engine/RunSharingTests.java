package dev.backflux.engine;

import dev.backflux.testing.Tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingResult.Reason;
import dev.backflux.api.TrainingRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Started runs share the training threads: a run computes at once when a core is idle, and none waits for another. */
class RunSharingTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Training endless = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(Long.MAX_VALUE)
            .configuration(Map.of()).build();

    @Test
    void aRunStartedWhileACoreIsIdleComputesAtOnceThoughAnotherRunNeverEnds() {
        TrainingRun first = endless.start();
        assertEquals(Reason.COMPLETED, Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(1)
                .configuration(Map.of()).build().start().result().block(WAIT).reason());
        TrainingRun third = endless.start();

        StepVerifier.create(third.steps().take(100)).expectNextCount(100).expectComplete().verify(WAIT);

        assertFalse(first.isDone());
        first.cancel();
        third.cancel();
        assertEquals(Reason.CANCELLED, first.result().block(WAIT).reason());
        assertEquals(Reason.CANCELLED, third.result().block(WAIT).reason());
    }

    @Test
    void withMoreRunsThanCoresEveryRunAdvances() {
        List<TrainingRun> runs = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors() + 2; i++) {
            runs.add(endless.start());
        }

        for (TrainingRun run : runs) {
            StepVerifier.create(run.steps().take(100)).expectNextCount(100).expectComplete().verify(WAIT);
        }

        runs.forEach(TrainingRun::cancel);
        for (TrainingRun run : runs) {
            assertEquals(Reason.CANCELLED, run.result().block(WAIT).reason());
        }
    }
}
