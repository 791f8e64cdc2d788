package dev.backflux.engine.tck;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets the TCK's own subscribers do what they must on Backflux's non-blocking delivery threads: they hand
 * each signal to the test thread through an {@code ArrayBlockingQueue}, whose lock parks the delivery thread
 * for a moment when the test thread holds it. That is the TCK's code, not Backflux's, so only those
 * methods are allowed; anything else that blocks on those threads still fails.
 */
public final class TckBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("org.reactivestreams.tck.TestEnvironment$Receptacle", "add");
        builder.allowBlockingCallsInside("org.reactivestreams.tck.TestEnvironment$Receptacle", "complete");
        builder.allowBlockingCallsInside("org.reactivestreams.tck.TestEnvironment$Promise", "complete");
    }
}
