package dev.backflux.engine;

import dev.backflux.testing.Tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationErrorTests {

    @Test
    void withoutValidationDataThereIsNoValidationError() {
        TrainingStep step = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 1).blockFirst();
        assertTrue(step.validationMeanAbsoluteError().isEmpty());
    }

    @Test
    void theValidationErrorUsesTheWeightsOfTheStepsForwardPass() {
        // Validating on the training data itself must give exactly the training error of each step.
        TrainingData data = Tutorial.XOR.withValidation(Tutorial.INPUTS, new double[][] {{0}, {1}, {1}, {0}});

        List<TrainingStep> steps = Trainer.train(Network.of(3, 4, 1), data, 100).collectList().block();

        for (TrainingStep step : steps) {
            assertEquals(step.meanAbsoluteError(), step.validationMeanAbsoluteError().orElseThrow(), 0.0);
        }
    }

    @Test
    void theValidationErrorIsTheMeanAbsoluteErrorOnTheValidationExamples() {
        double[][] unseen = {{1, 1, 0}, {0.5, 0.5, 1}};
        double[][] wanted = {{0}, {1}};
        TrainingData data = Tutorial.XOR.withValidation(unseen, wanted);

        List<TrainingStep> steps = Trainer.train(Network.of(3, 4, 1), data, 10).collectList().block();

        for (int s = 1; s < steps.size(); s++) {
            double[][] predicted = steps.get(s - 1).network().predict(unseen).toArray();
            double expected = (Math.abs(0 - predicted[0][0]) + Math.abs(1 - predicted[1][0])) / 2;
            assertEquals(expected, steps.get(s).validationMeanAbsoluteError().orElseThrow(), 0.0, "step " + s);
        }
    }
}
