package dev.backflux.files;

import dev.backflux.api.InputScaling;
import dev.backflux.api.Matrix;
import dev.backflux.api.TrainingData;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads training data from a CSV file with Jackson's CSV parser: which columns are targets (by name or index, the
 * last by default), a header or not, the delimiter, rows to skip first, class labels turned into one-hot targets, a
 * seeded shuffle, a validation split, and min-max scaling of the inputs recorded with the data
 * ({@link TrainingData#inputScaling()}), so that a network saved from it applies the same scaling to raw inputs.
 *
 * <pre>{@code
 * CsvData iris = CsvReader.builder().header(false).skipRows(1).targets(4).oneHot()
 *         .shuffle(7).validation(0.2).scale().build().read(Path.of("data/iris.csv"));
 * TrainingData data = iris.trainingData();
 * }</pre>
 *
 * <p>Every problem fails with a {@link FileFormatException} naming the file, the line, the column and the bad value:
 * an empty file, a missing target column, a value that is not a finite number, a row with more or fewer fields than
 * the first. The file is read twice, once to check it and count its rows and once to fill arrays of exactly the
 * data's size, so that memory stays near the data's own size (one more copy while the matrices are made).
 * Instances are immutable and may be shared.
 */
public final class CsvReader {

    private final boolean header;
    private final int skipRows;
    private final char delimiter;
    private final List<String> targetNames;
    private final int[] targetIndexes;
    private final boolean oneHot;
    private final Long shuffleSeed;
    private final double validation;
    private final boolean scale;
    private final InputScaling givenScaling;

    private CsvReader(Builder builder) {
        this.header = builder.header;
        this.skipRows = builder.skipRows;
        this.delimiter = builder.delimiter;
        this.targetNames = builder.targetNames;
        this.targetIndexes = builder.targetIndexes;
        this.oneHot = builder.oneHot;
        this.shuffleSeed = builder.shuffleSeed;
        this.validation = builder.validation;
        this.scale = builder.scale;
        this.givenScaling = builder.givenScaling;
    }

    /**
     * Returns a builder with the defaults: a header line, commas, the last column as the target, no one-hot, no
     * shuffle, no validation split, no scaling.
     *
     * @return a new builder, never {@code null}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a CSV file.
     *
     * @param file the file, UTF-8 (a byte order mark is skipped)
     * @return what was read, never {@code null}
     * @throws FileFormatException naming the file, the line, the column and the bad value when the file does not fit
     *                             these settings
     * @throws IOException if it cannot be read
     */
    public CsvData read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        Layout layout = check(file, source);
        return fill(file, source, layout);
    }

    /**
     * Reads a CSV file of inputs only, to predict from: every column, except those named or numbered by
     * {@link Builder#targets(String...)} or {@link Builder#targets(int...)} when given (so that a file with its
     * targets can be used as it is); raw values, never scaled, shuffled or split.
     *
     * @param file the file, UTF-8
     * @return one example a row, never {@code null}
     * @throws FileFormatException naming the file, the line, the column and the bad value
     * @throws IOException if it cannot be read
     */
    public Matrix readInputs(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        List<double[]> rows = new ArrayList<>();
        try (Rows records = new Rows(file, source, delimiter)) {
            List<String> first = firstRow(records, source, "a row of inputs");
            List<String> names = names(first, source, records.line());
            int[] skipped = targetNames == null && targetIndexes == null ? new int[0]
                    : targets(names, source, records.line());
            Layout layout = new Layout(names, skipped);
            List<String> row = header ? records.next() : first;
            while (row != null) {
                layout.checkWidth(row, records.line(), source);
                double[] values = new double[layout.inputs.length];
                for (int j = 0; j < values.length; j++) {
                    values[j] = number(row, layout.inputs[j], records.line(), source, names);
                }
                rows.add(values);
                row = records.next();
            }
            if (rows.isEmpty()) {
                throw new FileFormatException(source, "at line " + Math.max(1, records.line()), "expected at least"
                        + " one row of inputs, actual none");
            }
        }
        return Matrix.of(rows.toArray(new double[0][]));
    }

    /**
     * Skips the rows to skip and returns the first record: the header, or the first row of data ({@code data}
     * names it in the message) without one.
     */
    private List<String> firstRow(Rows rows, String source, String data) throws FileFormatException {
        for (int i = 0; i < skipRows; i++) {
            if (rows.next() == null) {
                throw new FileFormatException(source, "at line " + rows.line(), "expected " + skipRows
                        + " rows to skip and then the data, actual the end of the file after " + i);
            }
        }
        List<String> first = rows.next();
        if (first == null) {
            throw new FileFormatException(source, "at line " + Math.max(1, rows.line()), "expected "
                    + (header ? "a header line with the column names" : data) + ", actual "
                    + (skipRows == 0 ? "an empty file" : "nothing after the skipped rows"));
        }
        return first;
    }

    /** The columns' names: the header's, each non-empty, or "column 0", "column 1", ... without one. */
    private List<String> names(List<String> first, String source, long line) throws FileFormatException {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < first.size(); j++) {
            String name = header ? first.get(j).strip() : "column " + j;
            if (name.isEmpty()) {
                throw new FileFormatException(source, "at line " + line + ", column " + (j + 1) + " (the header)",
                        "expected a column name, actual an empty field" + (j == first.size() - 1
                                ? " (a delimiter at the end of the header line?)" : ""));
            }
            names.add(name);
        }
        return names;
    }

    /** The first pass: the columns, the row count, the class labels; every value checked. */
    private Layout check(Path file, String source) throws IOException {
        Layout layout = null;
        try (Rows rows = new Rows(file, source, delimiter)) {
            List<String> first = firstRow(rows, source, "a row of data");
            List<String> names = names(first, source, rows.line());
            layout = new Layout(names, targets(names, source, rows.line()));
            if (!header) {
                layout.accept(first, rows.line(), source, oneHot);
            }
            List<String> row;
            while ((row = rows.next()) != null) {
                layout.accept(row, rows.line(), source, oneHot);
            }
            if (layout.rows == 0) {
                throw new FileFormatException(source, "at line " + Math.max(1, rows.line()), "expected at least one"
                        + " row of data after the header, actual none");
            }
        }
        // Each part is one array of doubles, which Java caps a little below 2^31 elements.
        int targetColumns = oneHot ? layout.labels.size() : layout.targets.length;
        length(source, layout.rows, 1, "rows");
        int validationRows = validationRows((int) layout.rows);
        length(source, layout.rows - validationRows, layout.inputs.length, "training inputs");
        length(source, layout.rows - validationRows, targetColumns, "training targets");
        length(source, validationRows, layout.inputs.length, "validation inputs");
        length(source, validationRows, targetColumns, "validation targets");
        if (validation > 0 && (validationRows == 0 || validationRows == layout.rows)) {
            throw new FileFormatException(source, "in its " + layout.rows + " rows", "expected enough rows to keep "
                    + validation + " of them for validation and train on the rest, actual " + layout.rows);
        }
        return layout;
    }

    private int[] targets(List<String> names, String source, long line) throws FileFormatException {
        if (targetNames != null) {
            int[] indexes = new int[targetNames.size()];
            for (int t = 0; t < indexes.length; t++) {
                indexes[t] = names.indexOf(targetNames.get(t));
                String place = "at line " + line + (header ? " (the header)" : "");
                if (indexes[t] < 0) {
                    throw new FileFormatException(source, place, "expected a column named '" + targetNames.get(t)
                            + "', one of " + names + ", actual none");
                }
                int other = names.lastIndexOf(targetNames.get(t));
                if (other != indexes[t]) {
                    throw new FileFormatException(source, place, "expected one column named '" + targetNames.get(t)
                            + "', actual columns " + (indexes[t] + 1) + " and " + (other + 1)
                            + " (give the target by index)");
                }
            }
            return indexes;
        }
        int[] indexes = targetIndexes == null ? new int[] {names.size() - 1} : targetIndexes.clone();
        for (int index : indexes) {
            if (index >= names.size()) {
                throw new FileFormatException(source, "at line " + line, "expected a target column index in [0, "
                        + (names.size() - 1) + "] (the row has " + names.size() + " columns), actual " + index);
            }
        }
        if (names.size() - indexes.length < 1) {
            throw new FileFormatException(source, "at line " + line, "expected at least one input column besides"
                    + " the targets " + Arrays.toString(indexes) + ", actual " + names.size() + " columns");
        }
        return indexes;
    }

    /** The second pass: the values, into arrays of exactly the data's size, in shuffled order. */
    private CsvData fill(Path file, String source, Layout layout) throws IOException {
        int total = (int) layout.rows;
        int validationRows = validationRows(total);
        int trainingRows = total - validationRows;
        int inputs = layout.inputs.length;
        Comparator<String> labelOrder = layout.order();
        List<String> classes = layout.classes(labelOrder);
        int outputs = oneHot ? classes.size() : layout.targets.length;
        int[] position = order(total);
        double[] trainIn = new double[length(source, trainingRows, inputs, "training inputs")];
        double[] trainOut = new double[length(source, trainingRows, outputs, "training targets")];
        double[] validIn = new double[length(source, validationRows, inputs, "validation inputs")];
        double[] validOut = new double[length(source, validationRows, outputs, "validation targets")];
        try (Rows rows = new Rows(file, source, delimiter)) {
            for (int i = 0; i < skipRows + (header ? 1 : 0); i++) {
                rows.next();
            }
            for (int r = 0; r < total; r++) {
                List<String> row = rows.next();
                if (row == null) {
                    throw new FileFormatException(source, "at line " + rows.line(), "expected " + total
                            + " rows of data as when it was first read, actual " + r + " (the file changed)");
                }
                int at = position[r];
                boolean training = at < trainingRows;
                int slot = training ? at : at - trainingRows;
                double[] in = training ? trainIn : validIn;
                double[] out = training ? trainOut : validOut;
                for (int j = 0; j < inputs; j++) {
                    in[slot * inputs + j] = number(row, layout.inputs[j], rows.line(), source, layout.names);
                }
                if (oneHot) {
                    // By the classes' order, so that a label equal to a class as a number ("1.0", "1") finds it.
                    int label = Collections.binarySearch(classes, row.get(layout.targets[0]).strip(), labelOrder);
                    if (label < 0) {
                        throw new FileFormatException(source, place(rows.line(), layout.targets[0], layout.names),
                                "expected one of the class labels " + classes + " as when it was first read, actual '"
                                        + row.get(layout.targets[0]).strip() + "' (the file changed)");
                    }
                    out[slot * outputs + label] = 1;
                } else {
                    for (int t = 0; t < outputs; t++) {
                        out[slot * outputs + t] = number(row, layout.targets[t], rows.line(), source, layout.names);
                    }
                }
            }
        }
        InputScaling scaling = givenScaling != null ? givenScaling : scale ? scaling(trainIn, inputs) : null;
        if (scaling != null && scaling.columns() != inputs) {
            throw new FileFormatException(source, "in its columns", "expected " + scaling.columns() + " input columns"
                    + " (as the given scaling), actual " + inputs + ": " + layout.names);
        }
        if (scaling != null) {
            applyScaling(trainIn, scaling);
            applyScaling(validIn, scaling);
        }
        TrainingData data = TrainingData.of(Matrix.ofRowMajor(trainingRows, inputs, trainIn),
                Matrix.ofRowMajor(trainingRows, outputs, trainOut));
        if (validationRows > 0) {
            data = data.withValidation(Matrix.ofRowMajor(validationRows, inputs, validIn),
                    Matrix.ofRowMajor(validationRows, outputs, validOut));
        }
        if (scaling != null) {
            data = data.withInputScaling(scaling);
        }
        List<String> inputNames = new ArrayList<>();
        for (int index : layout.inputs) {
            inputNames.add(layout.names.get(index));
        }
        List<String> targetColumns = new ArrayList<>();
        for (int index : layout.targets) {
            targetColumns.add(layout.names.get(index));
        }
        return new CsvData(data, inputNames, targetColumns, oneHot ? classes : List.of());
    }

    /** The most elements a Java array can have on common JVMs. */
    static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    /** The length of an array of {@code rows} by {@code columns} values, or a failure naming both when too long. */
    static int length(String source, long rows, int columns, String part) throws FileFormatException {
        long values = rows * columns;
        if (values > MAX_VALUES) {
            throw new FileFormatException(source, "in its " + rows + " rows", "expected at most " + MAX_VALUES
                    + " values of " + part + " (the most a Java array holds), actual " + rows + " x " + columns
                    + " = " + values);
        }
        return (int) values;
    }

    /** The rows kept for validation: the fraction as written (0.29, not 0.28999...) of the rows, rounded down. */
    private int validationRows(int rows) {
        return BigDecimal.valueOf(validation).multiply(BigDecimal.valueOf(rows)).setScale(0, RoundingMode.FLOOR)
                .intValueExact();
    }

    /** Where each row of the file goes: a seeded Fisher-Yates shuffle, or the file's order. */
    private int[] order(int total) {
        int[] position = new int[total];
        for (int i = 0; i < total; i++) {
            position[i] = i;
        }
        if (shuffleSeed != null) {
            Random random = new Random(shuffleSeed);
            for (int i = total - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = position[i];
                position[i] = position[j];
                position[j] = swap;
            }
        }
        return position;
    }

    private static InputScaling scaling(double[] values, int columns) {
        double[] min = new double[columns];
        double[] max = new double[columns];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < values.length; i++) {
            int j = i % columns;
            min[j] = Math.min(min[j], values[i]);
            max[j] = Math.max(max[j], values[i]);
        }
        return InputScaling.of(min, max);
    }

    private static void applyScaling(double[] values, InputScaling scaling) {
        int columns = scaling.columns();
        for (int i = 0; i < values.length; i++) {
            values[i] = scaling.scale(i % columns, values[i]);
        }
    }

    static double number(List<String> row, int column, long line, String source, List<String> names)
            throws FileFormatException {
        String text = row.get(column).strip();
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!Double.isFinite(value) || text.isEmpty() || !decimal(text)) {
            // Java also reads "NaN", "Infinity", "1d" and "0x1p3": a CSV number is none of those.
            throw new FileFormatException(source, place(line, column, names), "expected a finite number, actual '"
                    + text + "'");
        }
        return value;
    }

    /** Whether a number Java reads has only a decimal number's characters: no hex, no NaN, no suffix. */
    private static boolean decimal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }

    private static String place(long line, int column, List<String> names) {
        String name = names.get(column);
        return "at line " + line + ", column " + (column + 1)
                + (name.equals("column " + column) ? "" : " ('" + name + "')");
    }

    /** What the first pass learns: the columns, the row count and the class labels. */
    private static final class Layout {
        final List<String> names;
        final int[] targets;
        final int[] inputs;
        final Map<String, Boolean> labels = new LinkedHashMap<>();
        long rows;

        Layout(List<String> names, int[] targets) {
            this.names = names;
            this.targets = targets;
            List<Integer> rest = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                int column = j;
                if (Arrays.stream(targets).noneMatch(t -> t == column)) {
                    rest.add(j);
                }
            }
            this.inputs = rest.stream().mapToInt(Integer::intValue).toArray();
        }

        /** A row with more or fewer fields than the first is refused. */
        void checkWidth(List<String> row, long line, String source) throws FileFormatException {
            if (row.size() != names.size()) {
                throw new FileFormatException(source, "at line " + line, "expected " + names.size() + " fields (as"
                        + " the first row), actual " + row.size() + ": " + String.join(",", row));
            }
        }

        void accept(List<String> row, long line, String source, boolean oneHot) throws FileFormatException {
            checkWidth(row, line, source);
            for (int column : inputs) {
                number(row, column, line, source, names);
            }
            if (oneHot) {
                String label = row.get(targets[0]).strip();
                if (label.isEmpty()) {
                    throw new FileFormatException(source, place(line, targets[0], names), "expected a class label,"
                            + " actual an empty field");
                }
                labels.put(label, Boolean.TRUE);
            } else {
                for (int column : targets) {
                    number(row, column, line, source, names);
                }
            }
            rows++;
        }

        /** The labels' order: numerically when all are numbers, else as text. */
        Comparator<String> order() {
            boolean numbers = labels.keySet().stream().allMatch(label -> {
                try {
                    return Double.isFinite(Double.parseDouble(label));
                } catch (NumberFormatException e) {
                    return false;
                }
            });
            return numbers ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        }

        /**
         * The classes in {@code order}: labels that are the same number ("1" and "1.0") are one class, named as
         * the file first gives it.
         */
        List<String> classes(Comparator<String> order) {
            TreeSet<String> sorted = new TreeSet<>(order);
            sorted.addAll(labels.keySet());
            return List.copyOf(sorted);
        }
    }

    /** The records of a CSV file, one list of fields each, with the line each starts on. */
    private static final class Rows implements AutoCloseable {
        /** Without a schema's column names, each record comes as an array of strings. */
        private static final CsvMapper MAPPER = CsvMapper.builder()
                .enable(CsvReadFeature.SKIP_EMPTY_ROWS)
                .build();

        private final JsonParser parser;
        private final Path file;
        private final String source;
        private long line;

        Rows(Path file, String source, char delimiter) throws IOException {
            this.file = file;
            this.source = source;
            CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
            BufferedReader reader = Files.newBufferedReader(file);
            try {
                // A byte order mark (Excel's "CSV UTF-8") is no part of the first field.
                reader.mark(1);
                if (reader.read() != '\uFEFF') {
                    reader.reset();
                }
            } catch (IOException e) {
                reader.close();
                throw e;
            }
            this.parser = MAPPER.reader(schema).createParser(reader);
        }

        /** The next record, or null at the end. */
        List<String> next() throws FileFormatException {
            try {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    line = parser.currentLocation().getLineNr();
                    return null;
                }
                line = parser.currentLocation().getLineNr();
                List<String> fields = new ArrayList<>();
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (token == null) {
                        return fields.isEmpty() ? null : fields;
                    }
                    fields.add(parser.getString());
                }
                return fields;
            } catch (JacksonException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    // The reader decodes ahead of the parser: the place comes from the bytes themselves.
                    throw notUtf8(file, source, e);
                }
                throw new FileFormatException(source, "at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr(), "expected CSV, actual " + e.getOriginalMessage());
            }
        }

        long line() {
            return line;
        }

        /** Names the first line and byte that are not UTF-8 (a line feed byte is one in any UTF-8 text). */
        private static FileFormatException notUtf8(Path file, String source, JacksonException e) {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                for (long line = 1; ; line++) {
                    int b;
                    bytes.reset();
                    while ((b = in.read()) != '\n' && b != -1) {
                        bytes.write(b);
                    }
                    ByteBuffer text = ByteBuffer.wrap(bytes.toByteArray());
                    CoderResult result = decoder.reset().decode(text, CharBuffer.allocate(text.remaining()), true);
                    if (result.isError()) {
                        return new FileFormatException(source, "at line " + line + ", byte " + (text.position() + 1),
                                String.format("expected UTF-8 text, actual the byte 0x%02X", text.get(text.position())));
                    }
                    if (b == -1) {
                        break;
                    }
                }
            } catch (IOException ignored) {
                // Named below without a place.
            }
            return new FileFormatException(source, "in the file", "expected UTF-8 text, actual "
                    + e.getOriginalMessage());
        }

        @Override
        public void close() {
            parser.close();
        }
    }

    /**
     * Builds a {@link CsvReader}; each setter checks its argument at once.
     */
    public static final class Builder {

        private boolean header = true;
        private int skipRows;
        private char delimiter = ',';
        private List<String> targetNames;
        private int[] targetIndexes;
        private boolean oneHot;
        private Long shuffleSeed;
        private double validation;
        private boolean scale;
        private InputScaling givenScaling;

        private Builder() {
        }

        /**
         * Says whether the first row (after any skipped) names the columns; {@code true} by default.
         *
         * @param header {@code false} when every row is data
         * @return this builder
         */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /**
         * Skips rows at the start of the file, before the header or the data (such as scikit-learn's
         * {@code iris.csv}, whose first row gives counts and class names).
         *
         * @param rows the rows to skip, at least 0
         * @return this builder
         * @throws IllegalArgumentException if {@code rows} is negative
         */
        public Builder skipRows(int rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("skipRows: expected at least 0, actual " + rows);
            }
            this.skipRows = rows;
            return this;
        }

        /**
         * Sets the character between fields; a comma by default.
         *
         * @param delimiter such as {@code ';'} or {@code '\t'}; not a quote, a line end, a space, or a character
         *                  of a number (a digit, {@code . + - e E})
         * @return this builder
         * @throws IllegalArgumentException if {@code delimiter} is one of those
         */
        public Builder delimiter(char delimiter) {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || delimiter == ' '
                    || Character.isDigit(delimiter) || ".+-eE".indexOf(delimiter) >= 0) {
                throw new IllegalArgumentException("delimiter: expected a character other than a double quote, a"
                        + " line end, a space or a character of a number, actual '" + delimiter + "'");
            }
            this.delimiter = delimiter;
            return this;
        }

        /**
         * Names the target columns (the header must have them); every other column is an input.
         *
         * @param names one or more column names
         * @return this builder
         * @throws IllegalArgumentException if no name is given or one repeats
         */
        public Builder targets(String... names) {
            Objects.requireNonNull(names, "names");
            if (names.length == 0 || new TreeSet<>(Arrays.asList(names)).size() != names.length) {
                throw new IllegalArgumentException("targets: expected one or more different column names, actual "
                        + Arrays.toString(names));
            }
            this.targetNames = List.of(names);
            this.targetIndexes = null;
            return this;
        }

        /**
         * Gives the target columns by index, first column 0; every other column is an input. The last column is
         * the target by default.
         *
         * @param indexes one or more different indexes, at least 0
         * @return this builder
         * @throws IllegalArgumentException if none is given, one is negative, or one repeats
         */
        public Builder targets(int... indexes) {
            Objects.requireNonNull(indexes, "indexes");
            if (indexes.length == 0 || Arrays.stream(indexes).anyMatch(i -> i < 0)
                    || Arrays.stream(indexes).distinct().count() != indexes.length) {
                throw new IllegalArgumentException("targets: expected one or more different column indexes of at"
                        + " least 0, actual " + Arrays.toString(indexes));
            }
            this.targetIndexes = indexes.clone();
            this.targetNames = null;
            return this;
        }

        /**
         * Reads the one target column as class labels (numbers or words) and makes one target column per class,
         * 1 for the row's class and 0 for the others; classes are ordered numerically when all labels are numbers
         * (labels that are the same number, such as {@code 1} and {@code 1.0}, being one class, named as the file
         * first gives it), else alphabetically ({@link CsvData#classes()}).
         *
         * @return this builder
         */
        public Builder oneHot() {
            this.oneHot = true;
            return this;
        }

        /**
         * Shuffles the rows before the validation split, the same way for the same seed.
         *
         * @param seed the seed of {@link Random}
         * @return this builder
         */
        public Builder shuffle(long seed) {
            this.shuffleSeed = seed;
            return this;
        }

        /**
         * Keeps the last {@code fraction} of the (shuffled) rows as validation data, rounded down.
         *
         * @param fraction in {@code [0, 1)}; 0 keeps none (the default)
         * @return this builder
         * @throws IllegalArgumentException if {@code fraction} is outside {@code [0, 1)}
         */
        public Builder validation(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("validation: expected a fraction in [0, 1), actual " + fraction);
            }
            this.validation = fraction;
            return this;
        }

        /**
         * Scales every input column to 0..1 by its minimum and maximum over the training rows (validation rows
         * use the same bounds), and records the scaling with the data ({@link TrainingData#inputScaling()}).
         *
         * @return this builder
         */
        public Builder scale() {
            this.scale = true;
            return this;
        }

        /**
         * Scales every input column with given bounds rather than the data's own, and records them with the data:
         * for a run that goes on from a saved network ({@code SavedNetwork.inputScaling()}), whose inputs must be
         * scaled as they were.
         *
         * @param scaling the bounds, one per input column (checked when the file is read)
         * @return this builder
         * @throws NullPointerException if {@code scaling} is {@code null}
         */
        public Builder scale(InputScaling scaling) {
            this.givenScaling = Objects.requireNonNull(scaling, "scaling");
            this.scale = true;
            return this;
        }

        /**
         * Returns the reader.
         *
         * @return the reader, never {@code null}
         * @throws IllegalArgumentException if one-hot targets are asked for with more than one target column
         */
        public CsvReader build() {
            int targets = targetNames != null ? targetNames.size() : targetIndexes != null ? targetIndexes.length : 1;
            if (oneHot && targets != 1) {
                throw new IllegalArgumentException("oneHot: expected one target column holding class labels, actual "
                        + targets + " target columns");
            }
            return new CsvReader(this);
        }
    }
}
