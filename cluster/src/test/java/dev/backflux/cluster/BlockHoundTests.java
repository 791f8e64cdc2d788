package dev.backflux.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * BlockHound watches every test of this suite (blockhound-junit-platform): a blocking call on a non-blocking
 * thread fails. So every cluster test that passes in this JVM shows that watching, collecting results and
 * submitting blocked no Reactor thread.
 */
class BlockHoundTests {

    @Test
    void aBlockingCallOnAParallelThreadFails() {
        Throwable error = assertThrows(Throwable.class, () -> Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10)));
        assertTrue(error instanceof BlockingOperationError || error.getCause() instanceof BlockingOperationError,
                error.toString());
    }
}
