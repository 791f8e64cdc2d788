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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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

    /** The values of a layer. */
    @Param("65536")
    public int size;

    private double[] weightedSums;
    private double[] values;

    @Setup
    public void setUp() {
        weightedSums = new SplittableRandom(5).doubles(size, -8, 8).toArray();
        values = new double[size];
    }

    /** The engine's sigmoid kernel. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(65536)
    public double[] kernel() {
        System.arraycopy(weightedSums, 0, values, 0, size);
        ActivationKernels.apply(Activation.sigmoid(), values);
        return values;
    }

    /** The API's scalar sigmoid, value by value. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(65536)
    public double[] scalar() {
        System.arraycopy(weightedSums, 0, values, 0, size);
        Activation.sigmoid().apply(values);
        return values;
    }

    /** {@code 1 / (1 + Math.exp(-x))}: the sigmoid before its own exponential. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(65536)
    public double[] mathExp() {
        System.arraycopy(weightedSums, 0, values, 0, size);
        for (int i = 0; i < size; i++) {
            values[i] = 1.0 / (1.0 + Math.exp(-values[i]));
        }
        return values;
    }
}
