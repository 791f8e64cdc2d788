package dev.backflux.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Waits for results without polling: one listener on the results map for this member or client (keys only),
 * and a read of the entry when a run's result is awaited, when its key is added, and when a client reconnects
 * (the events of its disconnection are lost).
 */
final class Results {

    private final IMap<String, byte[]> results;
    private final ConcurrentMap<String, Sinks.One<byte[]>> waiting = new ConcurrentHashMap<>();
    private final UUID listener;
    private final UUID lifecycle;
    private final HazelcastInstance hazelcast;

    Results(HazelcastInstance hazelcast, boolean client) {
        this.hazelcast = hazelcast;
        this.results = hazelcast.getMap(BackfluxCluster.RESULTS);
        this.listener = results.addEntryListener((EntryAddedListener<String, byte[]>) event -> {
            if (waiting.containsKey(event.getKey())) {
                read(event.getKey());
            }
        }, false);
        this.lifecycle = client ? hazelcast.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_CONNECTED) {
                waiting.keySet().forEach(this::read);
            }
        }) : null;
    }

    Mono<byte[]> await(String id) {
        return Mono.defer(() -> {
            Sinks.One<byte[]> sink = waiting.computeIfAbsent(id, key -> Sinks.one());
            read(id);
            return sink.asMono();
        });
    }

    private void read(String id) {
        results.getAsync(id).whenComplete((bytes, error) -> {
            Sinks.One<byte[]> sink = waiting.get(id);
            if (sink == null) {
                return;
            }
            if (error != null) {
                // A lost connection: the reconnection (client) or the next event reads it again.
                return;
            }
            if (bytes != null && waiting.remove(id, sink)) {
                sink.tryEmitValue(bytes);
            }
        });
    }

    void close() {
        if (hazelcast.getLifecycleService().isRunning()) {
            try {
                results.removeEntryListener(listener);
                if (lifecycle != null) {
                    hazelcast.getLifecycleService().removeLifecycleListener(lifecycle);
                }
            } catch (RuntimeException e) {
                // Shutting down anyway.
            }
        }
        waiting.forEach((id, sink) -> sink.tryEmitError(new IllegalStateException(
                "The cluster handle was closed before run " + id + " ended")));
        waiting.clear();
    }
}
