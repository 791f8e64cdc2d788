package dev.backflux.cluster;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A run submitted to a cluster, watched from this member or client: its steps as they train on whichever member
 * holds it, and its result. Obtained from {@link BackfluxCluster#submit(RunSpec)} or, for a run submitted
 * elsewhere, {@link BackfluxCluster#run(String)}.
 */
public final class ClusterRun {

    private final BackfluxCluster cluster;
    private final String id;
    private final Mono<RunSpec> spec;
    private volatile Mono<Void> queued = Mono.empty();
    private final Mono<TrainingResult> result;

    ClusterRun(BackfluxCluster cluster, String id, RunSpec spec) {
        this.cluster = cluster;
        this.id = id;
        this.spec = spec != null ? Mono.just(spec) : Mono.defer(() -> cluster.spec(id)).cache();
        this.result = Mono.defer(() -> queued.then(cluster.result(id, this.spec))).cache();
    }

    void queued(Mono<Void> queued) {
        this.queued = Objects.requireNonNull(queued);
    }

    Mono<Void> queued() {
        return queued;
    }

    /**
     * Returns the run's id in the cluster, with which any member or client finds it
     * ({@link BackfluxCluster#run(String)}).
     *
     * @return the id, never {@code null}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the run's specification, read from the cluster unless this handle submitted it.
     *
     * @return the spec; an error if the cluster knows no such run
     */
    public Mono<RunSpec> spec() {
        return spec;
    }

    /**
     * Returns the run's steps with the promise of {@code TrainingRun.steps()}: the latest step first, then live
     * ones, skipping those a slow subscriber cannot take, with strictly increasing indexes; it completes after the
     * run's last step, or fails with a {@link ClusterRunException} if the run failed. A watcher never holds the
     * run back: the member publishes at most one step per publish interval into a ringbuffer of
     * {@value BackfluxCluster#STEPS_KEPT} steps, overwriting the oldest, and each watcher reads it at its own
     * pace. Each step arrives as the weights before its update and is recomputed here by the engine (one step of
     * training, on the subscribing thread or Reactor's {@code parallel} scheduler), so it holds every number of
     * the member's step, to the bit, and costs one step's computation per step received. A client that loses
     * the cluster and reconnects goes on watching from where it was.
     *
     * @return the steps, never {@code null}; each subscription watches on its own
     */
    public Flux<TrainingStep> steps() {
        return queued.thenMany(cluster.watch(id, spec));
    }

    /**
     * Returns how the run ended, once it has, with its last and best steps recomputed from the weights the member
     * kept (so that they equal the member's to the bit). {@link TrainingResult#elapsed()} is the member's
     * training time; {@link TrainingResult#error()} of a failed run is a {@link ClusterRunException} carrying the
     * original error's class and message.
     *
     * @return the result, the same for every subscriber; never {@code null}
     */
    public Mono<TrainingResult> result() {
        return result;
    }

    /**
     * Reads where the run is now: queued, running (on which member, which attempt) or done.
     *
     * @return the status; an error if the cluster knows no such run
     */
    public Mono<RunStatus> status() {
        return queued.then(cluster.status(id));
    }

    /**
     * Asks the cluster to stop the run: the member that trains it stops it before its next step, and its result
     * is {@code CANCELLED} with the steps published so far; a run still queued ends with no step when a member
     * takes it. Cancelling a run that has ended does nothing.
     *
     * @return completes once the cluster has recorded the request (the run ends shortly after: see
     *         {@link #result()}); never {@code null}
     */
    public Mono<Void> cancel() {
        return queued.then(cluster.cancel(id));
    }

    /**
     * Removes an ended run from the cluster: its spec, record, result, steps and any checkpoint, freeing their
     * memory on every member (the cluster keeps them until then). Handles to it then fail as for a run the cluster
     * never knew; a {@link #result()} already received stays.
     *
     * @return completes once removed; an {@link IllegalStateException} if the run has not ended, an
     *         {@link IllegalArgumentException} if the cluster does not know it; never {@code null}
     */
    public Mono<Void> forget() {
        return queued.then(cluster.forget(id));
    }

    /**
     * Returns this run as a {@link TrainingRun}, for code written for local runs, such as the dashboard's
     * {@code Dashboard.show(name, run)}: one watcher of this run, started now and shared by the returned run's
     * subscribers (the latest step, then live ones, skipping for slow subscribers), {@code latest()} the newest
     * step it received, {@code cancel()} the cluster's. Its {@code result()} emits before its steps complete, as a
     * local run's does. The watcher stops when the run ends.
     *
     * @return the run, watched from here; never {@code null}
     */
    public TrainingRun watched() {
        return new WatchedRun(this);
    }

    @Override
    public String toString() {
        return "ClusterRun[" + id + "]";
    }
}
