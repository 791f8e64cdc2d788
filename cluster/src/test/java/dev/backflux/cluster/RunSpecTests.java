package dev.backflux.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Matrix;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.testing.Tutorial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSpecTests {

    static RunSpec xor(double learningRate, long seed, long steps) {
        return RunSpec.builder().name("xor-" + learningRate + "-" + seed).layerSizes(3, 4, 1)
                .learningRate(learningRate).seed(seed).steps(steps).data(Tutorial.XOR).build();
    }

    @Test
    void theJsonFormReadsBackToTheSameBits() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] inputs = new double[20][5];
        double[][] targets = new double[20][2];
        for (int r = 0; r < 20; r++) {
            for (int c = 0; c < 5; c++) {
                inputs[r][c] = Double.longBitsToDouble(random.nextLong() >>> 2) * (random.nextBoolean() ? 1 : -1);
                if (!Double.isFinite(inputs[r][c])) {
                    inputs[r][c] = random.nextDouble();
                }
            }
            targets[r][0] = random.nextDouble();
            targets[r][1] = 1e-300 * random.nextDouble();
        }
        RunSpec spec = RunSpec.builder().name("wide \"one\"").layerSizes(5, 7, 2).learningRate(0.1 + 0.2)
                .seed(4_294_967_295L).steps(123_456_789_012L).activation("tanh")
                .plugin("early-stopping", Map.of("patience", "500", "target", "0.01")).plugin("logging")
                .data(TrainingData.of(inputs, targets).withValidation(new double[][] {{1, 2, 3, 4, 5}},
                        new double[][] {{Math.PI, Math.E}}))
                .build();
        RunSpec read = RunSpec.fromJson(spec.toJson());

        assertEquals(spec.toJson(), read.toJson());
        assertEquals(spec, read);
        assertEquals("wide \"one\"", read.name().orElseThrow());
        assertArrayEquals(new int[] {5, 7, 2}, read.layerSizes());
        assertEquals(Double.doubleToRawLongBits(0.1 + 0.2), Double.doubleToRawLongBits(read.learningRate()));
        assertEquals(4_294_967_295L, read.seed());
        assertEquals(123_456_789_012L, read.steps());
        assertEquals("tanh", read.activation());
        assertEquals(Map.of("patience", "500", "target", "0.01"), read.plugins().get("early-stopping"));
        assertEquals(java.util.List.of("early-stopping", "logging"), java.util.List.copyOf(read.plugins().keySet()));
        assertSameBits(spec.data().inputs(), read.data().inputs());
        assertSameBits(spec.data().targets(), read.data().targets());
        assertSameBits(spec.data().validationInputs().orElseThrow(), read.data().validationInputs().orElseThrow());
        assertSameBits(spec.data().validationTargets().orElseThrow(), read.data().validationTargets().orElseThrow());
    }

    @Test
    void negativeZeroSubnormalsAndLargeValuesReadBackToTheSameBits() {
        // The random values above are all below 2 in magnitude: these are the edges of the JSON form.
        double[] edges = {-0.0, 0.0, 2.0, -2.0, 3.0, 1e17, 123_456_789_012_345_678.0, 1e300, -1e300,
                Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -4.9e-320, Double.MIN_NORMAL, 0.1 + 0.2};
        double[][] inputs = new double[edges.length][1];
        double[][] targets = new double[edges.length][1];
        for (int r = 0; r < edges.length; r++) {
            inputs[r][0] = edges[r];
            targets[r][0] = edges[edges.length - 1 - r];
        }
        RunSpec spec = RunSpec.builder().layerSizes(1, 2, 1).learningRate(1000.0).steps(1)
                .data(TrainingData.of(inputs, targets)).build();
        RunSpec read = RunSpec.fromJson(spec.toJson());

        assertEquals(Double.doubleToRawLongBits(1000.0), Double.doubleToRawLongBits(read.learningRate()));
        assertSameBits(spec.data().inputs(), read.data().inputs());
        assertSameBits(spec.data().targets(), read.data().targets());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(read.data().inputs().get(0, 0)),
                "-0.0 keeps its sign");
    }

    @Test
    void theJsonFormIsTheDocumentedOne() {
        String json = RunSpec.builder().layerSizes(3, 1).learningRate(0.5).steps(10).data(Tutorial.XOR).build()
                .toJson();
        assertEquals("{\"format\":\"backflux-run\",\"version\":1,\"layers\":[3,1],\"learningRate\":0.5,\"seed\":1,"
                + "\"steps\":10,\"activation\":\"sigmoid\",\"data\":{\"inputs\":[[0.0,0.0,1.0],[0.0,1.0,1.0],"
                + "[1.0,0.0,1.0],[1.0,1.0,1.0]],\"targets\":[[0.0],[1.0],[1.0],[0.0]]}}", json);
    }

    @Test
    void aSpecTrainsLocallyAsTheTutorialDoes() {
        TrainingResult result = xor(1.0, 1, 60_000).training().result().block();
        assertEquals(TrainingResult.Reason.COMPLETED, result.reason());
        assertEquals(60_000, result.stepsRun());
        assertEquals(Tutorial.THREE_LAYER_ERRORS[0], xor(1.0, 1, 1).training().flux().blockFirst()
                .meanAbsoluteError(), 1e-12);
    }

    @Test
    void aMalformedJsonSpecIsRefusedNamingTheField() {
        String good = xor(1.0, 1, 100).toJson();
        assertRefused(good.replace("\"layers\":[3,4,1]", "\"layers\":[3,-3,1]"), "layers[1]",
                "layers[1]: expected a positive integer, actual -3");
        assertRefused(good.replace("\"layers\":[3,4,1]", "\"layers\":[3]"), "layers",
                "layers: expected an array of at least two layer sizes, actual array [3]");
        assertRefused(good.replace("\"steps\":100", "\"steps\":0"), "steps",
                "steps: expected a positive integer, actual 0");
        assertRefused(good.replace("\"steps\":100", "\"steps\":\"many\""), "steps",
                "steps: expected a positive integer, actual string \"many\"");
        assertRefused(good.replace("\"learningRate\":1.0", "\"learningRate\":-0.5"), "learningRate",
                "learningRate: expected a finite number, at least 0, actual -0.5");
        assertRefused(good.replace("\"seed\":1", "\"seed\":4294967296"), "seed",
                "seed: expected an integer from 0 to 4294967295, actual 4294967296");
        assertRefused(good.replace("[1.0,0.0,1.0]", "[1.0,\"x\",1.0]"), "data.inputs[2][1]",
                "data.inputs[2][1]: expected a finite number, actual string \"x\"");
        assertRefused(good.replace("[1.0,0.0,1.0]", "[1.0,0.0]"), "data.inputs[2]",
                "data.inputs[2]: expected an array of 3 numbers, actual 2 elements");
        assertRefused(good.replace("\"targets\":[[0.0],[1.0],[1.0],[0.0]]", "\"targets\":[[0.0],[1.0],[1.0]]"),
                "data.targets", "data.targets: expected 4 rows, one per example of the inputs, actual 3 rows");
        assertRefused(good.replace("\"layers\":[3,4,1]", "\"layers\":[2,4,1]"), "data.inputs",
                "data.inputs: expected rows of 2 values (the input layer's size), actual rows of 3");
        assertRefused(good.replace("\"seed\":1", "\"seed\":1,\"sede\":2"), "sede",
                "sede: expected one of the fields [activation, data, format, layers, learningRate, name, plugins,"
                        + " seed, steps, version], actual 'sede'");
        assertRefused(good.replace("\"version\":1", "\"version\":2"), "version", "version: expected 1, actual number 2");
        assertRefused("{\"layers\": [3, 4", "json", null);
    }

    @Test
    void dataByReferenceTravelsAsItsPathAndHashAndEveryReaderChecksTheBytes(@TempDir Path directory)
            throws IOException {
        Path file = directory.resolve("xor.json");
        Files.writeString(file, XOR_FILE);
        RunSpec spec = RunSpec.builder().layerSizes(3, 4, 1).steps(2_000).dataFile(file).build();
        String json = spec.toJson();
        assertTrue(json.endsWith("\"data\":{\"file\":\"" + file + "\",\"sha256\":\"" + spec.dataSha256().orElseThrow()
                + "\"}}"), json);
        assertEquals(64, spec.dataSha256().orElseThrow().length());

        RunSpec read = RunSpec.fromJson(json);
        assertEquals(file.toString(), read.dataFile().orElseThrow());
        assertSameBits(Tutorial.XOR.inputs(), read.data().inputs());
        assertSameBits(Tutorial.XOR.targets(), read.data().targets());
        SameBits.assertSameResult(xor(1.0, 1, 2_000).training().result().block(), read.training().result().block(),
                "the run on the file's data");

        Files.writeString(file, XOR_FILE.replace("[[0], [1], [1], [0]]", "[[0], [1], [1], [1]]"));
        RunSpecException changed = assertThrows(RunSpecException.class, () -> RunSpec.fromJson(json));
        assertEquals("data.sha256", changed.field());
        assertTrue(changed.getMessage().startsWith("data.sha256: expected " + spec.dataSha256().orElseThrow()),
                changed.getMessage());
        Files.delete(file);
        assertEquals("data.file", assertThrows(RunSpecException.class, () -> RunSpec.fromJson(json)).field());
        Files.writeString(file, "{\"inputs\": [[0, 0, 1]], \"targets\": [[0], [1]]}");
        RunSpecException bad = assertThrows(RunSpecException.class,
                () -> RunSpec.builder().layerSizes(3, 4, 1).steps(10).dataFile(file));
        assertEquals("data.file: expected a JSON file of inputs and targets, actual '" + file + "', whose"
                + " data.targets: expected 1 rows, one per example of the inputs, actual 2 rows", bad.getMessage());
    }

    static final String XOR_FILE = "{\"inputs\": [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]],"
            + " \"targets\": [[0], [1], [1], [0]]}";

    @Test
    void theBuilderRefusesBadArgumentsNamingThem() {
        RunSpecException layer = assertThrows(RunSpecException.class, () -> RunSpec.builder().layerSizes(3, -3, 1));
        assertEquals("layers[1]: expected a positive size, actual -3", layer.getMessage());
        assertEquals("layers[1]", layer.field());
        assertEquals("steps: expected at least 1, actual 0",
                assertThrows(RunSpecException.class, () -> RunSpec.builder().steps(0)).getMessage());
        assertEquals("learningRate: expected a finite number, at least 0, actual NaN",
                assertThrows(RunSpecException.class, () -> RunSpec.builder().learningRate(Double.NaN)).getMessage());
        assertEquals("data: expected training data, actual none", assertThrows(RunSpecException.class,
                () -> RunSpec.builder().layerSizes(3, 1).steps(1).build()).getMessage());
        assertEquals("plugins.logging: expected each plugin once, actual 'logging' twice",
                assertThrows(RunSpecException.class, () -> RunSpec.builder().plugin("logging").plugin("logging"))
                        .getMessage());
    }

    @Test
    void checkRefusesPluginsThisClassPathDoesNotHave() {
        RunSpec unknown = RunSpec.builder().layerSizes(3, 4, 1).steps(10).data(Tutorial.XOR)
                .plugin("no-such-plugin", Map.of()).build();
        RunSpecException error = assertThrows(RunSpecException.class, unknown::check);
        assertEquals("plugins.no-such-plugin", error.field());
        RunSpec activation = RunSpec.builder().layerSizes(3, 4, 1).steps(10).data(Tutorial.XOR)
                .activation("logging").build();
        assertEquals("activation", assertThrows(RunSpecException.class, activation::check).field());
        RunSpec option = RunSpec.builder().layerSizes(3, 4, 1).steps(10).data(Tutorial.XOR)
                .plugin("early-stopping", Map.of("patience", "soon")).build();
        assertEquals("plugins.early-stopping.patience", assertThrows(RunSpecException.class, option::check).field());
        RunSpec tanh = RunSpec.builder().layerSizes(3, 4, 1).steps(10).data(Tutorial.XOR).activation("tanh")
                .plugin("early-stopping", Map.of("patience", "50")).build();
        assertEquals(tanh, tanh.check());
    }

    private static void assertRefused(String json, String field, String message) {
        RunSpecException error = assertThrows(RunSpecException.class, () -> RunSpec.fromJson(json));
        assertEquals(field, error.field(), error.getMessage());
        if (message != null) {
            assertEquals(message, error.getMessage());
        }
    }

    static void assertSameBits(Matrix expected, Matrix actual) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.columns(), actual.columns());
        double[] e = expected.toRowMajorArray();
        double[] a = actual.toRowMajorArray();
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
                throw new AssertionError("value " + i + ": expected " + e[i] + ", actual " + a[i]);
            }
        }
    }
}
