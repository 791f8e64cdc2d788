package dev.backflux.benchmarks;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import dev.backflux.micrometer.MetricsPlugin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
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
 * What the {@code metrics} plugin costs per step: the tutorial's network (3-4-1, 4 examples), its full
 * {@code Flux<TrainingStep>} without and with the plugin bound to a {@code SimpleMeterRegistry}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "jdk.incubator.vector"})
public class MetricsBenchmark {

    /** Steps per invocation: a run's registration and removal of its meters spread over them. */
    static final int STEPS = 100_000;

    private static final TrainingData XOR = TrainingData.of(
            new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}}, new double[][] {{0}, {1}, {1}, {0}});

    private Training plain;
    private Training withMetrics;

    @Setup
    public void setUp() {
        plain = Trainer.training(Network.of(3, 4, 1), XOR).steps(STEPS).configuration(Map.of()).build();
        withMetrics = Trainer.training(Network.of(3, 4, 1), XOR).steps(STEPS).configuration(Map.of())
                .plugin(new MetricsPlugin(new SimpleMeterRegistry()), Map.of("name", "benchmark")).build();
    }

    /** The full stream, no plugin. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public TrainingStep flux() {
        return plain.flux().blockLast();
    }

    /** The full stream with the metrics plugin. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public TrainingStep fluxWithMetrics() {
        return withMetrics.flux().blockLast();
    }
}
