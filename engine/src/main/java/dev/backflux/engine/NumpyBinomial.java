package dev.backflux.engine;

/**
 * numpy's legacy binomial sampler ({@code RandomState.binomial}, {@code random_binomial_original} with its
 * inversion branch), so that the same generator gives numpy's draws, one for one, and consumes the same numbers:
 * for {@code p > 0.5} it draws {@code n − X} with {@code X ~ Binomial(n, 1 − p)}; {@code X} comes from inverting the
 * cumulative distribution with uniform doubles, starting again with a fresh double when the search passes its bound.
 * Only the inversion branch is implemented: it is the one numpy takes while {@code min(p, 1 − p) · n <= 30}, which
 * holds for the {@code n = 1} of dropout masks.
 */
final class NumpyBinomial {

    private NumpyBinomial() {
    }

    /**
     * Draws from Binomial(n, p) as numpy's legacy {@code np.random.binomial(n, p)} does.
     *
     * @param random the generator, moved on by the draws
     * @param n trials, at least 0, with {@code min(p, 1 − p) · n <= 30}
     * @param p the probability of success, in [0, 1]
     */
    static long draw(MersenneTwister random, long n, double p) {
        if (p <= 0.5) {
            return inversion(random, n, p);
        }
        return n - inversion(random, n, 1.0 - p);
    }

    /** numpy's {@code random_binomial_inversion}, step for step. */
    private static long inversion(MersenneTwister random, long n, double p) {
        if (Math.min(p, 1 - p) * n > 30) {
            throw new IllegalArgumentException("n * p: expected at most 30 (numpy's inversion branch), actual " + n * p);
        }
        double q = 1.0 - p;
        double qn = Math.exp(n * Math.log(q));
        double np = n * p;
        long bound = (long) Math.min(n, np + 10.0 * Math.sqrt(np * q + 1));
        long x = 0;
        double px = qn;
        double u = random.nextDouble();
        while (u > px) {
            x++;
            if (x > bound) {
                x = 0;
                px = qn;
                u = random.nextDouble();
            } else {
                u -= px;
                px = ((n - x + 1) * p * px) / (x * q);
            }
        }
        return x;
    }
}
