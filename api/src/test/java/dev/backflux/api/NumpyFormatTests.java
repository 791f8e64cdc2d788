package dev.backflux.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Matrix.toString()} against what numpy 2.4's {@code print(a)} shows, for the fixtures in
 * {@code src/test/resources/numpy-format} (remade with {@code python3 generate.py .} in that directory), and,
 * when python3 and numpy 2.4 are installed, against numpy itself run now.
 */
class NumpyFormatTests {

    private static final int RANDOM_CASES = 300;

    @TestFactory
    Stream<DynamicTest> printsAsNumpyPrintedTheFixtures() throws IOException {
        List<Path> files = fixtures(fixtureDirectory());
        assertTrue(files.size() >= 30, "fixtures: " + files);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> assertPrintsAsNumpy(Fixture.read(file))));
    }

    @Test
    void printsTheTutorialsOutputAsTheTutorialDoes() {
        Matrix output = Matrix.of(new double[][] {{0.00966449}, {0.00786506}, {0.99358898}, {0.99211957}});
        assertEquals("[[0.00966449]\n [0.00786506]\n [0.99358898]\n [0.99211957]]", output.toString());
        assertEquals("[[0. 0. 1.]\n [0. 1. 1.]\n [1. 0. 1.]\n [1. 1. 1.]]",
                Matrix.of(new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}}).toString());
    }

    @Test
    void aHugeMatrixPrintsOnlyItsCorners() {
        int rows = 2_000;
        int columns = 1_000;
        double[] data = new double[rows * columns];
        data[0] = -1;
        data[data.length - 1] = 0.5;
        data[rows / 2 * columns + columns / 2] = 1e300;
        String expected = "[[-1.   0.   0.  ...  0.   0.   0. ]\n"
                + " [ 0.   0.   0.  ...  0.   0.   0. ]\n"
                + " [ 0.   0.   0.  ...  0.   0.   0. ]\n"
                + " ...\n"
                + " [ 0.   0.   0.  ...  0.   0.   0. ]\n"
                + " [ 0.   0.   0.  ...  0.   0.   0. ]\n"
                + " [ 0.   0.   0.  ...  0.   0.   0.5]]";
        assertEquals(expected, DenseMatrix.wrap(rows, columns, data).toString());
    }

    /**
     * Runs generate.py with python3: its cases must be the checked-in fixtures, byte for byte (so that they
     * are what numpy prints, and can be remade), and random cases of every notation must print as numpy prints them.
     */
    @Test
    void printsAsNumpyPrintsNow(@TempDir Path directory) throws Exception {
        Path script = fixtureDirectory().resolve("generate.py");
        String version = python(directory, "-c", "import numpy; print(numpy.__version__)").trim();
        assumeTrue(version.startsWith("2.4."), "numpy 2.4 is needed to compare with its print, found " + version);

        Path fixed = directory.resolve("fixed");
        python(directory, script.toString(), fixed.toString());
        List<Path> expected = fixtures(fixtureDirectory());
        List<Path> actual = fixtures(fixed);
        assertEquals(names(expected), names(actual), "generate.py's cases are the checked-in fixtures");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Files.readString(expected.get(i)), Files.readString(actual.get(i)),
                    actual.get(i).getFileName() + ": remake the fixtures with python3 generate.py .");
        }

        Path random = directory.resolve("random");
        python(directory, script.toString(), random.toString(), "--random", Integer.toString(RANDOM_CASES));
        List<Path> cases = fixtures(random);
        assertEquals(RANDOM_CASES, cases.size());
        for (Path file : cases) {
            assertPrintsAsNumpy(Fixture.read(file));
        }
    }

    /**
     * Runs python3 with the given arguments and returns what it printed, skipping the test when python3 or numpy
     * is missing.
     */
    private static String python(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(arguments));
        Path output = directory.resolve("python-output.txt");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException missing) {
            assumeTrue(false, "python3 is not installed, so numpy's print is not run: " + missing.getMessage());
            throw missing;
        }
        boolean ended = process.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended, "python3 " + arguments[0] + " did not end within 2 minutes");
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assumeTrue(!printed.contains("ModuleNotFoundError") && process.exitValue() != 3,
                "numpy is not installed for python3, so numpy's print is not run: " + printed.trim());
        assertEquals(0, process.exitValue(), "python3 " + String.join(" ", arguments) + ":\n" + printed);
        return printed;
    }

    private static void assertPrintsAsNumpy(Fixture fixture) {
        assertEquals(fixture.printed, DenseMatrix.wrap(fixture.rows, fixture.columns, fixture.data).toString(),
                () -> fixture.name + " (" + fixture.comment + ")");
        assertFalse(fixture.printed.isEmpty());
    }

    private static Path fixtureDirectory() {
        URL script = NumpyFormatTests.class.getResource("/numpy-format/generate.py");
        assertTrue(script != null, "numpy-format/generate.py is on the test class path");
        try {
            return Path.of(script.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> fixtures(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".txt")).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(file -> file.getFileName().toString()).collect(Collectors.toList());
    }

    /** One case written by generate.py: a matrix as exact doubles and what numpy printed for it. */
    private static final class Fixture {

        final String name;
        final String comment;
        final int rows;
        final int columns;
        final double[] data;
        final String printed;

        private Fixture(String name, String comment, int rows, int columns, double[] data, String printed) {
            this.name = name;
            this.comment = comment;
            this.rows = rows;
            this.columns = columns;
            this.data = data;
            this.printed = printed;
        }

        static Fixture read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            int line = 0;
            String comment = lines.get(line).substring(2);
            while (lines.get(line).startsWith("#")) {
                line++;
            }
            String[] shape = lines.get(line++).split(" ");
            assertEquals("shape", shape[0], file + ": the shape line");
            int rows = Integer.parseInt(shape[1]);
            int columns = Integer.parseInt(shape[2]);
            double[] data = new double[rows * columns];
            for (int r = 0; r < rows; r++) {
                String[] values = lines.get(line++).split(" ");
                assertEquals(columns, values.length, file + ": row " + r);
                for (int c = 0; c < columns; c++) {
                    data[r * columns + c] = parse(values[c]);
                }
            }
            assertEquals("str", lines.get(line++), file + ": the line before numpy's output");
            String printed = String.join("\n", lines.subList(line, lines.size()));
            return new Fixture(file.getFileName().toString(), comment, rows, columns, data, printed);
        }

        /** Reads Python's {@code float.hex()}: hexadecimal, or nan, inf, -inf. */
        private static double parse(String value) {
            switch (value) {
                case "nan":
                    return Double.NaN;
                case "inf":
                    return Double.POSITIVE_INFINITY;
                case "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    return Double.parseDouble(value);
            }
        }
    }
}
