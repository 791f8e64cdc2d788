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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A layer's activation, 65,536 values (one layer of 1024 × 64-64-64-1), for the API's sigmoid, tanh and softplus:
 * the engine's kernel (SIMD with the Vector API, the same bits as the scalar code), the API's scalar code, the
 * same formula with the JDK's {@code Math} functions, for comparison, and the layer's delta (its error times the
 * slope at each output) as the engine computes it. The score is nanoseconds per value.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ActivationBenchmark {

    /** The values of a layer of 1024 × 64. */
    private static final int SIZE = 65536;

    /** The API's activation measured. */
    @Param({"sigmoid", "tanh", "softplus"})
    public String activation;

    private Activation function;
    private double[] weightedSums;
    private double[] outputs;
    private double[] errors;
    private double[] values;

    @Setup
    public void setUp() {
        function = switch (activation) {
            case "sigmoid" -> Activation.sigmoid();
            case "tanh" -> Activation.tanh();
            case "softplus" -> Activation.softplus();
            default -> throw new IllegalArgumentException("activation: expected sigmoid, tanh or softplus, actual "
                    + activation);
        };
        weightedSums = new SplittableRandom(5).doubles(SIZE, -8, 8).toArray();
        outputs = weightedSums.clone();
        function.apply(outputs);
        errors = new SplittableRandom(6).doubles(SIZE, -1, 1).toArray();
        values = new double[SIZE];
    }

    /** The engine's kernel. */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public double[] kernel() {
        System.arraycopy(weightedSums, 0, values, 0, SIZE);
        ActivationKernels.apply(function, values);
        return values;
    }

    /** The API's scalar code, value by value. */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public double[] scalar() {
        System.arraycopy(weightedSums, 0, values, 0, SIZE);
        function.apply(values);
        return values;
    }

    /** The same formula with the JDK's functions: {@code Math.exp}, {@code Math.tanh}, {@code Math.log1p}. */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public double[] jdk() {
        System.arraycopy(weightedSums, 0, values, 0, SIZE);
        switch (activation) {
            case "sigmoid" -> {
                for (int i = 0; i < SIZE; i++) {
                    values[i] = 1.0 / (1.0 + Math.exp(-values[i]));
                }
            }
            case "tanh" -> {
                for (int i = 0; i < SIZE; i++) {
                    values[i] = Math.tanh(values[i]);
                }
            }
            default -> {
                for (int i = 0; i < SIZE; i++) {
                    double x = values[i];
                    values[i] = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
                }
            }
        }
        return values;
    }

    /** A layer's delta, its error times the slope at each output, as the engine computes it. */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public double[] delta() {
        ActivationKernels.delta(function, outputs, errors, values);
        return values;
    }
}
