package dev.backflux.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.InputScaling;
import dev.backflux.api.Matrix;
import dev.backflux.api.TrainingData;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTests {

    @TempDir
    Path directory;

    private Path csv(String text) throws IOException {
        return Files.writeString(directory.resolve("data.csv"), text, StandardCharsets.UTF_8);
    }

    @Test
    void targetsByNameWithAnotherDelimiterAndQuotedFields() throws IOException {
        Path file = csv("a;\"b\";y;c\n1;2;0;3\n4;\"5\";1;6\n\n7;8;1;9\n");
        CsvData read = CsvReader.builder().delimiter(';').targets("y").build().read(file);
        TrainingData data = read.trainingData();
        assertEquals(List.of("a", "b", "c"), read.inputColumns());
        assertEquals(List.of("y"), read.targetColumns());
        assertEquals(Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}), data.inputs());
        assertEquals(Matrix.of(new double[][] {{0}, {1}, {1}}), data.targets());
        assertTrue(data.inputScaling().isEmpty());
        assertTrue(read.classes().isEmpty());
    }

    @Test
    void withoutAHeaderTheLastColumnIsTheTargetOrThoseGivenByIndex() throws IOException {
        Path file = csv("1,2,3\n4,5,6\n");
        TrainingData last = CsvReader.builder().header(false).build().read(file).trainingData();
        assertEquals(Matrix.of(new double[][] {{1, 2}, {4, 5}}), last.inputs());
        assertEquals(Matrix.of(new double[][] {{3}, {6}}), last.targets());

        CsvData two = CsvReader.builder().header(false).targets(0, 2).build().read(file);
        assertEquals(Matrix.of(new double[][] {{2}, {5}}), two.trainingData().inputs());
        assertEquals(Matrix.of(new double[][] {{1, 3}, {4, 6}}), two.trainingData().targets());
        assertEquals(List.of("column 1"), two.inputColumns());
    }

    @Test
    void classLabelsBecomeOneHotTargetsInOrder() throws IOException {
        CsvData words = CsvReader.builder().targets("species").oneHot().build()
                .read(csv("x,species\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n"));
        assertEquals(List.of("setosa", "versicolor", "virginica"), words.classes());
        assertEquals(Matrix.of(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {1, 0, 0}}),
                words.trainingData().targets());

        CsvData numbers = CsvReader.builder().oneHot().build().read(csv("x,y\n1,10\n2,9\n3,10\n"));
        assertEquals(List.of("9", "10"), numbers.classes(), "numbers in numeric order, not as text");
        assertEquals(Matrix.of(new double[][] {{0, 1}, {1, 0}, {0, 1}}), numbers.trainingData().targets());
    }

    @Test
    void labelsThatAreTheSameNumberAreOneClassAndEveryRowGetsItsOne() throws IOException {
        // "1" and "1.0" compare equal as numbers: the class list had one of them, and the other's rows got no 1
        // (or, with "1.0" first, wrote their 1 into the row before).
        CsvData read = CsvReader.builder().oneHot().build().read(csv("x,y\n1,1\n2,2\n3,1.0\n4,2\n"));
        assertEquals(List.of("1", "2"), read.classes());
        assertEquals(Matrix.of(new double[][] {{1, 0}, {0, 1}, {1, 0}, {0, 1}}), read.trainingData().targets());
        CsvData first = CsvReader.builder().oneHot().build().read(csv("x,y\n1,1.0\n2,0\n3,1\n"));
        assertEquals(List.of("0", "1.0"), first.classes());
        assertEquals(Matrix.of(new double[][] {{0, 1}, {1, 0}, {0, 1}}), first.trainingData().targets());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstField() throws IOException {
        // Excel's "CSV UTF-8" starts with one: it made the header 'a' into '\uFEFFa', or the first value unreadable.
        CsvData named = CsvReader.builder().targets("a").build().read(csv("\uFEFFa,b\n1,2\n"));
        assertEquals(List.of("a"), named.targetColumns());
        TrainingData numbers = CsvReader.builder().header(false).build().read(csv("\uFEFF1,2\n")).trainingData();
        assertEquals(Matrix.of(new double[][] {{1}}), numbers.inputs());
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithTheLineOfItsFirstBadByte() throws IOException {
        StringBuilder text = new StringBuilder("a,y\n");
        for (int i = 0; i < 5_000; i++) {
            text.append(i).append(",1\n");
        }
        byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = Arrays.copyOf(good, good.length + 5);
        System.arraycopy(new byte[] {'1', ',', 'c', (byte) 0xE9, '\n'}, 0, latin1, good.length, 5);
        Path file = Files.write(directory.resolve("latin1.csv"), latin1);
        FileFormatException e = assertThrows(FileFormatException.class,
                () -> CsvReader.builder().oneHot().build().read(file));
        assertEquals(file.toString(), e.source());
        assertEquals("at line 5002, byte 4", e.place(), e.getMessage());
        assertTrue(e.getMessage().endsWith("expected UTF-8 text, actual the byte 0xE9"), e.getMessage());
    }

    @Test
    void aSeededShuffleAndAValidationSplitKeepEveryRowOnce() throws IOException {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            text.append(i).append(',').append(i % 2).append('\n');
        }
        Path file = csv(text.toString());
        CsvReader reader = CsvReader.builder().shuffle(3).validation(0.2).build();
        TrainingData a = reader.read(file).trainingData();
        TrainingData b = reader.read(file).trainingData();
        assertEquals(a.inputs(), b.inputs(), "the same seed, the same order");
        assertEquals(40, a.size());
        assertEquals(10, a.validationInputs().orElseThrow().rows());
        List<Double> all = new ArrayList<>();
        for (double[] row : a.inputs().toArray()) {
            all.add(row[0]);
        }
        for (double[] row : a.validationInputs().orElseThrow().toArray()) {
            all.add(row[0]);
        }
        assertNotEquals(List.copyOf(all).subList(0, 10), List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0));
        all.sort(Comparator.naturalOrder());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, all.get(i), "every row once");
        }
        double[] x = a.inputs().toRowMajorArray();
        double[] y = a.targets().toRowMajorArray();
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] % 2, y[i], "a row's target moves with its inputs");
        }
        TrainingData other = CsvReader.builder().shuffle(4).validation(0.2).build().read(file).trainingData();
        assertNotEquals(a.inputs(), other.inputs());
    }

    @Test
    void theValidationSplitRoundsDownTheFractionAsWritten() throws IOException {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 100; i++) {
            text.append(i).append(",1\n");
        }
        // 100 * 0.29 is 28.999999999999996 in doubles: floor gave 28.
        TrainingData data = CsvReader.builder().validation(0.29).build().read(csv(text.toString())).trainingData();
        assertEquals(29, data.validationInputs().orElseThrow().rows());
        assertEquals(71, data.size());
    }

    @Test
    void scalingUsesTheTrainingRowsBoundsForBothPartsAndIsRecorded() throws IOException {
        Path file = csv("a,b,y\n0,5,1\n10,5,0\n5,5,1\n20,5,0\n");
        TrainingData data = CsvReader.builder().validation(0.25).scale().build().read(file).trainingData();
        InputScaling scaling = data.inputScaling().orElseThrow();
        assertArrayEquals(new double[] {0, 5}, scaling.min());
        assertArrayEquals(new double[] {10, 5}, scaling.max());
        assertEquals(Matrix.of(new double[][] {{0, 0}, {1, 0}, {0.5, 0}}), data.inputs(), "a constant column is 0");
        assertEquals(Matrix.of(new double[][] {{2, 0}}), data.validationInputs().orElseThrow(),
                "validation rows scaled by the training rows' bounds, even beyond 1");
    }

    @Test
    void givenBoundsScaleTheDataInsteadOfItsOwnForAResumedRun() throws IOException {
        InputScaling saved = InputScaling.of(new double[] {0, 0}, new double[] {100, 10});
        TrainingData data = CsvReader.builder().scale(saved).build().read(csv("a,b,y\n50,5,1\n100,20,0\n"))
                .trainingData();
        assertEquals(saved, data.inputScaling().orElseThrow());
        assertEquals(Matrix.of(new double[][] {{0.5, 0.5}, {1, 2}}), data.inputs());
        FileFormatException narrow = assertThrows(FileFormatException.class, () -> CsvReader.builder()
                .scale(InputScaling.of(new double[] {0}, new double[] {1})).build().read(csv("a,b,y\n1,2,3\n")));
        assertTrue(narrow.getMessage().contains("expected 1 input columns (as the given scaling), actual 2"),
                narrow.getMessage());
    }

    @Test
    void inputsToPredictFromAreEveryColumnButTheTargetsGiven() throws IOException {
        Path file = csv("a,b,y\n1,2,0\n3,4,1\n");
        assertEquals(Matrix.of(new double[][] {{1, 2, 0}, {3, 4, 1}}), CsvReader.builder().build().readInputs(file),
                "no target given: every column");
        assertEquals(Matrix.of(new double[][] {{1, 2}, {3, 4}}), CsvReader.builder().targets("y").build()
                .readInputs(file));
        assertEquals(Matrix.of(new double[][] {{2, 0}, {4, 1}}), CsvReader.builder().header(false).skipRows(1)
                .targets(0).build().readInputs(file));
        FileFormatException bad = assertThrows(FileFormatException.class, () -> CsvReader.builder().build()
                .readInputs(csv("a,b\n1,x\n")));
        assertEquals("at line 2, column 2 ('b')", bad.place());
        assertThrows(FileFormatException.class, () -> CsvReader.builder().build().readInputs(csv("a,b\n")));
    }

    @Test
    void everyBadFileNamesTheFileLineColumnAndValue() throws IOException {
        assertBad("", CsvReader.builder().build(), "at line 1",
                "expected a header line with the column names, actual an empty file");
        assertBad("a,b,y\n", CsvReader.builder().build(), "at line ",
                "expected at least one row of data after the header, actual none");
        assertBad("a,b,y\n1,2,3\n", CsvReader.builder().targets("z").build(), "at line 1 (the header)",
                "expected a column named 'z', one of [a, b, y], actual none");
        assertBad("a,b,y\n1,2,3\n4,five,6\n", CsvReader.builder().build(), "at line 3, column 2 ('b')",
                "expected a finite number, actual 'five'");
        assertBad("a,b,y\n1,2,3\n4,,6\n", CsvReader.builder().build(), "at line 3, column 2 ('b')",
                "expected a finite number, actual ''");
        assertBad("a,b,y\n1,NaN,3\n", CsvReader.builder().build(), "at line 2, column 2 ('b')",
                "expected a finite number, actual 'NaN'");
        assertBad("1,2,3\n4,5,Infinity\n", CsvReader.builder().header(false).build(), "at line 2, column 3",
                "expected a finite number, actual 'Infinity'");
        assertBad("a,b,y\n1,2,3\n4,5\n", CsvReader.builder().build(), "at line 3",
                "expected 3 fields (as the first row), actual 2: 4,5");
        assertBad("y,x,y\n1,2,3\n", CsvReader.builder().targets("y").build(), "at line 1 (the header)",
                "expected one column named 'y', actual columns 1 and 3 (give the target by index)");
        assertBad("1,2,3\n", CsvReader.builder().header(false).targets("y").build(), "at line 1",
                "expected a column named 'y', one of [column 0, column 1, column 2], actual none");
        assertEquals("at line 1", assertThrows(FileFormatException.class, () -> CsvReader.builder().header(false)
                .targets("y").build().read(csv("1,2,3\n"))).place(), "no header to name");
        assertBad("a,y\n0x1p3,1\n", CsvReader.builder().build(), "at line 2, column 1 ('a')",
                "expected a finite number, actual '0x1p3'");
        assertBad("a,b,y\n1,2,3\n", CsvReader.builder().targets(5).build(), "at line 1",
                "expected a target column index in [0, 2] (the row has 3 columns), actual 5");
        assertBad("a,y\n1,\n", CsvReader.builder().oneHot().build(), "at line 2, column 2 ('y')",
                "expected a class label, actual an empty field");
        assertBad("a,y\n1,0\n", CsvReader.builder().validation(0.5).build(), "in its 1 rows",
                "expected enough rows to keep 0.5 of them for validation and train on the rest, actual 1");
        assertBad("a,b,y,\n1,2,3,\n", CsvReader.builder().build(), "at line 1, column 4 (the header)",
                "expected a column name, actual an empty field (a delimiter at the end of the header line?)");
        assertBad("skipped\n", CsvReader.builder().skipRows(2).build(), "at line ",
                "expected 2 rows to skip and then the data, actual the end of the file after 1");
    }

    @Test
    void badSettingsAreRefusedAtOnceNamingThem() {
        assertEquals("skipRows: expected at least 0, actual -1",
                assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().skipRows(-1)).getMessage());
        assertEquals("delimiter: expected a character other than a double quote, a line end, a space or a character"
                + " of a number, actual '\"'",
                assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().delimiter('"')).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().delimiter('.'));
        assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().delimiter('7'));
        assertEquals("targets: expected one or more different column names, actual [y, y]",
                assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().targets("y", "y")).getMessage());
        assertEquals("targets: expected one or more different column indexes of at least 0, actual [-1]",
                assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().targets(-1)).getMessage());
        assertEquals("validation: expected a fraction in [0, 1), actual 1.0",
                assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().validation(1)).getMessage());
        assertEquals("oneHot: expected one target column holding class labels, actual 2 target columns",
                assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().targets(0, 1).oneHot().build())
                        .getMessage());
    }

    /**
     * A file of 2.4 million values (300,000 rows of 8): what stays on the heap after reading it is the data's own
     * 19.2 MB of doubles and little more (G1 gives each large array whole heap regions: about 25 MB measured);
     * no strings or boxed numbers are kept, which would take ten times as much.
     */
    @Test
    void whatAReadFileKeepsInMemoryIsNearTheDataItself() throws IOException {
        Path file = directory.resolve("large.csv");
        int rows = 300_000;
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("a,b,c,d,e,f,g,y\n");
            for (int r = 0; r < rows; r++) {
                out.write(r + ",0.125,2.5,-3,4e-2,5.75,6,1\n");
            }
        }
        long before = usedAfterGc();
        TrainingData data = CsvReader.builder().build().read(file).trainingData();
        long kept = usedAfterGc() - before;
        long dataBytes = (long) rows * 8 * Double.BYTES;
        assertEquals(rows, data.size());
        assertEquals(rows - 1.0, data.inputs().get(rows - 1, 0));
        assertTrue(kept < dataBytes * 1.5, "kept " + kept + " bytes for " + dataBytes + " bytes of data");
    }

    @Test
    void dataTooLargeForAJavaArrayFailsNamingItsSizeInsteadOfWrappingAround() throws FileFormatException {
        // 3 million rows of 784 inputs (a 7 GB file): 2,352,000,000 values made a negative int array size.
        assertEquals(784_000, CsvReader.length("big.csv", 1_000, 784, "training inputs"));
        FileFormatException e = assertThrows(FileFormatException.class,
                () -> CsvReader.length("big.csv", 3_000_000, 784, "training inputs"));
        assertEquals("big.csv: in its 3000000 rows: expected at most 2147483639 values of training inputs (the most"
                + " a Java array holds), actual 3000000 x 784 = 2352000000", e.getMessage());
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    private void assertBad(String content, CsvReader reader, String place, String problem) throws IOException {
        Path file = csv(content);
        FileFormatException e = assertThrows(FileFormatException.class, () -> reader.read(file));
        assertEquals(file.toString(), e.source());
        assertTrue(e.place().startsWith(place), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(Arrays.asList(e.getMessage().split(": ")).size() >= 2, e.getMessage());
    }
}
