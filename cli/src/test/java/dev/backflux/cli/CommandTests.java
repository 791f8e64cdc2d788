package dev.backflux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.files.NetworkFile;
import dev.backflux.files.SavedNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code backflux} command run as a real child process (a JVM on this test's class path, as the jar's), with
 * its exit code, standard output and standard error.
 */
class CommandTests {

    /** The repository's Iris data, from the module's directory. */
    private static final Path IRIS = Path.of("..", "data", "iris.csv").toAbsolutePath().normalize();
    private static final List<String> IRIS_FORMAT = List.of("--skip-rows", "1", "--no-header");
    private static final List<String> IRIS_ROWS = List.of("--one-hot", "--shuffle", "7", "--validation", "0.2",
            "--scale");

    @TempDir
    Path directory;

    /** What a finished command left. */
    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Run backflux(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Backflux.class.getName()));
        command.addAll(args);
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("backflux " + args + " did not end in 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> args(Object... parts) {
        List<String> all = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof List<?> list) {
                list.forEach(item -> all.add(String.valueOf(item)));
            } else {
                all.add(String.valueOf(part));
            }
        }
        return all;
    }

    @Test
    void trainSavesAndCheckpointsTheIrisNetworkAndReportsItsAccuracy() throws Exception {
        Run run = backflux(args("train", IRIS, IRIS_FORMAT, IRIS_ROWS, "--hidden", "8", "--learning-rate", "0.02",
                "--steps", "20000", "--save", "iris.json", "--checkpoint-dir", "checkpoints",
                "--checkpoint-every", "5000"));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("COMPLETED: ran all 20000 requested steps\n"), run.out());
        assertTrue(run.out().contains("accuracy 97.5%, validation accuracy 100.0%\n"), run.out());
        assertTrue(run.out().contains("saved step 19999 to iris.json"), run.out());
        assertTrue(run.err().contains("step 20000/20000 (100.0%)"), "progress lines on a non-terminal: " + run.err());
        SavedNetwork saved = NetworkFile.read(directory.resolve("iris.json"));
        assertEquals(List.of(4, 8, 3), java.util.Arrays.stream(saved.layerSizes()).boxed().toList());
        assertTrue(saved.inputScaling().isPresent());
        try (var files = Files.list(directory.resolve("checkpoints"))) {
            assertEquals(List.of("checkpoint-000000004999.json", "checkpoint-000000009999.json",
                    "checkpoint-000000014999.json", "checkpoint-000000019999.json"),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aResumedRunEndsWithTheNetworkTheUninterruptedRunEndedWithAndPredictsTheSame() throws Exception {
        assertEquals(0, backflux(args("train", IRIS, IRIS_FORMAT, IRIS_ROWS, "--hidden", "8", "--learning-rate",
                "0.02", "--steps", "3000", "--save", "whole.json", "--no-progress")).exit());
        assertEquals(0, backflux(args("train", IRIS, IRIS_FORMAT, IRIS_ROWS, "--hidden", "8", "--learning-rate",
                "0.02", "--steps", "1000", "--checkpoint-dir", "checkpoints", "--checkpoint-every", "1000",
                "--no-progress")).exit());

        Run resumed = backflux(args("resume", "checkpoints/checkpoint-000000000999.json", IRIS, IRIS_FORMAT,
                "--one-hot", "--shuffle", "7", "--validation", "0.2", "--steps", "2000", "--save", "resumed.json",
                "--no-progress"));

        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().startsWith("resuming checkpoints/checkpoint-000000000999.json at step 1000\n"),
                resumed.out());
        assertEquals(NetworkFile.read(directory.resolve("whole.json")).weights(),
                NetworkFile.read(directory.resolve("resumed.json")).weights(), "the same weights, bit for bit");
        Run whole = backflux(args("predict", "whole.json", IRIS, IRIS_FORMAT, "--target", "4"));
        Run again = backflux(args("predict", "resumed.json", IRIS, IRIS_FORMAT, "--target", "4"));
        assertEquals(0, whole.exit(), whole.err());
        assertEquals(whole.out(), again.out());
        List<String> lines = whole.out().lines().toList();
        assertEquals(150, lines.size());
        assertEquals(3, lines.get(0).split(",").length);
        assertEquals("", whole.err(), "nothing but the outputs");
    }

    @Test
    void predictAppliesTheSavedScalingToRawInputsAsTheLibraryDoes() throws Exception {
        assertEquals(0, backflux(args("train", IRIS, IRIS_FORMAT, IRIS_ROWS, "--hidden", "8", "--learning-rate",
                "0.02", "--steps", "500", "--save", "iris.json", "--no-progress")).exit());
        Files.writeString(directory.resolve("flowers.csv"), "sepal_l,sepal_w,petal_l,petal_w\n5.1,3.5,1.4,0.2\n"
                + "6.3,2.5,5.0,1.9\n");

        Run run = backflux(args("predict", "iris.json", "flowers.csv"));

        assertEquals(0, run.exit(), run.err());
        SavedNetwork saved = NetworkFile.read(directory.resolve("iris.json"));
        double[] first = saved.trained().predict(5.1, 3.5, 1.4, 0.2);
        double[] second = saved.trained().predict(6.3, 2.5, 5.0, 1.9);
        assertEquals(first[0] + "," + first[1] + "," + first[2] + "\n" + second[0] + "," + second[1] + ","
                + second[2] + "\n", run.out());
    }

    @Test
    void aStoppedRunEndsCancelledWithItsLastStepSavedAndCheckpointed() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Backflux.class.getName()));
        command.addAll(args("train", IRIS, IRIS_FORMAT, IRIS_ROWS, "--hidden", "8", "--learning-rate", "0.02",
                "--steps", "100000000", "--save", "stopped.json", "--checkpoint-dir", "checkpoints",
                "--checkpoint-every", "100000000", "-o", "progress.interval=PT0.1S"));
        Path out = directory.resolve("stopped-out.txt");
        Path err = directory.resolve("stopped-err.txt");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(err).contains("steps/s") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.readString(err).contains("steps/s"), "training: " + Files.readString(err));

        process.destroy(); // SIGTERM, as Ctrl+C's SIGINT: the JVM runs its shutdown hooks
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));

        assertEquals(143, process.exitValue(), "128 + SIGTERM, as shells expect of a stopped command");
        String text = Files.readString(out);
        assertTrue(text.startsWith("CANCELLED: stopped by Ctrl+C or SIGTERM after "), text);
        long steps = Long.parseLong(text.replaceAll("(?s)^CANCELLED: stopped by Ctrl\\+C or SIGTERM after (\\d+)"
                + " steps.*", "$1"));
        assertTrue(text.contains("saved step " + (steps - 1) + " to stopped.json"), text);
        assertEquals(steps - 1, NetworkFile.read(directory.resolve("stopped.json")).step().getAsLong());
        assertEquals(steps - 1, NetworkFile.read(directory.resolve("checkpoints").resolve(String.format(
                "checkpoint-%012d.json", steps - 1))).step().getAsLong(), "the end's checkpoint");
    }

    @Test
    void theSavedWeightsPredictTheSameInNumpyAsInBackflux() throws Exception {
        Run train = backflux(args("train", IRIS, IRIS_FORMAT, IRIS_ROWS, "--hidden", "8", "--learning-rate", "0.02",
                "--steps", "2000", "--save", "iris.json", "--save-npz", "iris.npz", "--no-progress"));
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("saved the weights of step 1999 to iris.npz"), train.out());
        assertEquals(NetworkFile.read(directory.resolve("iris.json")).weights(),
                dev.backflux.files.Npz.readWeights(directory.resolve("iris.npz")));

        Files.writeString(directory.resolve("flowers.csv"), "6.3,2.5,5.0,1.9\n5.1,3.5,1.4,0.2\n");
        Run java = backflux(args("predict", "iris.json", "flowers.csv", "--no-header"));
        assertEquals(0, java.exit(), java.err());
        Path script = directory.resolve("predict_with_numpy.py");
        try (var in = CommandTests.class.getResourceAsStream("/predict_with_numpy.py")) {
            Files.copy(in, script);
        }
        Process python;
        try {
            python = new ProcessBuilder("python3", script.toString(), "iris.json", "iris.npz")
                    .directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException noPython) {
            org.junit.jupiter.api.Assumptions.abort("python3 is not on this machine: the numpy side is not checked");
            return;
        }
        String numpy = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        org.junit.jupiter.api.Assumptions.assumeFalse(numpy.contains("No module named 'numpy'"),
                "numpy is not installed: the numpy side is not checked");
        assertEquals(0, python.exitValue(), numpy);
        List<String> expected = java.out().lines().toList();
        List<String> actual = numpy.lines().toList();
        assertEquals(expected.size(), actual.size(), numpy);
        for (int r = 0; r < expected.size(); r++) {
            String[] a = expected.get(r).split(",");
            String[] b = actual.get(r).split(",");
            for (int c = 0; c < a.length; c++) {
                // np.exp may round its last bit otherwise than Math.exp (README, Quick start).
                assertEquals(Double.parseDouble(a[c]), Double.parseDouble(b[c]), 1e-12, "row " + r + ", output " + c);
            }
        }
    }

    @Test
    void inspectDescribesASavedNetwork() throws Exception {
        assertEquals(0, backflux(args("train", IRIS, IRIS_FORMAT, IRIS_ROWS, "--hidden", "5", "--steps", "10",
                "--learning-rate", "0.02", "--activation", "tanh", "--save", "tiny.json", "--no-progress")).exit());

        Run run = backflux(args("inspect", "tiny.json"));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("file: tiny.json\nlayers: 4-5-3\nactivation: tanh\nlearning rate: 0.02\n"
                + "seed: 1\nstep: 9\ndropout: none\ninput scaling: min [4.4, 2.2, 1.0, 0.1], max [7.9,"), run.out());
        assertTrue(run.out().contains("metadata plugins: [tanh]"), run.out());
    }

    @Test
    void everyCommandHasHelpAndTheVersionIsKnown() throws Exception {
        for (String command : List.of("train", "resume", "predict", "inspect")) {
            Run help = backflux(List.of(command, "--help"));
            assertEquals(0, help.exit(), command);
            assertTrue(help.out().startsWith("Usage: backflux " + command), help.out());
        }
        Run top = backflux(List.of("--help"));
        assertEquals(0, top.exit());
        assertTrue(top.out().contains("Exit codes:"), top.out());
        assertTrue(backflux(List.of("--version")).out().startsWith("backflux "));
    }

    @Test
    void usageErrorsExitWith2AndSayWhatWasExpectedInOneLine() throws Exception {
        assertUsage(List.of(), "backflux: expected a command (train, resume, predict, inspect), actual none");
        assertUsage(List.of("train"), "backflux: Missing required parameter: 'DATA.csv'");
        assertUsage(args("train", IRIS, "--bogus"), "backflux: Unknown option: '--bogus'");
        assertUsage(args("train", IRIS, "--steps", "many"), "backflux: Invalid value for option '--steps': 'many' is"
                + " not a long");
        assertUsage(args("train", IRIS, IRIS_FORMAT, "--validation", "1.5"),
                "backflux: --validation: expected a fraction in [0, 1), actual 1.5");
        assertUsage(args("train", IRIS, IRIS_FORMAT, "--steps", "0"), "backflux: --steps: expected at least 1, actual 0");
        assertUsage(args("train", IRIS, IRIS_FORMAT, "--checkpoint-every", "5"),
                "backflux: --checkpoint-every: expected --checkpoint-dir too, actual none");
        assertUsage(args("train", IRIS, IRIS_FORMAT, "--plugins", "nonsense", "--no-progress"),
                "backflux: plugin: unknown id 'nonsense'; available: [checkpoint, early-stopping, history, identity,");
        assertUsage(args("train", IRIS, IRIS_FORMAT, "--hidden", "-3"),
                "backflux: --hidden: expected unit counts of at least 1 (or 0 for no hidden layer), actual [-3]");
    }

    private void assertUsage(List<String> args, String firstLine) throws Exception {
        Run run = backflux(args);
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.errLines().get(0).startsWith(firstLine), run.err());
        assertTrue(run.errLines().get(1).startsWith("Try 'backflux"), run.err());
        assertEquals(2, run.errLines().size(), run.err());
    }

    @Test
    void classLabelsReadAsNumbersAreWarnedAbout() throws Exception {
        Run run = backflux(args("train", IRIS, IRIS_FORMAT, "--steps", "10", "--no-progress"));
        assertEquals(0, run.exit(), run.err());
        assertEquals("backflux: warning: the targets range over [0.0, 2.0], but the output layer's sigmoid gives only"
                + " [0.0, 1.0]: class labels? use --one-hot", run.err().strip());
    }

    @Test
    void failuresExitWith1WithOneLineNamingTheFileAndTheProblem() throws Exception {
        assertFailure(args("train", "missing.csv"), "backflux: missing.csv: no such file");
        Files.writeString(directory.resolve("bad.csv"), "a,b,y\n1,2,3\n4,x,6\n");
        assertFailure(args("train", "bad.csv"), "backflux: bad.csv: at line 3, column 2 ('b'): expected a finite"
                + " number, actual 'x'");
        Files.writeString(directory.resolve("bad.json"), "{\"format\": \"keras\"}");
        assertFailure(args("inspect", "bad.json"), "backflux: bad.json: at /format: expected \"backflux-network\"");
        assertFailure(args("predict", "bad.json", "bad.csv"), "backflux: bad.json: at /format");
    }

    private void assertFailure(List<String> args, String line) throws Exception {
        Run run = backflux(args);
        assertEquals(1, run.exit(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith(line), run.err());
    }
}
