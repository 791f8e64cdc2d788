package dev.backflux.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import dev.backflux.testing.Tutorial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights exchanged with numpy both ways, checked with numpy itself: what Backflux writes, numpy loads to the same
 * bits (and Backflux's .npy bytes are numpy's own); what numpy saves, Backflux reads to the same bits. Skipped, saying
 * so, where python3 with numpy is missing.
 */
class NumpyExchangeTests {

    @TempDir
    Path directory;

    @Test
    void numpyLoadsWhatBackfluxWritesToTheSameBitsAndWritesTheSameBytes() throws Exception {
        TrainingStep step = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 60_000).blockLast();
        Path syn0 = directory.resolve("syn0.npy");
        Npy.write(step.weights(0), syn0);
        Path weights = directory.resolve("xor.npz");
        Npz.writeWeights(step.weights(), weights);

        String printed = python("import numpy as np, sys\n"
                + "a = np.load(sys.argv[1])\n"
                + "print(a.dtype, a.shape, ' '.join(float(v).hex() for v in a.flatten()))\n"
                + "z = np.load(sys.argv[2])\n"
                + "for name in z.files: print(name, z[name].shape, ' '.join(float(v).hex() for v in z[name].flatten()))\n"
                + "import io; b = io.BytesIO(); np.save(b, a); sys.stdout.write('same bytes ' + str(b.getvalue() == open(sys.argv[1], 'rb').read()) + '\\n')\n",
                syn0.toString(), weights.toString());
        List<String> lines = printed.lines().toList();
        assertEquals("float64 (3, 4) " + hex(step.weights(0)), lines.get(0));
        assertEquals("syn0 (3, 4) " + hex(step.weights(0)), lines.get(1));
        assertEquals("syn1 (4, 1) " + hex(step.weights(1)), lines.get(2));
        assertEquals("same bytes True", lines.get(3));
    }

    @Test
    void backfluxReadsWhatNumpySavesToTheSameBits() throws Exception {
        String printed = python("import numpy as np, sys, os\n"
                + "np.random.seed(1)\n"
                + "syn0 = 2 * np.random.random((3, 4)) - 1\n"
                + "syn1 = 2 * np.random.random((4, 1)) - 1\n"
                + "d = sys.argv[1]\n"
                + "np.save(os.path.join(d, 'c.npy'), syn0)\n"
                + "np.save(os.path.join(d, 'f.npy'), np.asfortranarray(syn0))\n"
                + "np.save(os.path.join(d, 'big.npy'), syn0.astype('>f8'))\n"
                + "np.save(os.path.join(d, 'f4.npy'), syn0.astype(np.float32))\n"
                + "np.save(os.path.join(d, 'ints.npy'), np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]))\n"
                + "np.save(os.path.join(d, 'bools.npy'), np.array([[True, False]]))\n"
                + "np.savez(os.path.join(d, 'plain.npz'), syn0=syn0, syn1=syn1)\n"
                + "np.savez_compressed(os.path.join(d, 'compressed.npz'), syn0=syn0, syn1=syn1)\n"
                + "print(' '.join(float(v).hex() for v in syn0.flatten()))\n"
                + "print(' '.join(float(v).hex() for v in syn0.astype(np.float32).flatten()))\n"
                + "print(' '.join(float(v).hex() for v in syn1.flatten()))\n",
                directory.toString());
        List<String> lines = printed.lines().toList();
        for (String name : List.of("c.npy", "f.npy", "big.npy")) {
            assertEquals(lines.get(0), hex(Npy.read(directory.resolve(name))), name);
        }
        assertEquals(lines.get(1), hex(Npy.read(directory.resolve("f4.npy"))));
        assertEquals(Matrix.of(Tutorial.INPUTS), Npy.read(directory.resolve("ints.npy")));
        assertEquals(Matrix.of(new double[][] {{1, 0}}), Npy.read(directory.resolve("bools.npy")));
        for (String name : List.of("plain.npz", "compressed.npz")) {
            List<Matrix> weights = Npz.readWeights(directory.resolve(name));
            assertEquals(lines.get(0), hex(weights.get(0)), name);
            assertEquals(lines.get(2), hex(weights.get(1)), name);
        }
        // numpy's seed-1 weights are the tutorial's: a network continues from them exactly.
        List<Matrix> weights = Npz.readWeights(directory.resolve("compressed.npz"));
        TrainingStep fromNumpy = Trainer.train(Network.builder().layerSizes(3, 4, 1)
                .weights(weights.get(0).toArray(), weights.get(1).toArray()).build(), Tutorial.XOR, 1).blockLast();
        TrainingStep fromSeed = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 1).blockLast();
        assertEquals(fromSeed.weights(), fromNumpy.weights());
    }

    @Test
    void aRoundTripKeepsEveryBitOfEveryDouble() throws IOException {
        double[][] values = {{0.1, -0.0, Double.MIN_VALUE, Double.MAX_VALUE},
            {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Math.nextUp(1.0)}};
        Path file = directory.resolve("odd.npy");
        Npy.write(Matrix.of(values), file);
        Matrix read = Npy.read(file);
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(Double.doubleToRawLongBits(values[r][c]), Double.doubleToRawLongBits(read.get(r, c)));
            }
        }
        Path npz = directory.resolve("named.npz");
        Npz.write(Map.of("odd", Matrix.of(values)), npz);
        assertArrayEquals(Matrix.of(values).toRowMajorArray(), Npz.read(npz).get("odd").toRowMajorArray());
    }

    private static String hex(Matrix matrix) {
        List<String> values = new ArrayList<>();
        for (double value : matrix.toRowMajorArray()) {
            values.add(pythonHex(value));
        }
        return String.join(" ", values);
    }

    /** A double as Python's float.hex() writes it. */
    static String pythonHex(double value) {
        if (value == 0) {
            return (Double.doubleToRawLongBits(value) < 0 ? "-" : "") + "0x0.0p+0";
        }
        String hex = Double.toHexString(value);
        // Java: 0x1.3p-2 (trailing zeros dropped); Python: 0x1.3000000000000p-2 (13 digits).
        int dot = hex.indexOf('.');
        int p = hex.indexOf('p');
        String mantissa = hex.substring(dot + 1, p);
        String exponent = hex.substring(p + 1);
        String head = hex.substring(0, dot);
        if (head.endsWith("0x0")) {
            // A subnormal: Python normalises it.
            return Double.toHexString(value);
        }
        return head + "." + (mantissa + "0".repeat(13)).substring(0, 13) + "p" + (exponent.startsWith("-") ? ""
                : "+") + exponent;
    }

    /** Runs a Python program with numpy, skipping the test where python3 or numpy is missing. */
    static String python(String program, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", "-c", program));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed: the numpy cross-check is skipped");
            throw e;
        }
        byte[] output = process.getInputStream().readAllBytes();
        assumeTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish in 60 s");
        String text = new String(output, StandardCharsets.UTF_8);
        assumeTrue(!text.contains("No module named 'numpy'"), "numpy is not installed for python3: the numpy"
                + " cross-check is skipped");
        assertEquals(0, process.exitValue(), text);
        return text;
    }
}
