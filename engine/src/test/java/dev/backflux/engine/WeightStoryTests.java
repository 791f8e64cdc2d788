package dev.backflux.engine;

import dev.backflux.testing.Tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.WeightStory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One weight's story on the tutorial's two-layer network (Part 1: the output copies the first input), checked
 * against numbers computed by hand from the step's layers and deltas, and the tutorial's claim on correlation
 * measured on its own data.
 */
class WeightStoryTests {

    private final List<TrainingStep> steps = Trainer.training(Network.of(3, 1), Tutorial.COPY_FIRST_COLUMN)
            .steps(10_000).configuration(Map.of()).build().flux().collectList().block();

    @Test
    void theStoryOfEachWeightAtTheFirstAndLastStepIsTheStepsOwnNumbers() {
        for (TrainingStep step : List.of(steps.get(0), steps.get(steps.size() - 1))) {
            for (int from = 0; from < 3; from++) {
                WeightStory story = step.explain(0, from, 0);
                double sum = 0;
                for (int e = 0; e < 4; e++) {
                    double input = step.layer(0).get(e, from);
                    double output = step.output().get(e, 0);
                    double error = Tutorial.COPY_FIRST_COLUMN.targets().get(e, 0) - output;
                    double slope = output * (1 - output);
                    double delta = step.delta(1).get(e, 0);
                    assertEquals(input, story.input(e));
                    assertEquals(error, story.error(e), 0.0);
                    assertEquals(slope, story.slope(e), 0.0);
                    assertEquals(error * slope, delta, 0.0, "the error weighted derivative");
                    assertEquals(delta, story.delta(e), 0.0);
                    assertEquals(input * delta, story.update(e), 0.0, "input value x delta, learning rate 1");
                    sum += input * delta;
                }
                assertEquals(sum, story.update(), 0.0);
                assertEquals(step.weightsBefore(0).get(from, 0), story.before(), 0.0);
                assertEquals(step.weights(0).get(from, 0), story.after(), 0.0);
                assertEquals(story.after() - story.before(), story.update(), 1e-15);
                assertEquals(step.agreement(0).get(from, 0), story.agreement(), 1e-15);
            }
        }
    }

    @Test
    void theFirstInputsWeightIsPushedOneWayByEveryExampleWhileTheOthersArePushedBothWays() {
        for (TrainingStep step : List.of(steps.get(0), steps.get(steps.size() - 1))) {
            WeightStory first = step.explain(0, 0, 0);
            assertTrue(first.examplesAgree(), first.toString());
            assertEquals(1.0, first.agreement(), 0.0);
            assertTrue(first.update() > 0, "input and output both 1: the weight grows");
            for (int from = 1; from < 3; from++) {
                WeightStory other = step.explain(0, from, 0);
                assertFalse(other.examplesAgree(), other.toString());
                assertTrue(other.agreement() < 1, other.toString());
            }
        }
    }

    @Test
    void aConfidentCorrectPredictionAsksForAVerySmallUpdate() {
        WeightStory last = steps.get(steps.size() - 1).explain(0, 0, 0);
        WeightStory first = steps.get(0).explain(0, 0, 0);
        for (int e = 2; e < 4; e++) {
            assertTrue(Math.abs(last.update(e)) < Math.abs(first.update(e)) / 100,
                    "example " + e + ": " + first.update(e) + " then " + last.update(e));
            assertTrue(last.slope(e) < 0.01, "confident: a shallow slope " + last.slope(e));
        }
    }

    @Test
    void theStoryPrintsAsATableInTheTutorialsWords() {
        String table = steps.get(0).explain(0, 0, 0).toString();

        List<String> lines = table.lines().collect(java.util.stream.Collectors.toList());
        assertEquals("weights 0[0][0] (l0 unit 0 -> l1 unit 0) at step 0, learning rate 1", lines.get(0));
        assertTrue(lines.get(1).matches("\\s+example\\s+l0\\s+l1_error\\s+slope\\s+l1_delta\\s+update"), lines.get(1));
        assertEquals(9, lines.size(), table);
        assertTrue(lines.get(2).matches("\\s+0\\s+0\\s+-0\\.\\d+\\s+0\\.\\d+\\s+-0\\.\\d+\\s+0"), lines.get(2));
        assertTrue(lines.get(8).startsWith("every example pushes the weight the same way (agreement 1.00)"), table);
    }

    @Test
    void aStepsSummaryPrintsItsMatricesWithTheTutorialsNamesAsNumpyDoes() {
        String summary = steps.get(0).summary();

        assertTrue(summary.startsWith("step 0 (learning rate 1.0)\nl0:\n[[0. 0. 1.]\n [0. 1. 1.]\n [1. 0. 1.]\n [1. 1. 1.]]\nl1:\n[["),
                summary);
        for (String name : List.of("l1_error:", "nonlin(l1, True):", "l1_delta:", "syn0 before:", "syn0 after:")) {
            assertTrue(summary.contains("\n" + name + "\n"), name);
        }
        assertTrue(summary.contains("syn0 before:\n[[-0.16595599]\n [ 0.44064899]\n [-0.99977125]]"), summary);
        assertTrue(summary.endsWith("mean absolute error: " + steps.get(0).meanAbsoluteError()), summary);
    }
}
