package dev.backflux.files;

import dev.backflux.api.Matrix;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes one matrix as numpy's {@code .npy} file, so that the tutorial's own code and Backflux can continue
 * from each other's weights: {@code np.save("syn0.npy", syn0)} and {@code np.load("syn0.npy")}.
 *
 * <p>Writes format 1.0, little-endian float64 ({@code '<f8'}), C order, exactly as numpy 2 writes a 2-D float64
 * array: every double reads back to the same bits, in Java or in numpy. Reads formats 1.0 to 3.0, C or Fortran
 * order, and the element types {@code f8}, {@code f4}, {@code i8}, {@code i4}, {@code i2}, {@code i1}, {@code u1} and
 * {@code b1} in either byte order, converted to doubles exactly (an integer beyond 2⁵³ is refused). The array must be
 * 2-D (rows, columns): a 1-D array is refused rather than guessed to be a row or a column.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final long EXACT_INTEGERS = 1L << 53;

    private Npy() {
    }

    /**
     * Writes a matrix to a file as numpy's {@code np.save} does, replacing the file.
     *
     * @param matrix the matrix
     * @param file the file to write, usually named {@code *.npy}
     * @throws IOException if the file cannot be written
     * @throws NullPointerException if an argument is {@code null}
     */
    public static void write(Matrix matrix, Path file) throws IOException {
        Objects.requireNonNull(matrix, "matrix");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Objects.requireNonNull(file, "file")))) {
            write(matrix, out);
        }
    }

    /**
     * Writes a matrix to a stream in the {@code .npy} format; the stream is not closed.
     *
     * @param matrix the matrix
     * @param out where to write
     * @throws IOException if the stream fails
     * @throws NullPointerException if an argument is {@code null}
     */
    public static void write(Matrix matrix, OutputStream out) throws IOException {
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(out, "out");
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + matrix.rows() + ", " + matrix.columns()
                + "), }";
        // As numpy's _write_array_header: room for the row count to grow to 21 digits, then spaces and a newline
        // so that the data starts at a multiple of 64 bytes (a whole 64 more when it already would).
        dict += " ".repeat(21 - Integer.toString(matrix.rows()).length());
        int headerLength = dict.length() + 1;
        int padding = 64 - (MAGIC.length + 2 + 2 + headerLength) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        out.write(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >>> 8);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        double[] values = matrix.toRowMajorArray();
        ByteBuffer data = ByteBuffer.allocate(Math.min(values.length, 8192) * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            if (!data.hasRemaining()) {
                out.write(data.array(), 0, data.position());
                data.clear();
            }
            data.putDouble(value);
        }
        out.write(data.array(), 0, data.position());
    }

    /**
     * Reads a matrix from a {@code .npy} file, as numpy's {@code np.save} writes it.
     *
     * @param file the file
     * @return the matrix, never {@code null}
     * @throws FileFormatException if the file is not a 2-D {@code .npy} array of a supported type, naming the file,
     *                             the place in it and what was expected
     * @throws IOException if the file cannot be read
     * @throws NullPointerException if {@code file} is {@code null}
     */
    public static Matrix read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads a matrix from a stream in the {@code .npy} format, up to the end of its data; the stream is not closed.
     *
     * @param in the stream
     * @param source its name in error messages, such as a path or a zip entry
     * @return the matrix, never {@code null}
     * @throws FileFormatException if the content is not a 2-D {@code .npy} array of a supported type
     * @throws IOException if the stream fails
     * @throws NullPointerException if an argument is {@code null}
     */
    public static Matrix read(InputStream in, String source) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        DataInputStream data = new DataInputStream(in);
        byte[] magic = bytes(data, MAGIC.length, source, 0, "the magic string \\x93NUMPY");
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new FileFormatException(source, "at byte 0", "expected the magic string \\x93NUMPY of a .npy"
                        + " file, actual " + printable(magic));
            }
        }
        byte[] version = bytes(data, 2, source, 6, "the format version");
        int major = version[0] & 0xff;
        if (major < 1 || major > 3) {
            throw new FileFormatException(source, "at byte 6", "expected format version 1.0, 2.0 or 3.0, actual "
                    + major + "." + (version[1] & 0xff));
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = bytes(data, lengthBytes, source, 8, "the header length");
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = headerLength << 8 | (lengthField[i] & 0xff);
        }
        int headerStart = 8 + lengthBytes;
        if (headerLength > 1 << 20) {
            throw new FileFormatException(source, "at byte 8", "expected a header of at most 1 MiB, actual "
                    + headerLength + " bytes");
        }
        String header = new String(bytes(data, (int) headerLength, source, headerStart, "a header of " + headerLength
                + " bytes"), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        String place = "in the header at byte " + headerStart;
        if (!header.startsWith("{") || !header.endsWith("}")) {
            throw new FileFormatException(source, place, "expected a Python dict {...}, actual " + shorten(header));
        }
        String descr = find(DESCR, header, source, place, "'descr'");
        boolean fortran = find(FORTRAN, header, source, place, "'fortran_order'").equals("True");
        int[] shape = shape(find(SHAPE, header, source, place, "'shape'"), source, place);
        Type type = Type.of(descr, source, place);
        long count = (long) shape[0] * shape[1];
        if (count * type.size > Integer.MAX_VALUE - 8) {
            throw new FileFormatException(source, place, "expected at most " + (Integer.MAX_VALUE - 8) / type.size
                    + " elements, actual " + shape[0] + "x" + shape[1]);
        }
        long dataStart = headerStart + headerLength;
        byte[] raw = bytes(data, (int) (count * type.size), source, dataStart, count + " elements of '" + descr
                + "' (" + count * type.size + " bytes)");
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(type.order);
        double[][] rows = new double[shape[0]][shape[1]];
        for (long i = 0; i < count; i++) {
            double value = type.read(buffer, source, dataStart + i * type.size);
            int row = (int) (fortran ? i % shape[0] : i / shape[1]);
            int column = (int) (fortran ? i / shape[0] : i % shape[1]);
            rows[row][column] = value;
        }
        return Matrix.of(rows);
    }

    private static int[] shape(String tuple, String source, String place) throws FileFormatException {
        String[] parts = tuple.split(",");
        int dimensions = 0;
        int[] shape = new int[2];
        for (String part : parts) {
            String dimension = part.strip();
            if (dimension.isEmpty()) {
                continue;
            }
            int size;
            try {
                size = Integer.parseInt(dimension.endsWith("L") ? dimension.substring(0, dimension.length() - 1)
                        : dimension);
            } catch (NumberFormatException e) {
                throw new FileFormatException(source, place, "expected a shape of integers, actual (" + tuple + ")");
            }
            if (dimensions < 2) {
                shape[dimensions] = size;
            }
            dimensions++;
        }
        if (dimensions != 2) {
            throw new FileFormatException(source, place, "expected a 2-D array (rows, columns), actual shape ("
                    + tuple.strip() + ")");
        }
        if (shape[0] < 1 || shape[1] < 1) {
            throw new FileFormatException(source, place, "expected at least one row and one column, actual shape ("
                    + tuple.strip() + ")");
        }
        return shape;
    }

    private static String find(Pattern pattern, String header, String source, String place, String key)
            throws FileFormatException {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new FileFormatException(source, place, "expected the key " + key + ", actual " + shorten(header));
        }
        return matcher.group(1);
    }

    private static byte[] bytes(DataInputStream in, int length, String source, long at, String what)
            throws IOException {
        byte[] bytes = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(bytes, read, length - read);
            if (n < 0) {
                throw new FileFormatException(source, "at byte " + (at + read), "expected " + what + ", actual the"
                        + " end of the file after " + read + " of its " + length + " bytes (truncated)");
            }
            read += n;
        }
        return bytes;
    }

    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(b >= 32 && b < 127 ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return text.toString();
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** An element type numpy can store and Backflux reads as doubles. */
    private enum Kind {
        FLOAT, SIGNED, UNSIGNED, BOOL
    }

    private record Type(Kind kind, int size, ByteOrder order) {

        static Type of(String descr, String source, String place) throws FileFormatException {
            if (descr.length() < 3) {
                throw unsupported(descr, source, place);
            }
            char byteOrder = descr.charAt(0);
            ByteOrder order = byteOrder == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            if ("<>|=".indexOf(byteOrder) < 0) {
                throw unsupported(descr, source, place);
            }
            String code = descr.substring(1);
            return switch (code) {
                case "f8" -> new Type(Kind.FLOAT, 8, order);
                case "f4" -> new Type(Kind.FLOAT, 4, order);
                case "i8" -> new Type(Kind.SIGNED, 8, order);
                case "i4" -> new Type(Kind.SIGNED, 4, order);
                case "i2" -> new Type(Kind.SIGNED, 2, order);
                case "i1" -> new Type(Kind.SIGNED, 1, order);
                case "u1" -> new Type(Kind.UNSIGNED, 1, order);
                case "b1" -> new Type(Kind.BOOL, 1, order);
                default -> throw unsupported(descr, source, place);
            };
        }

        private static FileFormatException unsupported(String descr, String source, String place) {
            return new FileFormatException(source, place, "expected an element type 'f8', 'f4', 'i8', 'i4', 'i2',"
                    + " 'i1', 'u1' or 'b1' (with a byte order), actual '" + descr + "'");
        }

        double read(ByteBuffer buffer, String source, long at) throws FileFormatException {
            return switch (kind) {
                case FLOAT -> size == 8 ? buffer.getDouble() : buffer.getFloat();
                case SIGNED -> {
                    long value = switch (size) {
                        case 8 -> buffer.getLong();
                        case 4 -> buffer.getInt();
                        case 2 -> buffer.getShort();
                        default -> buffer.get();
                    };
                    if (value > EXACT_INTEGERS || value < -EXACT_INTEGERS) {
                        throw new FileFormatException(source, "at byte " + at, "expected an integer a double holds"
                                + " exactly (at most 2^53 in size), actual " + value);
                    }
                    yield value;
                }
                case UNSIGNED -> buffer.get() & 0xff;
                case BOOL -> buffer.get() != 0 ? 1 : 0;
            };
        }
    }
}
