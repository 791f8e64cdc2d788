package dev.backflux.cluster;

import dev.backflux.api.Activation;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.PluginOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test only: the sigmoid, recording the name of every thread that computes a layer with it, to tell where steps
 * are computed (a member's training threads, a watcher's rebuilds on Reactor's parallel scheduler, never a
 * Hazelcast thread).
 */
public final class ThreadRecordingActivation implements ActivationPlugin {

    /** The plugin's id. */
    public static final String ID = "thread-recording-test";

    /** The names of the threads that computed a layer so far. */
    public static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Activation activation(PluginOptions options) {
        Activation sigmoid = Activation.sigmoid();
        return new Activation() {
            @Override
            public double apply(double input) {
                return sigmoid.apply(input);
            }

            @Override
            public double derivativeFromOutput(double output) {
                return sigmoid.derivativeFromOutput(output);
            }

            @Override
            public void apply(double[] values) {
                THREADS.add(Thread.currentThread().getName());
                sigmoid.apply(values);
            }

            @Override
            public void derivativeFromOutput(double[] outputs, double[] derivatives) {
                sigmoid.derivativeFromOutput(outputs, derivatives);
            }
        };
    }
}
