package dev.backflux.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.query.Predicates;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.Ringbuffer;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A member's share of the work: it claims queued runs while it has a free slot, trains them with
 * {@code Training.start()}, publishes their steps and keeps their results, and puts back in the queue the runs
 * of members that left. Every blocking call to the cluster happens on its own thread, never on a thread of
 * Reactor or of the training.
 */
final class Worker {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final long TICK_MILLIS = 1_000;
    private static final int FINISH_ATTEMPTS = 60;

    private final HazelcastInstance hazelcast;
    private final IMap<String, HazelcastJsonValue> runs;
    private final IMap<String, String> specs;
    private final IMap<String, byte[]> results;
    private final IMap<String, byte[]> checkpoints;
    private final IMap<String, Boolean> cancels;
    private final int maxRuns;
    private final Duration publishInterval;
    private final Duration checkpointInterval;
    private final ScheduledExecutorService executor;
    private final ConcurrentMap<String, Active> active = new ConcurrentHashMap<>();
    private final AtomicBoolean passScheduled = new AtomicBoolean();
    /** The trainings handed back and cancelled, which close() waits for. */
    private final java.util.Queue<TrainingRun> cancelled = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final String uuid;
    private final String address;
    private final UUID runsListener;
    private final UUID cancelsListener;
    private final UUID membershipListener;
    private volatile boolean closed;

    /** A run this member trains. */
    private static final class Active {
        final String id;
        volatile RunRecord record;
        volatile TrainingRun run;
        volatile boolean handedBack;
        volatile RunSpec spec;
        volatile Codec.Checkpoint resumed;
        volatile Checkpointer checkpointer;

        Active(String id, RunRecord record) {
            this.id = id;
            this.record = record;
        }

        /** Marks the run handed back; true the first time only, so that one caller hands it back. */
        synchronized boolean handBack() {
            if (handedBack) {
                return false;
            }
            handedBack = true;
            return true;
        }
    }

