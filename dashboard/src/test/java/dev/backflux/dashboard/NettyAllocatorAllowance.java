package dev.backflux.dashboard;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows the short lock Netty 4.2's adaptive buffer allocator takes when it returns a buffer to a shared magazine
 * ({@code AdaptivePoolingAllocator$Magazine.free}, a {@code StampedLock} write lock that parks for a moment when
 * another event loop holds it). Netty's own BlockHound integration (4.2.17) does not list it; seen under the load
 * test's 200 event streams, where an event loop reading a response parked on it. Only that method is allowed: any
 * other blocking call on an event loop, the dashboard's own included, still fails the tests.
 */
public final class NettyAllocatorAllowance implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
    }
}
