package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** numpy's legacy binomial sampler, draw for draw, and the numbers it consumes from the stream. */
class NumpyBinomialTests {

    @Test
    void drawsWhatNumpyDrawsForEveryNAndP() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/dropout/binomial.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        MersenneTwister random = new MersenneTwister(5);
        int lines = 0;
        for (String line : text.split("\n")) {
            String[] f = line.split(" ");
            if (f[0].equals("binomial")) {
                long n = Long.parseLong(f[1]);
                double p = Double.parseDouble(f[2]);
                for (int i = 3; i < f.length; i++) {
                    assertEquals(Long.parseLong(f[i]), NumpyBinomial.draw(random, n, p),
                            "n " + n + ", p " + p + ", draw " + (i - 3));
                }
                lines++;
            } else if (f[0].equals("then")) {
                assertEquals(Double.parseDouble(f[1]), random.nextDouble(), "the stream after the draws");
            }
        }
        assertEquals(18, lines);
    }
}