    Worker(HazelcastInstance hazelcast, int maxRuns, Duration publishInterval, Duration checkpointInterval) {
        this.hazelcast = hazelcast;
        this.runs = hazelcast.getMap(BackfluxCluster.RUNS);
        this.specs = hazelcast.getMap(BackfluxCluster.SPECS);
        this.results = hazelcast.getMap(BackfluxCluster.RESULTS);
        this.checkpoints = hazelcast.getMap(BackfluxCluster.CHECKPOINTS);
        this.cancels = hazelcast.getMap(BackfluxCluster.CANCELS);
        this.maxRuns = maxRuns;
        this.publishInterval = publishInterval;
        this.checkpointInterval = checkpointInterval;
        Member local = hazelcast.getCluster().getLocalMember();
        this.uuid = local.getUuid().toString();
        this.address = local.getAddress().getHost() + ":" + local.getAddress().getPort();
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "backflux-cluster-" + address);
            thread.setDaemon(true);
            return thread;
        });
        this.runsListener = runs.addEntryListener(new QueuedListener(), true);
        this.cancelsListener = cancels.addEntryListener((EntryAddedListener<String, Boolean>) event -> {
            Active run = active.get(event.getKey());
            TrainingRun training = run == null ? null : run.run;
            if (training != null) {
                training.cancel();
            }
        }, false);
        this.membershipListener = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                submit(Worker.this::tick);
            }
        });
        // Guarded: a periodic task that throws is never run again, and a cluster call may fail for a moment (a
        // migration after a member left).
        executor.scheduleWithFixedDelay(() -> guarded(this::tick), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        submit(this::tick);
    }

    /** Wakes the member when a run is queued (submitted, or put back after its member left). */
    private final class QueuedListener implements EntryAddedListener<String, HazelcastJsonValue>,
            EntryUpdatedListener<String, HazelcastJsonValue> {

        @Override
        public void entryAdded(EntryEvent<String, HazelcastJsonValue> event) {
            queued(event);
        }

        @Override
        public void entryUpdated(EntryEvent<String, HazelcastJsonValue> event) {
            queued(event);
        }

        private void queued(EntryEvent<String, HazelcastJsonValue> event) {
            if (event.getValue() != null && RunRecord.of(event.getValue()).state() == RunState.QUEUED) {
                schedulePass();
            }
        }
    }

    List<String> running() {
        return List.copyOf(active.keySet());
    }

    private void submit(Runnable task) {
        try {
            executor.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            // Closed.
        }
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (Throwable e) {
            // Never rethrown: the periodic claim-and-recover pass must survive whatever a run or the cluster throws.
            if (fatal(e)) {
                LOG.error("Backflux cluster member {}: {}", address, e.toString(), e);
            } else if (!closed) {
                LOG.warn("Backflux cluster member {}: {}", address, e.toString(), e);
            }
        }
    }

    /**
     * Whether an error means the JVM itself is broken ({@link InternalError}, {@link UnknownError}): rethrown
     * after its run is ended. Every other throwable is a run's failure, including an {@link OutOfMemoryError}
     * (most likely one run's allocation, freed when the run is dropped), a {@link StackOverflowError} and a
     * {@link LinkageError} (a plugin built against another version): the run ends FAILED and the member goes on.
     */
    static boolean fatal(Throwable e) {
        return e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)
                && !(e instanceof StackOverflowError);
    }

    private void schedulePass() {
        if (passScheduled.compareAndSet(false, true)) {
            submit(() -> {
                passScheduled.set(false);
                claim();
            });
        }
    }

    private void tick() {
        requeueOrphans();
        claim();
    }

    /** Claims the oldest queued runs while a slot is free: an atomic replace of each run's record, one winner. */
    private void claim() {
        while (!closed && active.size() < maxRuns) {
            List<Map.Entry<String, HazelcastJsonValue>> queued = new ArrayList<>(
                    runs.entrySet(Predicates.equal("state", RunState.QUEUED.name())));
            if (queued.isEmpty()) {
                return;
            }
            queued.sort(Comparator.comparingLong(entry -> RunRecord.of(entry.getValue()).seq()));
            boolean claimed = false;
            for (Map.Entry<String, HazelcastJsonValue> entry : queued) {
                if (closed || active.size() >= maxRuns) {
                    return;
                }
                RunRecord mine = RunRecord.of(entry.getValue()).runningOn(uuid, address);
                if (runs.replace(entry.getKey(), entry.getValue(), mine.json())) {
                    claimed = true;
                    start(entry.getKey(), mine);
                }
            }
            if (!claimed) {
                return;
            }
        }
    }

    /** Puts back in the queue the runs held by members that are no longer in the cluster. */
    private void requeueOrphans() {
        if (closed) {
            return;
        }
        Set<String> members = hazelcast.getCluster().getMembers().stream()
                .map(member -> member.getUuid().toString()).collect(Collectors.toSet());
        for (Map.Entry<String, HazelcastJsonValue> entry
                : runs.entrySet(Predicates.equal("state", RunState.RUNNING.name()))) {
            RunRecord record = RunRecord.of(entry.getValue());
            if (!members.contains(record.owner())
                    && runs.replace(entry.getKey(), entry.getValue(), record.requeued().json())) {
                LOG.info("Run {} was on member {}, which left the cluster: queued again", entry.getKey(),
                        record.member());
            }
        }
    }

    private void start(String id, RunRecord record) {
        Active run = new Active(id, record);
        active.put(id, run);
        if (closed) {
            // close() ran between the claim and now: the run goes back to the queue untouched.
            handBack(run);
            return;
        }
        TrainingRun training;
        try {
            String json = specs.get(id);
            if (json == null) {
                throw new IllegalStateException("The spec of run " + id + " is missing from " + BackfluxCluster.SPECS);
            }
            RunSpec spec = RunSpec.fromJson(json);
            run.spec = spec;
            if (cancels.containsKey(id)) {
                finish(run, ended(TrainingResult.Reason.CANCELLED, "cancelled by ClusterRun.cancel() before it"
                        + " started", null));
                return;
            }
            // Checkpoints only for runs without plugins: a plugin's state (early stopping's patience, a best error)
            // would start again on resuming, and the run would no longer be the one that never moved.
            boolean checkpointed = spec.plugins().isEmpty() && !checkpointInterval.isZero();
            byte[] saved = checkpointed && record.attempt() > 1 ? checkpoints.get(id) : null;
            Codec.Checkpoint resumed = saved == null ? null : Codec.checkpoint(saved);
            run.resumed = resumed;
            dev.backflux.api.Training.Builder builder = resumed == null ? spec.builder(spec.network()).steps(spec.steps())
                    : spec.builder(spec.network(resumed.weights())).firstStep(resumed.step() + 1)
                            .steps(spec.steps() - resumed.step() - 1);
            if (checkpointed) {
                Checkpointer checkpointer = new Checkpointer(checkpointInterval.toNanos(), spec.steps() - 1, resumed,
                        System::nanoTime, checkpoint -> checkpoints.setAsync(id, Codec.checkpoint(checkpoint)));
                run.checkpointer = checkpointer;
                builder.plugin(checkpointer, Map.of());
            }
            if (resumed != null) {
                RunRecord from = record.resumedAt(resumed.step() + 1);
                if (runs.replace(id, record.json(), from.json())) {
                    run.record = from;
                }
            }
            LOG.debug("Member {} trains run {} (attempt {}, from step {})", address, id, record.attempt(),
                    resumed == null ? 0 : resumed.step() + 1);
            training = builder.build().start();
            run.run = training;
            if (closed || run.handedBack) {
                // close() raced this start: it may have looked at this run before its training was stored.
                handBack(run);
                return;
            }
            if (cancels.containsKey(id)) {
                training.cancel();
            }
        } catch (HazelcastException e) {
            // The cluster, not the run: hand it back to the queue for a member (maybe this one) to try again.
            LOG.warn("Member {} could not read run {} from the cluster, queued again: {}", address, id, e.toString());
            active.remove(id);
            TrainingRun started = run.run;
            if (started != null) {
                started.cancel();
            }
            try {
                runs.replace(id, run.record.json(), run.record.requeued().json());
            } catch (HazelcastException again) {
                LOG.debug("Run {} not handed back now ({}): it is found again when this member leaves", id,
                        again.toString());
            }
            return;
        } catch (Throwable e) {
            // Not only exceptions: an OutOfMemoryError (a huge network) or a plugin's LinkageError would otherwise
            // leave the run RUNNING on this member for ever, its slot taken.
            LOG.warn("Member {} could not start run {}: {}", address, id, e.toString());
            TrainingRun started = run.run;
            if (started != null) {
                started.cancel();
            }
            finish(run, failed(e));
            if (fatal(e)) {
                throw (Error) e;
            }
            return;
        }
        run.run = training;
        Ringbuffer<byte[]> steps = hazelcast.getRingbuffer(BackfluxCluster.STEPS_PREFIX + id);
        Flux<TrainingStep> published;
        if (publishInterval.isZero()) {
            published = training.steps();
        } else {
            // The latest step, read on a timer: a subscriber to training.steps() would be handed every step on a
            // delivery thread, which costs about as much as computing the tutorial's step.
            AtomicLong last = new AtomicLong(-1);
            published = Flux.interval(publishInterval, publishInterval)
                    .onBackpressureDrop()
                    .concatMap(tick -> Mono.justOrEmpty(training.latest()), 0)
                    .takeUntilOther(training.result())
                    .concatWith(training.result().flatMap(ended -> Mono.justOrEmpty(training.latest())))
                    .filter(step -> step.step() > last.get())
                    .doOnNext(step -> last.set(step.step()));
        }
        published
                .concatMap(step -> Mono.fromCompletionStage(() -> steps.addAsync(Codec.step(step),
                                OverflowPolicy.OVERWRITE))
                        .onErrorResume(error -> {
                            LOG.debug("Run {}: step {} not published: {}", id, step.step(), error.toString());
                            return Mono.empty();
                        }), 1)
                .then(training.result())
                .subscribe(result -> submit(() -> finish(run, result)),
                        error -> submit(() -> finish(run, failed(error))));
    }

    /** Keeps the result, marks the run done, then ends its steps; unless it was handed back to the queue. */
    private void finish(Active run, TrainingResult result) {
        finish(run, result, 0);
    }

    private void finish(Active run, TrainingResult result, int attempt) {
        boolean done = true;
        try {
            if (run.handedBack || closed) {
                return;
            }
            // In this order: the result, the end of the steps, then the record, DONE once nothing more is written.
            results.set(run.id, Codec.result(merged(run, Codec.record(result))));
            String message = result.error().map(error -> error.getClass().getName() + ": " + error.getMessage())
                    .orElse(result.condition());
            hazelcast.<byte[]>getRingbuffer(BackfluxCluster.STEPS_PREFIX + run.id)
                    .add(Codec.end(result.reason() == TrainingResult.Reason.FAILED, message));
            checkpoints.delete(run.id);
            if (!runs.replace(run.id, run.record.json(), run.record.done().json())) {
                LOG.warn("Run {} ended on member {}, but its record had changed: the cluster had given it to"
                        + " another member", run.id, address);
            }
            LOG.debug("Member {} ended run {}: {}", address, run.id, result.reason());
        } catch (HazelcastException e) {
            // Each write is idempotent: try them all again in a moment, the run still holding its slot.
            if (attempt < FINISH_ATTEMPTS && !closed) {
                done = false;
                LOG.debug("Run {} ended, but keeping its result failed ({}): trying again", run.id, e.toString());
                try {
                    executor.schedule(() -> guarded(() -> finish(run, result, attempt + 1)), 1, TimeUnit.SECONDS);
                } catch (RejectedExecutionException closing) {
                    done = true;
                }
            } else {
                LOG.warn("Run {} ended on member {}, but its result could not be kept: {}", run.id, address,
                        e.toString());
            }
        } finally {
            if (done) {
                active.remove(run.id);
                schedulePass();
            }
        }
    }

    /**
     * The result of the whole run, from the result of the attempt that resumed it from a checkpoint: its steps
     * counted from step 0, its time added to the earlier attempts', its best step the best of all attempts.
     */
    private static Codec.ResultRecord merged(Active run, Codec.ResultRecord attempt) {
        Codec.Checkpoint resumed = run.resumed;
        Checkpointer checkpointer = run.checkpointer;
        if (resumed == null || checkpointer == null) {
            return attempt;
        }
        long steps = run.spec.steps();
        return new Codec.ResultRecord(attempt.reason(), attempt.reason() == TrainingResult.Reason.COMPLETED
                ? "ran all " + steps + " requested steps" : attempt.condition(), attempt.stoppedBy(),
                resumed.step() + 1 + attempt.stepsRun(), checkpointer.elapsedBefore() + attempt.elapsedNanos(),
                attempt.errorClass(), attempt.errorMessage(), checkpointer.bestError(), attempt.accuracy(),
                attempt.validationAccuracy(), attempt.last(), Optional.ofNullable(checkpointer.best()));
    }

    /**
     * Stops claiming, hands the runs this member trains back to the queue for the other members, and returns once
     * their training has stopped (up to 10 s each): no training goes on after it returns.
     */
    void close() {
        closed = true;
        handBackAll();
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A start() that raced the first pass (it claimed, or stored its training, after that pass looked).
        handBackAll();
        for (TrainingRun training : cancelled) {
            try {
                training.result().toFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.debug("A run did not end within 10 s of its cancellation: {}", e.toString());
            }
        }
        try {
            runs.removeEntryListener(runsListener);
            cancels.removeEntryListener(cancelsListener);
            hazelcast.getCluster().removeMembershipListener(membershipListener);
        } catch (RuntimeException e) {
            // Shutting down anyway.
        }
    }

    private void handBackAll() {
        for (Active run : active.values()) {
            handBack(run);
        }
    }

    /**
     * Hands a run back to the queue (once, whoever calls first) and cancels its training if it has one, which
     * close() then waits for.
     */
    private void handBack(Active run) {
        active.remove(run.id);
        if (run.handBack()) {
            try {
                runs.replace(run.id, run.record.json(), run.record.requeued().json());
            } catch (RuntimeException e) {
                LOG.debug("Run {} not handed back: {}", run.id, e.toString());
            }
        }
        TrainingRun training = run.run;
        if (training != null) {
            cancelled.add(training);
            training.cancel();
        }
    }

    /** The result of a run that failed before or outside the engine (a spec this member cannot build). */
    private static TrainingResult failed(Throwable error) {
        return ended(TrainingResult.Reason.FAILED, "failed: " + error, error);
    }

    /** The result of a run that ended without a step: it could not start, or was cancelled first. */
    private static TrainingResult ended(TrainingResult.Reason reason, String condition, Throwable error) {
        return new TrainingResult() {
            @Override
            public Reason reason() {
                return reason;
            }

            @Override
            public String condition() {
                return condition;
            }

            @Override
            public Optional<String> stoppedBy() {
                return Optional.empty();
            }

            @Override
            public long stepsRun() {
                return 0;
            }

            @Override
            public Optional<TrainingStep> lastStep() {
                return Optional.empty();
            }

            @Override
            public Optional<TrainingStep> bestStep() {
                return Optional.empty();
            }

            @Override
            public OptionalDouble bestError() {
                return OptionalDouble.empty();
            }

            @Override
            public Duration elapsed() {
                return Duration.ZERO;
            }

            @Override
            public Optional<Throwable> error() {
                return Optional.ofNullable(error);
            }
        };
    }
}
