package dev.backflux.benchmarks;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wide networks: steps per second of the full {@code Flux} (one step per invocation; 1000 / score = ms per
 * step), and the matrix work's rate as the {@code flops} counter (floating-point operations per second). Run
 * with {@code -prof gc} for the bytes allocated per step ({@code gc.alloc.rate.norm}).
 *
 * <p>On the engine's Java kernels with the Vector API ({@code -Dbackflux.kernels=java}, {@code --add-modules
 * jdk.incubator.vector}); {@link NativeWideNetworkBenchmark} measures the same steps on the native backend.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Dbackflux.kernels=java", "--add-modules", "jdk.incubator.vector"})
public class WideNetworkBenchmark {

    /** Examples x layer sizes: the two named networks, then series over batch size and width. */
    @Param({"4096x784-256-10", "1024x64-64-64-1",
        "256x784-256-10", "1024x784-256-10",
        "4096x784-64-10", "4096x784-1024-10"})
    public String shape;

    private StepByStep steps;

    /** The floating-point operations done, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        /** Floating-point operations of the steps run. */
        public long flops;
    }

    private long flopsPerStep;

    @Setup(Level.Trial)
    public void setUp() {
        flopsPerStep = Shapes.flopsPerStep(shape);
        steps = new StepByStep();
        Trainer.training(Network.builder().layerSizes(Shapes.sizes(shape)).learningRate(0.01).build(),
                        Shapes.randomData(shape))
                .steps(Long.MAX_VALUE).configuration(Map.of()).build().flux().subscribe(steps);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        steps.dispose();
    }

    /** One full-batch step of the full stream. */
    @Benchmark
    public TrainingStep step(Flops flops) {
        flops.flops += flopsPerStep;
        return steps.next();
    }
}
