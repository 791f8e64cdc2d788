package dev.backflux.cluster;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound lets the cluster's tests do on a non-blocking thread besides what Reactor allows: the test
 * log's console writes (Logback's {@code OutputStreamAppender.subAppend}), for a warning logged on such a thread,
 * and, for the dashboard the tests serve, the short lock of Netty's adaptive buffer allocator (as the dashboard's
 * own tests allow it, for the reason they give). Any other blocking call on a Reactor thread or an event loop,
 * Hazelcast's included, fails.
 */
public final class TestBlockingAllowances implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
    }
}
