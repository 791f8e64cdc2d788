package dev.backflux.benchmarks;

import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.WeightStory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the explanations cost on a wide step, asked for after the step: one weight's story (O(examples): each
 * example's input, error, slope and delta of that one weight), one example's share of a weight matrix's update
 * (O(weights)) and the whole update (O(examples × weights), the product {@code α · Lᵀ · D}). Run with
 * {@code -prof gc} for the bytes each allocates ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules", "jdk.incubator.vector"})
public class ExplainBenchmark {

    /** Examples x layer sizes. */
    @Param({"4096x784-256-10"})
    public String shape;

    private TrainingStep step;

    @Setup(Level.Trial)
    public void setUp() {
        // The second step: its weights before the update are the first step's weights after it.
        step = Trainer.training(Network.builder().layerSizes(Shapes.sizes(shape)).learningRate(0.01).build(),
                        Shapes.randomData(shape))
                .steps(2).configuration(Map.of()).build().flux().blockLast();
    }

    /** {@code step.explain(0, from, to)}: one weight of the first matrix, every example's part in its update. */
    @Benchmark
    public WeightStory explainOneWeight() {
        return step.explain(0, 5, 7);
    }

    /** {@code step.update(0, e)}: one example's share of the first matrix's update. */
    @Benchmark
    public Matrix oneExamplesShare() {
        return step.update(0, 3);
    }

    /** {@code step.update(0)}: the first matrix's whole update, every example summed. */
    @Benchmark
    public Matrix wholeUpdate() {
        return step.update(0);
    }
}
