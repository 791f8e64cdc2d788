package dev.backflux.benchmarks;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
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
 * Deeplearning4j's ND4J (native CPU backend, its OpenBLAS) on the networks of {@code TutorialBenchmark} and
 * {@code WideNetworkBenchmark}: microseconds per full-batch step of {@link Nd4jNetwork}, from the same data and
 * initial weights as Backflux ({@link SameNetwork}), and of the same step as Deeplearning4j's
 * {@code MultiLayerNetwork} ({@link Dl4jNetwork}). Run by benchmarks/compare-dl4j.sh beside Backflux's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class Nd4jBenchmark {

    /** {@code tutorial} (3-4-1 on its four examples) or a shape {@code examples x size-size-...}. */
    @Param({"tutorial", "4096x784-256-10", "1024x64-64-64-1"})
    public String network;

    private Nd4jNetwork nd4j;
    private Dl4jNetwork dl4j;

    @Setup
    public void setUp() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        SameNetwork same = SameNetwork.of(network);
        nd4j = same.nd4j();
        dl4j = same.dl4j();
    }

    /** One full-batch step: forward, errors, deltas, weight updates. */
    @Benchmark
    public double step() {
        return nd4j.step();
    }

    /** The same step as a Deeplearning4j user's {@code MultiLayerNetwork.fit} on the whole batch. */
    @Benchmark
    public void multiLayerNetwork() {
        dl4j.step();
    }
}
