package dev.backflux.benchmarks;

import dev.backflux.api.Activation;
import dev.backflux.engine.kernels.ActivationKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A layer's sigmoid, 65,536 values (one layer of 1024 × 64-64-64-1): the engine's kernel (SIMD with the Vector
 * API, the same bits as the scalar sigmoid), the API's scalar sigmoid, and {@code Math.exp}'s, for comparison.
 * The score is nanoseconds per value.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SigmoidBenchmark {

    /** The values of a layer of 1024 × 64. */
    private static final int SIZE = 65536;

    private double[] weightedSums;
    private double[] values;

    @Setup
    public void setUp() {
        weightedSums = new SplittableRandom(5).doubles(SIZE, -8, 8).toArray();
        values = new double[SIZE];
    }

    /** The engine's sigmoid kernel. */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public double[] kernel() {
        System.arraycopy(weightedSums, 0, values, 0, SIZE);
        ActivationKernels.apply(Activation.sigmoid(), values);
        return values;
    }

    /** The API's scalar sigmoid, value by value. */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public double[] scalar() {
        System.arraycopy(weightedSums, 0, values, 0, SIZE);
        Activation.sigmoid().apply(values);
        return values;
    }

    /** {@code 1 / (1 + Math.exp(-x))}: the sigmoid before its own exponential. */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public double[] mathExp() {
        System.arraycopy(weightedSums, 0, values, 0, SIZE);
        for (int i = 0; i < SIZE; i++) {
            values[i] = 1.0 / (1.0 + Math.exp(-values[i]));
        }
        return values;
    }
}
