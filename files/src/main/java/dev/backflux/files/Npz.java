package dev.backflux.files;

import dev.backflux.api.Matrix;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes several matrices as numpy's {@code .npz} file: a zip of {@code .npy} files, one per name, as
 * {@code np.savez_compressed("xor.npz", syn0=syn0, syn1=syn1)} writes and {@code np.load("xor.npz")} reads. A
 * network's weights go by the tutorial's names, {@code syn0}, {@code syn1}, ...: the weights between layer {@code k}
 * and {@code k + 1} are {@code synk}.
 */
public final class Npz {

    private Npz() {
    }

    /**
     * Writes a network's weight matrices as {@code syn0}, {@code syn1}, ..., replacing the file.
     *
     * @param weights the matrices in layer order, such as {@code step.weights()}
     * @param file the file to write, usually named {@code *.npz}
     * @throws IOException if the file cannot be written
     * @throws NullPointerException if an argument or a matrix is {@code null}
     * @throws IllegalArgumentException if {@code weights} is empty
     */
    public static void writeWeights(List<Matrix> weights, Path file) throws IOException {
        Objects.requireNonNull(weights, "weights");
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("weights: expected at least one matrix, actual none");
        }
        Map<String, Matrix> named = new LinkedHashMap<>();
        for (int k = 0; k < weights.size(); k++) {
            named.put("syn" + k, Objects.requireNonNull(weights.get(k), () -> "weights.get(" + named.size() + ")"));
        }
        write(named, file);
    }

    /**
     * Writes named matrices, each as the entry {@code name.npy} (compressed, as {@code np.savez_compressed}),
     * replacing the file.
     *
     * @param arrays the matrices by name, written in the map's order
     * @param file the file to write
     * @throws IOException if the file cannot be written
     * @throws NullPointerException if an argument, a name or a matrix is {@code null}
     * @throws IllegalArgumentException if a name is empty or holds a '/'
     */
    public static void write(Map<String, Matrix> arrays, Path file) throws IOException {
        Objects.requireNonNull(arrays, "arrays");
        Objects.requireNonNull(file, "file");
        arrays.forEach((name, matrix) -> {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(matrix, () -> "arrays.get(\"" + name + "\")");
            if (name.isEmpty() || name.contains("/")) {
                throw new IllegalArgumentException("arrays: expected names without '/', actual '" + name + "'");
            }
        });
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (Map.Entry<String, Matrix> entry : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey() + ".npy"));
                Npy.write(entry.getValue(), zip);   // writes the entry, leaves the zip open
                zip.closeEntry();
            }
        }
    }

    /**
     * Reads every {@code .npy} entry of an {@code .npz} file, by name (the entry's name without {@code .npy}).
     *
     * @param file the file
     * @return the matrices in the file's order, never {@code null}
     * @throws FileFormatException if the file is not a zip of 2-D {@code .npy} arrays, naming the file and the entry
     * @throws IOException if the file cannot be read
     * @throws NullPointerException if {@code file} is {@code null}
     */
    public static Map<String, Matrix> read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Map<String, Matrix> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (!name.endsWith(".npy")) {
                    continue;
                }
                arrays.put(name.substring(0, name.length() - ".npy".length()),
                        Npy.read(zip, file + " entry " + name));
            }
        } catch (ZipException e) {
            throw new FileFormatException(file.toString(), "in its zip structure", "expected a .npz file (a zip of"
                    + " .npy files), actual a damaged or truncated zip (" + e.getMessage() + ")");
        }
        if (arrays.isEmpty()) {
            throw new FileFormatException(file.toString(), "in its entries", "expected at least one .npy entry (a"
                    + " .npz file is a zip of them), actual none");
        }
        return Collections.unmodifiableMap(arrays);
    }

    /**
     * Reads a network's weight matrices, {@code syn0}, {@code syn1}, ..., in layer order, ready for
     * {@code Network.builder().weights(...)} through {@link Matrix#toArray()}.
     *
     * @param file the file
     * @return the matrices {@code syn0} to {@code synN}, never {@code null}
     * @throws FileFormatException if the file has no {@code syn0}, or a gap in the numbering, or entries of other
     *                             names, or neighbouring matrices whose shapes do not chain
     * @throws IOException if the file cannot be read
     */
    public static List<Matrix> readWeights(Path file) throws IOException {
        Map<String, Matrix> arrays = read(file);
        List<Matrix> weights = new ArrayList<>();
        while (arrays.containsKey("syn" + weights.size())) {
            weights.add(arrays.get("syn" + weights.size()));
        }
        if (weights.size() != arrays.size()) {
            throw new FileFormatException(file.toString(), "in its entries", "expected syn0 to syn" + (arrays.size() - 1)
                    + " (a network's weights in layer order), actual " + arrays.keySet());
        }
        for (int k = 1; k < weights.size(); k++) {
            if (weights.get(k).rows() != weights.get(k - 1).columns()) {
                throw new FileFormatException(file.toString(), "entry syn" + k + ".npy", "expected "
                        + weights.get(k - 1).columns() + " rows, as syn" + (k - 1) + " has columns, actual "
                        + weights.get(k).rows() + "x" + weights.get(k).columns());
            }
        }
        return List.copyOf(weights);
    }
}
