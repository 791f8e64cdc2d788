package dev.backflux.engine.kernels;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows, for the test suite's BlockHound, the one wait of the kernels: {@code PackedProduct.awaitBlocks}
 * spins with {@link Thread#onSpinWait()} (which BlockHound counts as blocking) for the blocks its helpers
 * are still computing, at most one 64-row block each (up to 22 ms measured at 4096 x 784-1024-10 on 2 cores,
 * longer when the OS keeps a helper off its core; see its Javadoc). Nothing else in the kernels may block or
 * spin.
 */
public final class KernelSpinAllowance implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(PackedProduct.class.getName(), "awaitBlocks");
    }
}
