package dev.backflux.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.Plugin;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The examples' own plugin is found like the built-in ones, and stops where it should. */
class AllCorrectPluginTests {

    @Test
    void theExamplesOwnPluginIsDiscovered() {
        List<String> ids = Trainer.plugins().stream().map(Plugin::id).collect(Collectors.toList());

        assertTrue(ids.contains("all-correct"), ids.toString());
        assertTrue(ids.contains("early-stopping"), ids.toString());
    }

    @Test
    void itStopsAtTheFirstStepWhereEveryOutputIsOnTheRightSide() {
        List<TrainingStep> plain = Trainer.training(Network.of(3, 4, 1), TutorialData.XOR).steps(2_000)
                .configuration(Map.of()).build().flux().collectList().block();
        long expected = plain.stream().filter(AllCorrectPluginTests::allCorrect).findFirst().orElseThrow().step();

        TrainingResult result = Trainer.training(Network.of(3, 4, 1), TutorialData.XOR).steps(60_000)
                .configuration(Map.of()).plugin("all-correct").build().result().block();

        assertEquals(TrainingResult.Reason.STOPPED, result.reason());
        assertEquals("all-correct", result.stoppedBy().orElseThrow());
        assertEquals(expected + 1, result.stepsRun());
        assertEquals("every output is on the right side of 0.5 (at step " + expected + ")", result.condition());
    }

    private static boolean allCorrect(TrainingStep step) {
        double[] wanted = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            if (step.output().get(i, 0) > 0.5 != wanted[i] > 0.5) {
                return false;
            }
        }
        return true;
    }
}
