package dev.backflux.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.StaleSequenceException;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A run's steps read from its ringbuffer with Hazelcast's asynchronous {@code readManyAsync}, batch after batch,
 * keeping only the newest step of each batch and only the newest one not yet requested ({@code LATEST}), then
 * rebuilt by the engine one at a time, when requested, on Reactor's {@code parallel} scheduler. No thread waits: the read of the
 * next batch is a pending operation on the member that completes when the member adds a step.
 */
final class Watcher {

    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
    private static final Duration RETRY = Duration.ofMillis(200);

    private Watcher() {
    }

    static Flux<TrainingStep> steps(HazelcastInstance hazelcast, String id, Mono<RunSpec> spec) {
        // No prefetch: the next item is taken only once the last one is rebuilt and requested, so that at most two
        // steps wait for a slow subscriber, the newest read (replaced by each newer one) and the one rebuilt for it.
        return spec.flatMapMany(runSpec -> items(hazelcast, id)
                .concatMap(item -> Rebuild.step(runSpec, item).subscribeOn(Schedulers.parallel()), 0));
    }

    static Flux<Codec.StepItem> items(HazelcastInstance hazelcast, String id) {
        // Creating the ringbuffer's proxy may block (a client asks the cluster): on boundedElastic, never on the
        // Hazelcast or Reactor thread that subscribes.
        return Mono.fromCallable(() -> hazelcast.<byte[]>getRingbuffer(BackfluxCluster.STEPS_PREFIX + id))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(ringbuffer -> Flux.<Codec.StepItem>create(sink -> new Reader(hazelcast, ringbuffer, sink,
                        id).read(), FluxSink.OverflowStrategy.LATEST));
    }

    /** Reads one batch after another until the run's end item or the subscriber's cancellation. */
    private static final class Reader {

        private final HazelcastInstance hazelcast;
        private final Ringbuffer<byte[]> steps;
        private final FluxSink<Codec.StepItem> sink;
        private final String id;
        private volatile boolean cancelled;
        private long next;
        private long lastStep = -1;

        Reader(HazelcastInstance hazelcast, Ringbuffer<byte[]> steps, FluxSink<Codec.StepItem> sink, String id) {
            this.hazelcast = hazelcast;
            this.steps = steps;
            this.sink = sink;
            this.id = id;
            sink.onDispose(() -> cancelled = true);
        }

        void read() {
            if (cancelled) {
                return;
            }
            try {
                steps.readManyAsync(next, 1, BackfluxCluster.STEPS_KEPT, null).whenComplete(this::batch);
            } catch (RuntimeException e) {
                // Thrown at once (a closed client): on a scheduler's thread it would be lost, the watcher hung.
                failed(e);
            }
        }

        private void batch(ReadResultSet<byte[]> batch, Throwable error) {
            if (cancelled) {
                return;
            }
            if (error != null) {
                failed(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                return;
            }
            try {
                take(batch);
            } catch (RuntimeException e) {
                sink.error(e);
            }
        }

        private void take(ReadResultSet<byte[]> batch) {
            next = batch.getNextSequenceToReadFrom();
            Codec.StepItem newest = null;
            Codec.EndItem end = null;
            for (byte[] bytes : batch) {
                Object item = Codec.item(bytes);
                if (item instanceof Codec.EndItem) {
                    end = (Codec.EndItem) item;
                } else {
                    Codec.StepItem step = (Codec.StepItem) item;
                    // A run restarted on another member publishes steps again: only newer ones go on.
                    if (step.step() > lastStep) {
                        newest = step;
                    }
                }
            }
            if (newest != null) {
                lastStep = newest.step();
                sink.next(newest);
            }
            if (end != null) {
                if (end.failed()) {
                    sink.error(new ClusterRunException(end.message()));
                } else {
                    sink.complete();
                }
                return;
            }
            read();
        }

        private void failed(Throwable error) {
            if (error instanceof StaleSequenceException) {
                next = ((StaleSequenceException) error).getHeadSeq();
                read();
            } else if (error instanceof IllegalArgumentException && next > 0) {
                // Beyond the tail: the ringbuffer was lost with a member and started again; read it from its start.
                next = 0;
                read();
            } else if (error instanceof IllegalArgumentException) {
                sink.error(error);
            } else if (closed(error)) {
                sink.error(new IllegalStateException("The cluster handle was closed while watching run " + id,
                        error));
            } else {
                // A lost connection or member: read again from where we were, once the cluster answers.
                LOG.debug("Reading the steps of run {} failed, trying again in {}: {}", id, RETRY, error.toString());
                Schedulers.parallel().schedule(this::read, RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        /**
         * Whether the error says this member or client is closed, for good: a member's
         * {@code HazelcastInstanceNotActiveException}, a client's {@code HazelcastClientNotActiveException} (an
         * IllegalStateException), or any error once the instance no longer runs.
         */
        private boolean closed(Throwable error) {
            if (error instanceof com.hazelcast.core.HazelcastInstanceNotActiveException
                    || error instanceof com.hazelcast.client.HazelcastClientNotActiveException) {
                return true;
            }
            if (error instanceof IllegalStateException && String.valueOf(error.getMessage()).contains("not active")) {
                return true;
            }
            try {
                return !hazelcast.getLifecycleService().isRunning();
            } catch (RuntimeException e) {
                return true;
            }
        }
    }
}
