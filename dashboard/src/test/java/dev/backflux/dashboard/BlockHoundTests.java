package dev.backflux.dashboard;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServer;

/**
 * BlockHound watches every test of this suite (blockhound-junit-platform): a blocking call on a non-blocking
 * thread, a Reactor scheduler's or a Netty event loop's, fails. So every dashboard test that passes shows the
 * service blocked no such thread on its path.
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

    @Test
    void aBlockingCallOnAnEventLoopFails() {
        var server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/sleep", (request, response) -> {
                    try {
                        Thread.sleep(1);
                        return response.sendString(Mono.just("slept"));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    } catch (BlockingOperationError e) {
                        return response.status(500).sendString(Mono.just("blocked"));
                    }
                }))
                .bindNow();
        try {
            String body = reactor.netty.http.client.HttpClient.create().get()
                    .uri("http://127.0.0.1:" + server.port() + "/sleep")
                    .responseContent().aggregate().asString().block(Duration.ofSeconds(10));
            assertTrue("blocked".equals(body), body);
        } finally {
            server.disposeNow(Duration.ofSeconds(10));
        }
    }
}
