package dev.backflux.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Products shared with {@link KernelThreads}, computed on a non-blocking thread with BlockHound installed: the
 * caller's spin for its helpers' blocks is allowed ({@link KernelSpinAllowance}), a spin anywhere else is not.
 */
class KernelThreadsTests {

    @Test
    void largeProductsSharedWithHelperThreadsNeverBlockTheTrainingThread() {
        // 1024 x 512 x 512 multiply-adds, twenty times: long enough for the caller to wait for a helper's block.
        int n = 1024;
        int k = 512;
        int m = 512;
        assertTrue((long) n * k * m >= PackedProduct.PARALLEL_FROM);
        double[] a = new double[n * k];
        double[] b = new double[k * m];
        Integer products = Mono.fromCallable(() -> {
            for (int i = 0; i < 20; i++) {
                PackedProduct.run(a, false, b, false, new double[n * m], n, k, m);
            }
            return 20;
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(120));

        assertEquals(20, products);
    }

    @Test
    void aSpinWaitOutsideTheKernelsWaitIsStillCaughtOnANonBlockingThread() {
        StepVerifier.create(Mono.fromRunnable(Thread::onSpinWait).subscribeOn(Schedulers.parallel()))
                .expectErrorSatisfies(error -> {
                    assertTrue(error instanceof BlockingOperationError, error.toString());
                    assertTrue(error.getMessage().contains("java.lang.Thread.onSpinWait"), error.getMessage());
                })
                .verify(Duration.ofSeconds(10));
    }
}
