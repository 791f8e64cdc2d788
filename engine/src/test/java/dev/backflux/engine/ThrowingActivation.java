package dev.backflux.engine;

import dev.backflux.api.Activation;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The sigmoid, until a given layer: then it throws what the test asks for, an error the JVM deems fatal say. */
final class ThrowingActivation implements Activation {

    private final long throwAtLayer;
    private final Supplier<? extends Throwable> thrown;
    private final AtomicLong layersApplied = new AtomicLong();

    /** Throws at the {@code throwAtLayer}-th layer applied (from 0): two layers a step for the 3-4-1 network. */
    ThrowingActivation(long throwAtLayer, Supplier<? extends Throwable> thrown) {
        this.throwAtLayer = throwAtLayer;
        this.thrown = thrown;
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
        if (layersApplied.getAndIncrement() == throwAtLayer) {
            sneakyThrow(thrown.get());
        }
        Activation.sigmoid().apply(values);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable thrown) throws T {
        throw (T) thrown;
    }
}
