package dev.backflux.engine;

import dev.backflux.api.Activation;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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

    /**
     * Waits until {@code steps} steps have started, the last of them at least up to the gate. A step starts
     * only after the step before it has been published (to every subscriber of a shared run), so once step
     * {@code n} has started, steps {@code 0} to {@code n - 1} are out; with {@code n} permits released in all,
     * step {@code n} then waits at the gate. The timeout is a safety net only: it fails a test that would hang.
     */
    synchronized void awaitStarted(long steps, Duration timeout) {
        long left = timeout.toNanos();
        long deadline = System.nanoTime() + left;
        while (startedSteps() < steps) {
            if (left <= 0) {
                throw new AssertionError("expected " + steps + " steps to start, actual " + startedSteps());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + steps + " steps to start", e);
            }
            left = deadline - System.nanoTime();
        }
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
            synchronized (this) {
                notifyAll();
            }
            permits.acquireUninterruptibly();
        }
        Activation.sigmoid().apply(values);
    }
}
