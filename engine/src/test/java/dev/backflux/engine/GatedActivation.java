package dev.backflux.engine;

import dev.backflux.api.Activation;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sigmoid, letting a step start only when the test releases a permit: tests decide how far a run gets.
 * Blocks its thread, so runs using it go on a scheduler of plain threads, never a non-blocking one.
 */
final class GatedActivation implements Activation {

    private final Semaphore permits = new Semaphore(0);
    private final AtomicLong layersApplied = new AtomicLong();
    private final int layersPerStep;

    GatedActivation(int layersPerStep) {
        this.layersPerStep = layersPerStep;
    }

    /** Lets {@code steps} more steps start. */
    void release(int steps) {
        permits.release(steps);
    }

    long startedSteps() {
        return (layersApplied.get() + layersPerStep - 1) / layersPerStep;
    }

    @Override
    public double apply(double input) {
        return Activation.sigmoid().apply(input);
    }

    @Override
    public double derivativeFromOutput(double output) {
        return Activation.sigmoid().derivativeFromOutput(output);
    }

    @Override
    public void apply(double[] values) {
        if (layersApplied.getAndIncrement() % layersPerStep == 0) {
            permits.acquireUninterruptibly();
        }
        Activation.sigmoid().apply(values);
    }
}
