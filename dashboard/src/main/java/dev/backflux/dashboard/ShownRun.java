package dev.backflux.dashboard;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import dev.backflux.api.TrainingViews;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * A run the dashboard shows: its id and name, where it came from, the run itself, its error curve (fed by the
 * dashboard's own subscription to the run's steps) and the count of its event-stream clients.
 */
final class ShownRun {

    private final String id;
    private final String name;
    private final boolean startedOverHttp;
    private final Map<String, Object> description;
    private final TrainingRun run;
    private final ErrorCurve curve = new ErrorCurve();
    private final AtomicInteger streamClients = new AtomicInteger();
    private volatile TrainingResult result;
    private volatile long firstSeenNanos;
    private volatile long firstSeenStep = -1;
    private final Disposable curveFeed;
    private final Disposable resultFeed;
    private final Flux<String> stepEvents;

    ShownRun(String id, String name, boolean startedOverHttp, Map<String, Object> description, TrainingRun run,
            Duration eventInterval) {
        this.id = id;
        this.name = name;
        this.startedOverHttp = startedOverHttp;
        this.description = description;
        this.run = run;
        this.curveFeed = run.steps().subscribe(this::record, error -> { }, () -> { });
        this.resultFeed = run.result().subscribe(ended -> result = ended, error -> { });
        // One sampled, serialised stream of step events for all the run's clients: each step is written as
        // JSON once, however many watch it; a client that joins gets the latest event first.
        this.stepEvents = run.steps()
                .transform(TrainingViews.atMostOnePer(eventInterval))
                .map(StepEvents::step)
                .replay(1)
                .refCount();
    }

    /** The run's step events, shared by its clients: the latest first, then live ones; completes with the run. */
    Flux<String> stepEvents() {
        return stepEvents;
    }

    private void record(TrainingStep step) {
        if (firstSeenStep < 0) {
            firstSeenNanos = System.nanoTime();
            firstSeenStep = step.step();
        }
        curve.record(step.step(), step.meanAbsoluteError(),
                step.validationMeanAbsoluteError().orElse(Double.NaN));
    }

    String id() {
        return id;
    }

    TrainingRun run() {
        return run;
    }

    ErrorCurve curve() {
        return curve;
    }

    boolean startedOverHttp() {
        return startedOverHttp;
    }

    /** Takes a place for one more event-stream client, or says there is none left. */
    boolean joinStream(int max) {
        while (true) {
            int now = streamClients.get();
            if (now >= max) {
                return false;
            }
            if (streamClients.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void leaveStream() {
        streamClients.decrementAndGet();
    }

    int streamClients() {
        return streamClients.get();
    }

    /** Stops feeding the curve: the dashboard forgets the run. */
    void forget() {
        curveFeed.dispose();
        resultFeed.dispose();
    }

    /** The run as the runs list shows it. */
    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", id);
        summary.put("name", name);
        summary.put("source", startedOverHttp ? "http" : "application");
        summary.putAll(description);
        TrainingStep first = run.latest().orElse(null);
        if (!summary.containsKey("layers") && first != null) {
            summary.put("layers", first.network().layerSizes());
            summary.put("learningRate", first.learningRate());
        }
        TrainingResult result = this.result;
        summary.put("state", result == null ? "running" : result.reason().name().toLowerCase(java.util.Locale.ROOT));
        TrainingStep latest = run.latest().orElse(null);
        summary.put("step", latest == null ? null : latest.step());
        summary.put("error", latest == null ? null : StepJson.finite(latest.meanAbsoluteError()));
        summary.put("stepsPerSecond", stepsPerSecond(latest, result));
        summary.put("streamClients", streamClients.get());
        summary.put("result", result == null ? null : result(result));
        return summary;
    }

    private Double stepsPerSecond(TrainingStep latest, TrainingResult result) {
        if (result != null) {
            return StepJson.finite(result.stepsPerSecond());
        }
        long firstStep = firstSeenStep;
        if (latest == null || firstStep < 0 || latest.step() <= firstStep) {
            return null;
        }
        double seconds = (System.nanoTime() - firstSeenNanos) / 1e9;
        return seconds > 0 ? StepJson.finite((latest.step() - firstStep) / seconds) : null;
    }

    /** How a run ended, as JSON. */
    static Map<String, Object> result(TrainingResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reason", result.reason().name());
        json.put("condition", result.condition());
        json.put("stoppedBy", result.stoppedBy().orElse(null));
        json.put("stepsRun", result.stepsRun());
        json.put("lastStep", result.lastStep().map(TrainingStep::step).orElse(null));
        json.put("bestStep", result.bestStep().map(TrainingStep::step).orElse(null));
        json.put("bestError", result.bestError().isPresent() ? StepJson.finite(result.bestError().getAsDouble())
                : null);
        Duration elapsed = result.elapsed();
        json.put("elapsedMillis", elapsed.toMillis());
        json.put("stepsPerSecond", StepJson.finite(result.stepsPerSecond()));
        json.put("error", result.error().map(Throwable::getMessage).orElse(null));
        return json;
    }

    static Map<String, Object> description(int[] layers, double learningRate, long steps, String activation,
            List<String> plugins, String data) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("layers", layers);
        description.put("learningRate", learningRate);
        description.put("steps", steps);
        description.put("activation", activation);
        description.put("plugins", plugins);
        description.put("data", data);
        return description;
    }
}
