package dev.backflux.dashboard;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound lets the dashboard's tests do on a non-blocking thread besides what Reactor and Netty allow,
 * each for a stated reason; any other blocking call on an event loop, the dashboard's own included, fails.
 *
 * <ul>
 *   <li>The short lock Netty 4.2's adaptive buffer allocator takes when it returns a buffer to a shared magazine
 *       ({@code AdaptivePoolingAllocator$Magazine.free}, a {@code StampedLock} write lock that parks for a moment
 *       when another event loop holds it). Netty's own BlockHound integration (4.2.17) does not list it; seen under
 *       the load test's 200 event streams.</li>
 *   <li>The test log's console writes ({@code OutputStreamAppender.subAppend}): Reactor Netty logs a warning on an
 *       event loop when a test cuts a connection, and a BlockingOperationError thrown inside that log call would
 *       break the event loop's work for other connections of the suite. The dashboard itself logs off the event
 *       loops.</li>
 * </ul>
 */
public final class TestBlockingAllowances implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        builder.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend");
        builder.blockingMethodCallback(method -> {
            BlockingCallsSeen.record(method.toString());
            throw new BlockingOperationError(method);
        });
    }

    /**
     * The blocking calls BlockHound refused in this JVM, with their threads and stacks: a refused call inside a
     * library's own machinery may surface only as a request without an answer, so the tests name them then.
     */
    static final class BlockingCallsSeen {

        private static final Queue<String> SEEN = new ConcurrentLinkedQueue<>();

        private BlockingCallsSeen() {
        }

        static void record(String method) {
            StringBuilder text = new StringBuilder(method).append(" on ").append(Thread.currentThread().getName());
            StackTraceElement[] stack = Thread.currentThread().getStackTrace();
            for (int i = 0; i < Math.min(stack.length, 40); i++) {
                text.append("\n\tat ").append(stack[i]);
            }
            SEEN.add(text.toString());
        }

        static String describe() {
            return SEEN.isEmpty() ? "no blocking call refused" : "blocking calls refused: " + String.join("\n", SEEN);
        }
    }
}
