package dev.backflux.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import dev.backflux.testing.Tutorial;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped at a checkpoint and resumed from it goes on exactly as if it had never stopped: the same step
 * indexes, errors and weights, bit for bit.
 */
class ResumeTests {

    @TempDir
    Path directory;

    private static final TrainingData WITH_VALIDATION = Tutorial.XOR.withValidation(
            new double[][] {{0, 0, 1}, {1, 1, 1}, {0.5, 0.5, 1}}, new double[][] {{0}, {0}, {1}});

    @Test
    void aRunResumedFromItsCheckpointAtStep400GoesOnBitForBit() throws IOException {
        // Early stopping watches both runs; its patience is long enough never to stop them.
        Map<String, Object> stopping = Map.of("patience", 100_000L, "max-steps", 1_000L);
        List<TrainingStep> uninterrupted = new ArrayList<>();
        TrainingResult whole = Trainer.training(Network.of(3, 4, 1), WITH_VALIDATION).steps(5_000)
                .plugin("early-stopping", stopping).configuration(Map.of()).build()
                .result(steps -> steps.doOnNext(uninterrupted::add)).block();
        assertEquals(1_000, whole.stepsRun(), "max-steps ended it");

        // The first 400 steps, checkpointed at the end; then a new run from the checkpoint.
        Trainer.training(Network.of(3, 4, 1), WITH_VALIDATION).steps(400)
                .plugin("checkpoint", Map.of("directory", directory.toString()))
                .configuration(Map.of()).build().result().block();
        SavedNetwork saved = NetworkFile.read(Checkpoints.file(directory, 399));
        List<TrainingStep> resumed = new ArrayList<>();
        TrainingResult rest = Trainer.training(saved.network(), WITH_VALIDATION)
                .firstStep(saved.step().getAsLong() + 1).steps(5_000)
                .plugin("early-stopping", stopping).configuration(Map.of()).build()
                .result(steps -> steps.doOnNext(resumed::add)).block();

        assertEquals(600, rest.stepsRun(), "max-steps counts indexes across the resume: steps 400 to 999");
        assertEquals(999, rest.lastStep().orElseThrow().step());
        assertEquals(600, resumed.size());
        for (int i = 0; i < 600; i++) {
            TrainingStep expected = uninterrupted.get(400 + i);
            TrainingStep actual = resumed.get(i);
            assertEquals(expected.step(), actual.step());
            assertEquals(bits(expected.meanAbsoluteError()), bits(actual.meanAbsoluteError()), "step " + actual.step());
            assertEquals(bits(expected.validationMeanAbsoluteError().getAsDouble()),
                    bits(actual.validationMeanAbsoluteError().getAsDouble()), "validation at step " + actual.step());
            for (int k = 0; k < 2; k++) {
                double[] a = expected.weights(k).toRowMajorArray();
                double[] b = actual.weights(k).toRowMajorArray();
                for (int w = 0; w < a.length; w++) {
                    assertEquals(bits(a[w]), bits(b[w]), "syn" + k + " at step " + actual.step());
                }
            }
        }
    }

    @Test
    void aDropoutRunResumedFromItsCheckpointDrawsTheMasksItWouldHaveDrawn() throws IOException {
        Network network = Network.builder().layerSizes(3, 6, 1).dropout(1, 0.4).seed(9).build();
        List<TrainingStep> uninterrupted = Trainer.train(network, Tutorial.XOR, 1_000).collectList().block();

        Trainer.training(network, Tutorial.XOR).steps(400)
                .plugin("checkpoint", Map.of("directory", directory.toString()))
                .configuration(Map.of()).build().result().block();
        SavedNetwork saved = NetworkFile.read(Checkpoints.file(directory, 399));
        assertEquals(0.4, saved.network().dropout(1));
        List<TrainingStep> resumed = Trainer.training(saved.network(), Tutorial.XOR).firstStep(400).steps(600)
                .configuration(Map.of()).build().flux().collectList().block();

        assertEquals(600, resumed.size());
        for (int i = 0; i < 600; i++) {
            TrainingStep expected = uninterrupted.get(400 + i);
            TrainingStep actual = resumed.get(i);
            assertEquals(expected.step(), actual.step());
            assertEquals(expected.dropoutMask(1), actual.dropoutMask(1), "masks at step " + actual.step());
            assertEquals(bits(expected.meanAbsoluteError()), bits(actual.meanAbsoluteError()), "step " + actual.step());
            for (int k = 0; k < 2; k++) {
                double[] a = expected.weights(k).toRowMajorArray();
                double[] b = actual.weights(k).toRowMajorArray();
                for (int w = 0; w < a.length; w++) {
                    assertEquals(bits(a[w]), bits(b[w]), "syn" + k + " at step " + actual.step());
                }
            }
        }
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }
}
