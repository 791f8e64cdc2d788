package dev.backflux.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backflux.api.InputScaling;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Iris data shipped in data/ (see data/README.md): unchanged, readable, and learnable. */
class IrisTests {

    /** The repository's copy, from the module's directory. */
    static final Path IRIS = Path.of("..", "data", "iris.csv");

    static CsvData read() throws IOException {
        return CsvReader.builder().skipRows(1).header(false).targets(4).oneHot().shuffle(7).validation(0.2).scale()
                .build().read(IRIS);
    }

    @Test
    void theFileIsScikitLearnsCopyByteForByte() throws IOException, NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(IRIS));
        assertEquals("f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449",
                HexFormat.of().formatHex(digest));
    }

    @Test
    void itReadsAs150FlowersOfThreeClasses() throws IOException {
        CsvData iris = read();
        TrainingData data = iris.trainingData();
        assertEquals(List.of("0", "1", "2"), iris.classes());
        assertEquals(120, data.size());
        assertEquals(30, data.validationInputs().orElseThrow().rows());
        assertEquals(4, data.inputs().columns());
        assertEquals(3, data.targets().columns());
        // Scaled by the training rows only: sepal length spans 4.3 to 7.9 cm over all 150 (scikit-learn's
        // description); the shortest (4.3) fell among the validation rows for this seed.
        assertEquals(4.4, data.inputScaling().orElseThrow().min()[0]);
        assertEquals(7.9, data.inputScaling().orElseThrow().max()[0]);
    }

    @Test
    void aSmallNetworkLearnsItAndClassifiesTheValidationFlowers() throws IOException {
        TrainingResult result = Trainer.training(Network.builder().layerSizes(4, 8, 3).learningRate(0.02).build(),
                read().trainingData()).steps(20_000).configuration(Map.of()).build().result().block();
        // The README's figures: 117 of the 120 training flowers, all 30 validation flowers.
        assertEquals(117 / 120.0, result.accuracy().getAsDouble(), result.toString());
        assertEquals(1.0, result.validationAccuracy().getAsDouble(), result.toString());
    }

    @Test
    void aSavedIrisNetworkScalesRawMeasurementsAsItsTrainingDataWere(@TempDir Path directory) throws IOException {
        Training training = Trainer.training(Network.builder().layerSizes(4, 8, 3).learningRate(0.02).build(),
                read().trainingData()).steps(2_000).configuration(Map.of()).build();
        TrainingStep last = training.flux().blockLast();
        Path file = directory.resolve("iris.json");
        NetworkFile.write(last, training, file);

        SavedNetwork saved = NetworkFile.read(file);
        InputScaling scaling = saved.inputScaling().orElseThrow();
        assertEquals(training.data().inputScaling().orElseThrow(), scaling);
        double[] flower = {6.3, 2.5, 5.0, 1.9}; // line 148 of the file, a virginica (class 2)
        double[] expected = last.network().predict(scaling.scale(flower));
        double[] actual = saved.trained().predict(flower);
        for (int c = 0; c < 3; c++) {
            assertEquals(Double.doubleToRawLongBits(expected[c]), Double.doubleToRawLongBits(actual[c]), "class " + c);
        }
        assertEquals(2, largest(actual), "a virginica");
        assertEquals(saved.trained().predict(new double[][] {flower}).get(0, 2), actual[2]);
        // A wrong width is named as the network without scaling names it, not as the scaling's "raw".
        assertEquals("input: expected 4 values (the input layer size), actual 3", assertThrows(
                IllegalArgumentException.class, () -> saved.trained().predict(6.3, 2.5, 5.0)).getMessage());
        assertEquals("inputs[1]: expected 4 values (the input layer size), actual 5", assertThrows(
                IllegalArgumentException.class, () -> saved.trained().predict(new double[][] {flower,
                        {1, 2, 3, 4, 5}})).getMessage());

        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("\"max\" : \\[ 7.9", "\"max\" : [ 1.0"));
        FileFormatException bad = assertThrows(FileFormatException.class, () -> NetworkFile.read(file));
        assertEquals("at /inputScaling/max/0", bad.place());
    }

    private static int largest(double[] values) {
        int largest = 0;
        for (int i = 1; i < values.length; i++) {
            largest = values[i] > values[largest] ? i : largest;
        }
        return largest;
    }
}
