package dev.backflux.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link WideNetworkBenchmark}'s steps on the engine's native backend (the system's BLAS through
 * {@code dev.ludovic.netlib:blas}), in a JVM started with no flag for the kernels: no {@code --add-modules
 * jdk.incubator.vector}. {@code -Dbackflux.kernels=native} makes a missing native BLAS an error instead of a
 * measure of the Java kernels.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Dbackflux.kernels=native"})
public class NativeWideNetworkBenchmark extends WideNetworkBenchmark {
}
