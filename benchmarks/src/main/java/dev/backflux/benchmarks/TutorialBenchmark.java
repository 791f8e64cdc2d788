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
 * The tutorial's three-layer network (3-4-1, 4 examples): nanoseconds per step of the full
 * {@code Flux<TrainingStep>} consumed by a subscriber, next to the same arithmetic in a bare loop, and with
 * built-in plugins on (logging at a disabled level, early stopping that never fires), and with the {@code metrics}
 * plugin.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "jdk.incubator.vector"})
public class TutorialBenchmark {

    /** Steps per invocation: the subscription's cost spreads over them. */
    static final int STEPS = 100_000;

    private static final TrainingData XOR = TrainingData.of(
            new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}}, new double[][] {{0}, {1}, {1}, {0}});

    private Training plain;
    private Training withPlugins;
    private Training withMetrics;

    @Setup
    public void setUp() {
        plain = Trainer.training(Network.of(3, 4, 1), XOR).steps(STEPS).configuration(Map.of()).build();
        withPlugins = Trainer.training(Network.of(3, 4, 1), XOR).steps(STEPS).configuration(Map.of())
                .plugin("logging", Map.of("every", 1_000L))
                .plugin("early-stopping", Map.of("target", 0.0, "patience", (long) STEPS))
                .build();
        withMetrics = Trainer.training(Network.of(3, 4, 1), XOR).steps(STEPS).configuration(Map.of())
                .plugin(new MetricsPlugin(new SimpleMeterRegistry()), Map.of("name", "benchmark")).build();
    }

    /** The full stream: a snapshot per step, delivered to a subscriber. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public TrainingStep flux() {
        return plain.flux().blockLast();
    }

    /** The full stream with the logging (disabled level) and early-stopping plugins. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public TrainingStep fluxWithPlugins() {
        return withPlugins.flux().blockLast();
    }

    /** The full stream with the metrics plugin bound to a {@code SimpleMeterRegistry}: what the meters cost. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public TrainingStep fluxWithMetrics() {
        return withMetrics.flux().blockLast();
    }

    /** The floor: the same arithmetic, arrays updated in place, no snapshot, no stream. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double bareLoop() {
        double[][] w = {
            {-0.165955990594852, 0.4406489868843162, -0.9997712503653102, -0.39533485473632046,
                -0.7064882183657739, -0.8153228104624044, -0.6274795772446582, -0.3088785459139045,
                -0.20646505153866013, 0.07763346800671389, -0.1616109711934104, 0.370439000793519},
            {-0.5910955005369651, 0.7562348727818908, -0.9452248136041477, 0.34093502035680445}};
        BareLoop loop = new BareLoop(new int[] {3, 4, 1}, new double[] {0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1},
                new double[] {0, 1, 1, 0}, 4, w, 1.0);
        double error = 0;
        for (int i = 0; i < STEPS; i++) {
            error = loop.step();
        }
        return error;
    }
}
