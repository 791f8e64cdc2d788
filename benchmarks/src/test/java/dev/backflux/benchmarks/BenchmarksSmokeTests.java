package dev.backflux.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A smoke run of every benchmark, in this JVM, on small shapes: they compile, run and measure something. It
 * says nothing about speed; the README's figures come from full runs of {@code benchmarks.jar}.
 */
class BenchmarksSmokeTests {

    @Test
    void everyBenchmarkRunsOnce() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("dev\\.backflux\\.benchmarks\\..*Benchmark")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .param("shape", "64x16-8-1")
                .param("size", "64x48x40")
                .shouldFailOnError(true)
                .build()).run();

        Set<String> ran = results.stream().map(result -> result.getParams().getBenchmark()
                .replaceAll(".*\\.(\\w+\\.\\w+)$", "$1")).collect(Collectors.toSet());
        assertEquals(Set.of("TutorialBenchmark.flux", "TutorialBenchmark.fluxWithPlugins", "TutorialBenchmark.bareLoop",
                "WideNetworkBenchmark.step", "KernelBenchmark.multiply", "KernelBenchmark.multiplyTransposedA",
                "KernelBenchmark.multiplyTransposedB", "NativeWideNetworkBenchmark.step",
                "NativeKernelBenchmark.multiply", "NativeKernelBenchmark.multiplyTransposedA",
                "NativeKernelBenchmark.multiplyTransposedB", "ExplainBenchmark.explainOneWeight",
                "ExplainBenchmark.oneExamplesShare", "ExplainBenchmark.wholeUpdate",
                "TutorialBenchmark.fluxWithMetrics", "ActivationBenchmark.kernel", "ActivationBenchmark.scalar",
                "ActivationBenchmark.jdk", "ActivationBenchmark.delta"), ran);
        for (RunResult result : results) {
            assertTrue(result.getPrimaryResult().getScore() > 0, result.getParams().getBenchmark());
        }
    }
}
