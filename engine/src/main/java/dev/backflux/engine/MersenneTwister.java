package dev.backflux.engine;

/**
 * The MT19937 generator seeded as numpy's legacy {@code np.random.seed(int)} seeds it (the reference
 * {@code init_genrand}), with numpy's 53-bit doubles, so that a seed gives numpy's numbers bit for bit.
 *
 * <p>Not thread-safe: one instance serves one run.
 */
final class MersenneTwister {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] state = new int[N];
    private int index;
    /** The outputs given since seeding, {@link #skip} included. */
    private long drawn;

    /**
     * Seeds the generator with {@code init_genrand(seed)}.
     *
     * @param seed a value in {@code [0, 2^32 - 1]}
     */
    MersenneTwister(long seed) {
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** Returns the next 32-bit output, as an int whose bits are the unsigned value. */
    int nextInt() {
        if (index >= N) {
            twist();
        }
        drawn++;
        int y = state[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** The number of 32-bit outputs given since seeding, skipped ones included. */
    long drawn() {
        return drawn;
    }

    /** Moves on by {@code outputs} outputs without computing them: the generator is then where it would be. */
    void skip(long outputs) {
        long left = outputs;
        while (left > 0) {
            if (index >= N) {
                twist();
            }
            int step = (int) Math.min(left, N - index);
            index += step;
            drawn += step;
            left -= step;
        }
    }

    /** Returns a double in [0, 1) from two outputs, as numpy's {@code random_sample} does. */
    double nextDouble() {
        int a = nextInt() >>> 5;
        int b = nextInt() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (state[k] & UPPER_MASK) | (state[(k + 1) % N] & LOWER_MASK);
            state[k] = state[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        index = 0;
    }
}
