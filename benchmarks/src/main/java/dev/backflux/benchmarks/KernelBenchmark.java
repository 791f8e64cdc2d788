package dev.backflux.benchmarks;

import dev.backflux.engine.kernels.MatrixKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The three products a step needs, alone: {@code A·B} (forward), {@code Aᵀ·B} (weight update) and
 * {@code A·Bᵀ} (errors sent back), each as {@code C(n x m)} from an {@code n x k} and a {@code k x m} operand.
 * The score is products per second; the {@code flops} counter is their rate in floating-point operations per
 * second. ({@link MatrixKernels} is in a package the engine exports to this module alone.)
 *
 * <p>On the engine's Java kernels with the Vector API ({@code -Dbackflux.kernels=java}, {@code --add-modules
 * jdk.incubator.vector}); {@link NativeKernelBenchmark} measures the same products on the native backend.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dbackflux.kernels=java", "--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {

    /** n x k x m: the 4096x784-256-10 network's big products, and a cube. */
    @Param({"4096x784x256", "784x4096x256", "4096x256x784", "1024x1024x1024"})
    public String size;

    private int n;
    private int k;
    private int m;
    private double[] a;
    private double[] b;
    private double[] aTransposed;
    private double[] bTransposed;
    private double[] c;

    /** The floating-point operations done, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        /** Floating-point operations of the products computed. */
        public long flops;
    }

    @Setup
    public void setUp() {
        int[] dims = Arrays.stream(size.split("x")).mapToInt(Integer::parseInt).toArray();
        n = dims[0];
        k = dims[1];
        m = dims[2];
        SplittableRandom random = new SplittableRandom(7);
        a = random.doubles((long) n * k).toArray();
        b = random.doubles((long) k * m).toArray();
        aTransposed = random.doubles((long) k * n).toArray();
        bTransposed = random.doubles((long) m * k).toArray();
        c = new double[n * m];
    }

    /** {@code C = A·B}. */
    @Benchmark
    public double[] multiply(Flops flops) {
        Arrays.fill(c, 0);
        MatrixKernels.multiply(a, b, c, n, k, m);
        flops.flops += 2L * n * k * m;
        return c;
    }

    /** {@code C = Aᵀ·B}, with {@code A} stored {@code k x n}. */
    @Benchmark
    public double[] multiplyTransposedA(Flops flops) {
        Arrays.fill(c, 0);
        MatrixKernels.multiplyTransposedA(aTransposed, b, c, k, n, m);
        flops.flops += 2L * n * k * m;
        return c;
    }

    /** {@code C = A·Bᵀ}, with {@code B} stored {@code m x k}. */
    @Benchmark
    public double[] multiplyTransposedB(Flops flops) {
        Arrays.fill(c, 0);
        MatrixKernels.multiplyTransposedB(a, bTransposed, c, n, k, m);
        flops.flops += 2L * n * k * m;
        return c;
    }
}
