package dev.backflux.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import dev.backflux.testing.Tutorial;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A step as the page gets it: every number of a small network, bounded summaries of a large one. */
class StepJsonTests {

    @Test
    void aSmallStepCarriesEveryNumberTheTutorialNames() {
        TrainingStep step = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 3).blockLast();
        JsonNode json = Json.read(Json.write(StepJson.of(step)));
        assertEquals("full", json.get("detail").asString());
        assertEquals(2, json.get("step").asLong());
        assertEquals(step.meanAbsoluteError(), json.get("error").asDouble());
        assertTrue(json.get("validationError").isNull());
        for (int layer = 0; layer < 3; layer++) {
            assertMatrix(step.layer(layer), json.get("layers").get(layer));
            if (layer == 0) {
                assertTrue(json.get("slopes").get(0).isNull());
                continue;
            }
            assertMatrix(step.error(layer), json.get("errors").get(layer));
            assertMatrix(step.slope(layer), json.get("slopes").get(layer));
            assertMatrix(step.delta(layer), json.get("deltas").get(layer));
            // Each output sits on the activation's curve at its sum: nonlin(sum) is the layer.
            JsonNode sums = json.get("sums").get(layer);
            for (int e = 0; e < 4; e++) {
                for (int j = 0; j < step.layer(layer).columns(); j++) {
                    double sum = sums.get(e).get(j).asDouble();
                    assertEquals(step.layer(layer).get(e, j), 1 / (1 + Math.exp(-sum)), 1e-15);
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            assertMatrix(step.weights(k), json.get("weights").get(k));
            assertMatrix(step.weightsBefore(k), json.get("weightsBefore").get(k));
            assertMatrix(step.update(k), json.get("updates").get(k));
            assertMatrix(step.agreement(k), json.get("agreement").get(k));
        }
    }

    @Test
    void aStepWithDropoutCarriesItsMasksWhereItDropped() {
        Network network = Network.builder().layerSizes(3, 5, 4, 1).dropout(2, 0.5).build();
        TrainingStep step = Trainer.train(network, Tutorial.XOR, 4).blockLast();
        JsonNode masks = Json.read(Json.write(StepJson.of(step))).get("masks");
        assertEquals(4, masks.size());
        assertTrue(masks.get(0).isNull() && masks.get(1).isNull() && masks.get(3).isNull(),
                "layers without dropout: " + masks);
        assertMatrix(step.dropoutMask(2), masks.get(2));
        for (int e = 0; e < 4; e++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(step.dropped(2, e, j), masks.get(2).get(e).get(j).asDouble() == 0);
            }
        }
    }

    @Test
    void aLargeStepIsSummarisedWithinItsBudget() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] inputs = new double[256][784];
        double[][] targets = new double[256][10];
        for (int e = 0; e < 256; e++) {
            for (int i = 0; i < 784; i++) {
                inputs[e][i] = random.nextDouble();
            }
            targets[e][random.nextInt(10)] = 1;
        }
        TrainingStep step = Trainer.train(Network.builder().layerSizes(784, 64, 10).learningRate(0.01).build(),
                TrainingData.of(inputs, targets), 2).blockLast();
        assertTrue(StepJson.fullNumbers(step) > StepJson.FULL_DETAIL_NUMBERS);
        String text = Json.write(StepJson.of(step));
        assertTrue(text.length() < 100_000, "a summary event stays under 100 KB: " + text.length());
        JsonNode json = Json.read(text);
        assertEquals("summary", json.get("detail").asString());

        JsonNode hidden = json.get("layerSummaries").get(1);
        assertEquals(256, hidden.get("examples").asInt());
        assertEquals(64, hidden.get("units").asInt());
        assertStatistics(step.layer(1), hidden.get("values"));
        assertStatistics(step.delta(2), json.get("layerSummaries").get(2).get("deltas"));

        JsonNode syn0 = json.get("weightSummaries").get(0);
        assertEquals(784, syn0.get("rows").asInt());
        assertEquals(64, syn0.get("columns").asInt());
        assertStatistics(step.weights(0), syn0.get("values"));
        assertStatistics(step.update(0), syn0.get("update"));
        // The heatmap's first cell is the mean of the first 25 x 2 block of the 784 x 64 weights.
        JsonNode heatmap = syn0.get("heatmap");
        assertEquals(StepSummary.HEATMAP, heatmap.size());
        assertEquals(StepSummary.HEATMAP, heatmap.get(0).size());
        double sum = 0;
        int count = 0;
        for (int r = 0; r * StepSummary.HEATMAP / 784 == 0; r++) {
            for (int c = 0; c * StepSummary.HEATMAP / 64 == 0; c++) {
                sum += step.weights(0).get(r, c);
                count++;
            }
        }
        assertEquals(50, count);
        assertEquals(sum / count, heatmap.get(0).get(0).asDouble(), 1e-15);

        JsonNode points = json.get("outputPoints");
        assertEquals(StepSummary.OUTPUT_POINTS, points.size());
        for (JsonNode point : points) {
            int e = point.get("example").asInt();
            int j = point.get("unit").asInt();
            assertEquals(step.output().get(e, j), point.get("output").asDouble());
            assertEquals(step.slope(2).get(e, j), point.get("slope").asDouble());
            assertEquals(step.output().get(e, j), 1 / (1 + Math.exp(-point.get("sum").asDouble())), 1e-14);
        }
    }

    private static void assertStatistics(Matrix matrix, JsonNode statistics) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double squares = 0;
        for (double v : matrix.toRowMajorArray()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            squares += v * v;
        }
        assertEquals(min, statistics.get("min").asDouble());
        assertEquals(max, statistics.get("max").asDouble());
        assertEquals(Math.sqrt(squares), statistics.get("norm").asDouble());
        long total = 0;
        for (JsonNode count : statistics.get("histogram")) {
            total += count.asLong();
        }
        assertEquals((long) matrix.rows() * matrix.columns(), total, "every value is in one bin");
        assertEquals(StepSummary.BINS, statistics.get("histogram").size());
    }

    private static void assertMatrix(Matrix expected, JsonNode rows) {
        assertEquals(expected.rows(), rows.size());
        for (int r = 0; r < expected.rows(); r++) {
            assertEquals(expected.columns(), rows.get(r).size());
            for (int c = 0; c < expected.columns(); c++) {
                assertEquals(expected.get(r, c), rows.get(r).get(c).asDouble(), "at " + r + ", " + c);
            }
        }
    }
}
