package dev.backflux.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.DropoutGradient;
import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingStep;
import dev.backflux.testing.Linear;
import dev.backflux.testing.Tutorial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved network loads back to the same bits and predicts exactly what it did; every bad file names its fault. */
class NetworkFileTests {

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "sigmoid    | ''          | 1.0",
        "tanh       | ''          | 0.1",
        "relu       | ''          | 0.05",
        "leaky-relu | slope=0.25  | 0.05",
        "softplus   | ''          | 0.1",
        "identity   | ''          | 0.01",
    })
    void everyActivationPluginRoundTripsToTheSameBitsAndPredictions(String plugin, String option, double rate)
            throws IOException {
        Map<String, String> options = option.isEmpty() ? Map.of()
                : Map.of(option.substring(0, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
        Training training = Trainer.training(Network.builder().layerSizes(3, 4, 1).learningRate(rate).seed(7).build(),
                Tutorial.XOR).steps(300).plugin(plugin, options).configuration(Map.of()).build();
        TrainingStep last = training.flux().blockLast();
        Path file = directory.resolve(plugin + ".json");
        NetworkFile.write(last, training, file);

        SavedNetwork saved = NetworkFile.read(file);
        assertEquals(plugin, saved.activationPlugin());
        assertEquals(options.isEmpty() ? Map.of() : Map.of("slope", "0.25"), saved.activationOptions());
        assertEquals(List.of(3, 4, 1), java.util.Arrays.stream(saved.layerSizes()).boxed().toList());
        assertEquals(rate, saved.learningRate());
        assertEquals(7, saved.seed().getAsLong());
        assertEquals(299, saved.step().getAsLong());
        assertEquals(NetworkFile.fingerprint(Tutorial.XOR), saved.metadata().get("dataFingerprint"));
        assertEquals(List.of(plugin), saved.metadata().get("plugins"));
        for (int k = 0; k < 2; k++) {
            assertBits(last.weights(k), saved.weights().get(k));
        }
        TrainedNetwork trained = saved.trained();
        assertEquals(Optional.of(plugin), trained.activationPlugin());
        assertBits(last.network().predict(Tutorial.INPUTS), trained.predict(Tutorial.INPUTS));
        double[][] unseen = {{0.3, -1.7, 2.5}, {10, 0, -3}};
        assertBits(last.network().predict(unseen), trained.predict(unseen));
    }

    @Test
    void trainingGoesOnFromASavedNetworkAsIfItHadNeverStopped() throws IOException {
        List<TrainingStep> steps = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 2_000).collectList().block();
        Path file = directory.resolve("xor.json");
        NetworkFile.write(steps.get(999), file);
        List<TrainingStep> resumed = Trainer.train(NetworkFile.read(file).network(), Tutorial.XOR, 1_000)
                .collectList().block();
        for (int i = 0; i < 1_000; i++) {
            assertBits(steps.get(1_000 + i).weights(0), resumed.get(i).weights(0));
            assertEquals(Double.doubleToRawLongBits(steps.get(1_000 + i).meanAbsoluteError()),
                    Double.doubleToRawLongBits(resumed.get(i).meanAbsoluteError()));
        }
    }

    @Test
    void theFileIsTheDocumentedJsonAndReplacesTheOldOneWhole() throws IOException {
        TrainingStep step = Trainer.train(Network.of(3, 1), Tutorial.COPY_FIRST_COLUMN, 10).blockLast();
        Path file = directory.resolve("two-layer.json");
        Files.writeString(file, "an older file");
        NetworkFile.write(step, file);
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\n  \"format\" : \"backflux-network\",\n  \"version\" : 1,\n  \"layers\" : [ 3, 1 ],"),
                text);
        assertTrue(text.contains("\"seed\" : null"), "no run given: no seed");
        try (var files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void aRunsPluginsAndTheirOptionsAreRecordedInTheMetadata() throws IOException {
        Training training = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(20)
                .plugin("tanh").plugin("early-stopping", Map.of("patience", 500L)).configuration(Map.of()).build();
        Path file = directory.resolve("plugins.json");
        NetworkFile.write(training.flux().blockLast(), training, file);

        Map<String, Object> metadata = NetworkFile.read(file).metadata();
        assertEquals(List.of("tanh", "early-stopping"), metadata.get("plugins"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> options = (Map<String, Map<String, String>>) metadata.get("pluginOptions");
        assertEquals(Map.of(), options.get("tanh"));
        assertEquals("500", options.get("early-stopping").get("patience"));
        assertEquals("false", options.get("early-stopping").get("restore-best"), "defaults included");
    }

    @Test
    void aSavedFileHasTheUsualPermissionsOrThoseOfTheFileItReplaces() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.getFileStore(directory).supportsFileAttributeView("posix"), "POSIX permissions only");
        TrainingStep step = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 1).blockLast();
        Path usual = Files.createFile(directory.resolve("usual.txt"));
        Path file = directory.resolve("new.json");
        NetworkFile.write(step, file);
        assertEquals(Files.getPosixFilePermissions(usual), Files.getPosixFilePermissions(file),
                "as any new file (the umask), not only its owner's");

        var groupReadable = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(file, groupReadable);
        NetworkFile.write(step, file);
        assertEquals(groupReadable, Files.getPosixFilePermissions(file), "the replaced file's permissions");
    }

    @Test
    void aNetworkWhoseActivationCameFromNoPluginCannotBeSaved() {
        TrainingStep step = Trainer.train(Network.builder().layerSizes(3, 1).activation(Linear.INSTANCE)
                .learningRate(0.01).build(), Tutorial.COPY_FIRST_COLUMN, 1).blockLast();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkFile.write(step, directory.resolve("linear.json")));
        assertTrue(e.getMessage().startsWith("step: expected a network whose activation came from a plugin"),
                e.getMessage());
        assertFalse(Files.exists(directory.resolve("linear.json")));
    }

    @Test
    void everyBadFileNamesThePlaceAndWhatWasExpected() throws IOException {
        TrainingStep step = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 5).blockLast();
        Path good = directory.resolve("good.json");
        NetworkFile.write(step, good);
        String text = Files.readString(good);

        assertBad(text.substring(0, text.length() / 2), "at line ", "expected a JSON network file, actual the end of"
                + " the file (truncated)");
        assertBad(text.replace("\"version\" : 1", "\"version\" : 2"), "at /version",
                "expected 1 (this Backflux reads version 1), actual number 2");
        assertBad(text.replace("\"backflux-network\"", "\"keras\""), "at /format",
                "expected \"backflux-network\", actual string \"keras\"");
        assertBad(text.replace("\"plugin\" : \"sigmoid\"", "\"plugin\" : \"swish\""), "at /activation/plugin",
                "expected the id of an activation plugin on the class path, one of [identity, leaky-relu, relu,"
                        + " sigmoid, softplus, tanh], actual string \"swish\"");
        assertBad(text.replace("\"layers\" : [ 3, 4, 1 ]", "\"layers\" : [ 3, 5, 1 ]"), "at /weights/0/0",
                "expected 5 numbers (syn0 is 3x5), actual 4 numbers");
        String first = String.valueOf(step.weights(0).get(0, 0));
        assertBad(text.replaceFirst(java.util.regex.Pattern.quote(first), "\"NaN\""), "at /weights/0/0/0",
                "expected a finite number, actual string \"NaN\"");
        assertBad(text.replace("\"learningRate\"", "\"alpha\""), "at /alpha",
                "expected one of the fields [activation, dropout, format, inputScaling, layers, learningRate, metadata,"
                        + " seed, step, version, weights], actual the field 'alpha'");
        assertBad(text.replace("\"options\" : { }", "\"options\" : { \"slope\" : \"1\" }"), "at /activation/options",
                "sigmoid: unknown option 'slope'; expected none (it takes no options)");
    }

    @Test
    void aDropoutNetworkSavesItsRatesGradientAndGeneratorAndEveryBadDropoutFieldIsNamed() throws IOException {
        Network network = Network.builder().layerSizes(3, 4, 1).dropout(1, 0.25)
                .dropoutGradient(DropoutGradient.TUTORIAL).seed(3).build();
        Training training = Trainer.training(network, Tutorial.XOR).steps(5).configuration(Map.of()).build();
        TrainingStep step = training.flux().blockLast();
        Path good = directory.resolve("dropout.json");
        NetworkFile.write(step, training, good);
        String text = Files.readString(good);
        long draws = step.dropoutDraws().getAsLong();
        assertTrue(text.contains("\"dropout\" : {\n    \"rates\" : [ 0.0, 0.25, 0.0 ],\n    \"gradient\" : \"TUTORIAL\",\n"
                + "    \"seed\" : 3,\n    \"draws\" : " + draws + "\n  }"), text);
        Network loaded = NetworkFile.read(good).network();
        assertEquals(0.25, loaded.dropout(1));
        assertEquals(DropoutGradient.TUTORIAL, loaded.dropoutGradient());
        assertEquals(3, loaded.dropoutSeed());
        assertEquals(draws, loaded.dropoutDraws().getAsLong());

        assertBad(text.replace("[ 0.0, 0.25, 0.0 ]", "[ 0.0, 1.5, 0.0 ]"), "at /dropout/rates/1",
                "expected a rate in [0, 1), actual 1.5");
        assertBad(text.replace("[ 0.0, 0.25, 0.0 ]", "[ 0.0, 0.25, 0.5 ]"), "at /dropout/rates/2",
                "expected 0 (only hidden layers drop units), actual 0.5");
        assertBad(text.replace("[ 0.0, 0.25, 0.0 ]", "[ 0.0, 0.25 ]"), "at /dropout/rates",
                "expected an array of 3 rates, one per layer");
        assertBad(text.replace("\"TUTORIAL\"", "\"SPATIAL\""), "at /dropout/gradient",
                "expected one of [TEXTBOOK, TUTORIAL], actual string \"SPATIAL\"");
        assertBad(text.replace("\"draws\" : " + draws, "\"draws\" : -1"), "at /dropout/draws", "actual number -1");
    }

    private void assertBad(String content, String place, String problem) throws IOException {
        Path file = Files.writeString(directory.resolve("bad.json"), content, StandardCharsets.UTF_8);
        FileFormatException e = assertThrows(FileFormatException.class, () -> NetworkFile.read(file));
        assertEquals(file.toString(), e.source());
        assertTrue(e.place().startsWith(place), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    private static void assertBits(Matrix expected, Matrix actual) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.columns(), actual.columns());
        double[] a = expected.toRowMajorArray();
        double[] b = actual.toRowMajorArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "element " + i);
        }
    }
}
