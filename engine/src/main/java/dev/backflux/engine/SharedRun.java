package dev.backflux.engine;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * A {@link TrainingRun}: one run assembled like any other ({@link ConfiguredTraining#assemble}), driven in
 * slices on its scheduler by a {@link SlicedDriver}, and broadcast with Reactor's own tools: a
 * {@code Sinks.many().replay().latest()} sink that gives a late subscriber the latest step, and per subscriber
 * {@code onBackpressureLatest().publishOn(delivery, 1)}, so that a slow subscriber skips steps and never holds
 * the run back.
 *
 * <p>The run's end has one source, its {@link RunEnd}: the result is published there, and only then is the
 * sink terminated, so that {@link #steps()}, {@link #result()}, {@link #isDone()} and {@link #latest()} agree.
 */
final class SharedRun implements TrainingRun {

    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int CANCELLED_BEFORE_START = 2;

    /** How long an emission waits for a concurrent one (the end racing the last step) before giving up. */
    private static final Duration EMIT_CONTENTION = Duration.ofSeconds(1);

    /** The runs started and not ended yet, weakly held: for {@link #describeLive()}. */
    private static final java.util.Map<SharedRun, Boolean> LIVE =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private final Sinks.Many<TrainingStep> sink = Sinks.many().replay().latest();
    private final AtomicInteger state = new AtomicInteger(NEW);
    private final ConfiguredTraining training;
    private final RunRecord record = new RunRecord();
    private final RunEnd end;
    private final SlicedDriver driver;
    private volatile TrainingStep latest;
    private volatile Disposable startTask;

    private SharedRun(ConfiguredTraining training, Scheduler scheduler) {
        this.training = training;
        this.end = new RunEnd(training.steps(), record, scheduler, training.data());
        this.driver = new SlicedDriver(scheduler, this::published, this::failed);
        end.whenEnded(this::ended);
    }

    /** Starts a run of {@code training} on {@code scheduler}. */
    static SharedRun start(ConfiguredTraining training, Scheduler scheduler) {
        SharedRun run = new SharedRun(training, scheduler);
        LIVE.put(run, Boolean.TRUE);
        try {
            run.startTask = scheduler.schedule(run::begin);
        } catch (RejectedExecutionException e) {
            run.state.set(STARTED);
            run.end.fail(e);
        }
        return run;
    }

    /** The first slice: assembles the run (the plugins see it start here) and subscribes the driver. */
    private void begin() {
        if (!state.compareAndSet(NEW, STARTED)) {
            return;
        }
        try {
            training.assemble(record, end, end::cancelRequested).subscribe(driver);
        } catch (Throwable fatal) {
            failed(fatal);
        }
    }

    private void published(TrainingStep step) {
        latest = step;
        sink.emitNext(step, Sinks.EmitFailureHandler.busyLooping(EMIT_CONTENTION));
    }

    /** A fatal error thrown on the run's thread: the run fails, and its chain is cancelled so plugins finish. */
    private void failed(Throwable fatal) {
        end.fail(fatal);
        driver.dispose();
    }

    private void ended(TrainingResult result) {
        LIVE.remove(this);
        Optional<Throwable> error = result.error();
        if (error.isPresent()) {
            sink.emitError(error.get(), Sinks.EmitFailureHandler.busyLooping(EMIT_CONTENTION));
        } else {
            sink.emitComplete(Sinks.EmitFailureHandler.busyLooping(EMIT_CONTENTION));
        }
    }

    @Override
    public Flux<TrainingStep> steps() {
        return sink.asFlux().onBackpressureLatest().publishOn(DeliveryThreads.get(), 1);
    }

    @Override
    public Mono<TrainingResult> result() {
        return end.resultWhenEnded();
    }

    @Override
    public Optional<TrainingStep> latest() {
        return Optional.ofNullable(latest);
    }

    @Override
    public void cancel() {
        if (state.compareAndSet(NEW, CANCELLED_BEFORE_START)) {
            Disposable task = startTask;
            if (task != null) {
                task.dispose();
            }
            end.cancelBeforeStart();
            return;
        }
        end.requestCancel();
    }

    /** The number of subscribers the sink holds, for tests. */
    int subscriberCount() {
        return sink.currentSubscriberCount();
    }

    /**
     * Every run started and not ended yet, one {@link #toString()} a line: what a test that waited too long prints
     * (test-support's ThreadDumpOnFailure calls it by reflection).
     */
    static String describeLive() {
        StringBuilder text = new StringBuilder();
        synchronized (LIVE) {
            for (SharedRun run : LIVE.keySet()) {
                text.append(run).append('\n');
            }
        }
        return text.toString();
    }

    /** The run's state, to tell where a run that does not move is waiting. */
    @Override
    public String toString() {
        TrainingStep last = latest;
        return "SharedRun[state=" + state.get() + ", latest step=" + (last == null ? "none" : last.step())
                + ", result=" + end.result() + ", subscribers=" + sink.currentSubscriberCount() + ", " + driver
                + ", training threads " + DaemonScheduler.describe(TrainingThreads.get()) + ", delivery threads "
                + DaemonScheduler.describe(DeliveryThreads.get()) + "]";
    }

    @Override
    public boolean isDone() {
        return end.result() != null;
    }
}
