package dev.backflux.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backflux.api.Matrix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad .npy or .npz file is refused naming the file, the place in it, what was expected and what was there. */
class BadFileTests {

    @TempDir
    Path directory;

    private static final Matrix TWO_BY_THREE = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void aTruncatedFileNamesWhereItEnds() throws IOException {
        byte[] whole = npy(TWO_BY_THREE);
        Path file = write("truncated.npy", Arrays.copyOf(whole, whole.length - 5));
        assertEquals(file + ": at byte 171: expected 6 elements of '<f8' (48 bytes), actual the end of the file"
                + " after 43 of its 48 bytes (truncated)", message(file));
        Path header = write("header.npy", Arrays.copyOf(whole, 40));
        assertEquals(header + ": at byte 40: expected a header of 118 bytes, actual the end of the file after 30 of its"
                + " 118 bytes (truncated)", message(header));
        Path empty = write("empty.npy", new byte[0]);
        assertEquals(empty + ": at byte 0: expected the magic string \\x93NUMPY, actual the end of the file after 0 of"
                + " its 6 bytes (truncated)", message(empty));
    }

    @Test
    void aFileThatIsNotNpyIsRefusedAtItsFirstByte() throws IOException {
        Path csv = write("weights.csv", "0.1,0.2\n0.3,0.4\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(csv + ": at byte 0: expected the magic string \\x93NUMPY of a .npy file, actual 0.1,0.",
                message(csv));
        byte[] future = npy(TWO_BY_THREE);
        future[6] = 4;
        Path version = write("future.npy", future);
        assertEquals(version + ": at byte 6: expected format version 1.0, 2.0 or 3.0, actual 4.0", message(version));
    }

    @Test
    void shapesOtherThanTwoDimensionsAndOtherTypesAreRefusedInTheHeader() throws IOException {
        Path vector = write("vector.npy", withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", 32));
        assertEquals(vector + ": in the header at byte 10: expected a 2-D array (rows, columns), actual shape (4,)",
                message(vector));
        Path cube = write("cube.npy", withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1), }", 8));
        assertEquals(cube + ": in the header at byte 10: expected a 2-D array (rows, columns), actual shape (1, 1, 1)",
                message(cube));
        Path complex = write("complex.npy", withHeader("{'descr': '<c16', 'fortran_order': False, 'shape': (1, 1), }", 16));
        assertEquals(complex + ": in the header at byte 10: expected an element type 'f8', 'f4', 'i8', 'i4', 'i2',"
                + " 'i1', 'u1' or 'b1' (with a byte order), actual '<c16'", message(complex));
        Path noShape = write("noshape.npy", withHeader("{'descr': '<f8', 'fortran_order': False, }", 8));
        assertEquals(noShape + ": in the header at byte 10: expected the key 'shape', actual {'descr': '<f8',"
                + " 'fortran_order': False, }", message(noShape));
        byte[] huge = withHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 1), }", 0);
        huge = Arrays.copyOf(huge, huge.length + 8);
        huge[huge.length - 1] = 0x7f;
        Path big = write("big.npy", huge);
        assertEquals(big + ": at byte " + (huge.length - 8) + ": expected an integer a double holds exactly (at most"
                + " 2^53 in size), actual 9151314442816847872", message(big));
    }

    @Test
    void aBadNpzNamesItsEntry() throws IOException {
        Path notZip = write("broken.npz", npy(TWO_BY_THREE));
        IOException notAZip = assertThrows(IOException.class, () -> Npz.read(notZip));
        assertEquals(notZip + ": in its entries: expected at least one .npy entry (a .npz file is a zip of them),"
                + " actual none", notAZip.getMessage());

        byte[] truncated = npy(TWO_BY_THREE);
        Path inside = zip("inside.npz", Map.of("syn0.npy", Arrays.copyOf(truncated, 100)));
        assertEquals(inside + " entry syn0.npy: at byte 100: expected a header of 118 bytes, actual the end of the"
                + " file after 90 of its 118 bytes (truncated)",
                assertThrows(FileFormatException.class, () -> Npz.read(inside)).getMessage());

        Map<String, byte[]> gap = new LinkedHashMap<>();
        gap.put("syn0.npy", npy(TWO_BY_THREE));
        gap.put("syn2.npy", npy(TWO_BY_THREE));
        Path gapped = zip("gap.npz", gap);
        assertEquals(gapped + ": in its entries: expected syn0 to syn1 (a network's weights in layer order), actual"
                + " [syn0, syn2]", assertThrows(FileFormatException.class, () -> Npz.readWeights(gapped)).getMessage());

        Map<String, byte[]> chain = new LinkedHashMap<>();
        chain.put("syn0.npy", npy(TWO_BY_THREE));
        chain.put("syn1.npy", npy(TWO_BY_THREE));
        Path unchained = zip("chain.npz", chain);
        assertEquals(unchained + ": entry syn1.npy: expected 3 rows, as syn0 has columns, actual 2x3",
                assertThrows(FileFormatException.class, () -> Npz.readWeights(unchained)).getMessage());
    }

    private String message(Path file) {
        FileFormatException e = assertThrows(FileFormatException.class, () -> Npy.read(file));
        assertEquals(file.toString(), e.source());
        return e.getMessage();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(directory.resolve(name), bytes);
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = directory.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private static byte[] npy(Matrix matrix) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(matrix, (OutputStream) out);
        return out.toByteArray();
    }

    /** A version 1.0 .npy header holding this dict, then {@code data} zero bytes. */
    private static byte[] withHeader(String dict, int data) {
        byte[] header = (dict + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[10 + header.length + data];
        bytes[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, bytes, 1, 5);
        bytes[6] = 1;
        bytes[8] = (byte) header.length;
        System.arraycopy(header, 0, bytes, 10, header.length);
        return bytes;
    }
}
