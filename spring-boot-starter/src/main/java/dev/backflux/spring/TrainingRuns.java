package dev.backflux.spring;

import dev.backflux.api.Training;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.micrometer.MetricsPlugin;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's started runs, by name: where a service starts runs ({@link #start}), and where the Actuator
 * endpoint, the server-sent-event route and the dashboard find them. Bounded: it keeps at most
 * {@code backflux.runs.max-kept} runs, running or ended; a new run makes room by forgetting the oldest ended one,
 * and is refused when every kept run is still running. Thread-safe.
 *
 * <p>{@code start} builds the run on the calling thread, which may discover plugins and check files (a
 * {@code history} plugin's directory): call it off an event loop, as the example's route does with
 * {@code subscribeOn(Schedulers.boundedElastic())}.
 *
 * <pre>{@code
 * TrainingRun run = runs.start("tutorial", Trainer.training(Network.of(3, 4, 1), data).steps(60_000));
 * }</pre>
 */
public class TrainingRuns {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRuns.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final int maxKept;
    private final MetricsPlugin metrics;
    private final List<BiConsumer<String, TrainingRun>> listeners = new ArrayList<>();
    private final Map<String, Entry> runs = new LinkedHashMap<>();

    /**
     * Creates a registry.
     *
     * @param maxKept how many runs it keeps, running or ended, at least 1
     * @param metrics the metrics plugin each run started here is given (named after the run), or {@code null} for
     *                none
     * @throws IllegalArgumentException if {@code maxKept} is below 1
     */
    public TrainingRuns(int maxKept, MetricsPlugin metrics) {
        if (maxKept < 1) {
            throw new IllegalArgumentException("maxKept: expected at least 1, actual " + maxKept);
        }
        this.maxKept = maxKept;
        this.metrics = metrics;
    }

    /**
     * Builds and starts a run on Backflux's training threads ({@link Training#start()}) and keeps it under
     * {@code name}. When the registry has the metrics plugin, the run is given it, its meters tagged
     * {@code run=<name>}: the builder then gets the plugin (it must not select {@code metrics} itself, and is
     * spent once this method has added it), and the configuration must not set {@code backflux.metrics.name}.
     *
     * @param name the run's name: 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit;
     *             not the name of a kept run that is still running (an ended one is replaced)
     * @param training the run to start, with its steps set
     * @return the started run
     * @throws NullPointerException if an argument is {@code null}
     * @throws RunRefusedException if the name is malformed or in use by a running run, or the registry is full of
     *                             running runs; the builder is then left as it was
     * @throws IllegalArgumentException if the training does not build (its message says why)
     */
    public TrainingRun start(String name, Training.Builder training) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(training, "training");
        if (!NAME.matcher(name).matches()) {
            throw new RunRefusedException(RunRefusedException.Why.MALFORMED_NAME, "name: expected 1 to 100 letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit, actual '" + name + "'");
        }
        synchronized (this) {
            checkRoomFor(name);
        }
        if (metrics != null) {
            training.plugin(metrics, Map.of("name", name));
        }
        Training built = training.build();
        if (metrics != null) {
            String metered = built.pluginOptions().getOrDefault(MetricsPlugin.ID, Map.of()).get("name");
            if (!name.equals(metered)) {
                throw new IllegalArgumentException("backflux.metrics.name: expected no such setting when runs are"
                        + " started by TrainingRuns (each run's meters are tagged with its name), actual '"
                        + metered + "' for the run '" + name + "'");
            }
        }
        TrainingRun run;
        synchronized (this) {
            checkRoomFor(name);
            runs.remove(name);
            makeRoom();
            run = built.start();
            Entry entry = new Entry(run);
            runs.put(name, entry);
            run.result().subscribe(result -> entry.result = result, error -> { });
        }
        for (BiConsumer<String, TrainingRun> listener : listeners()) {
            try {
                listener.accept(name, run);
            } catch (RuntimeException e) {
                LOG.warn("A listener of started runs failed for the run '{}', which runs on", name, e);
            }
        }
        return run;
    }

    /** Refuses a name in use by a running run, or a registry full of running runs. */
    private void checkRoomFor(String name) {
        Entry kept = runs.get(name);
        if (kept != null && kept.result == null) {
            throw new RunRefusedException(RunRefusedException.Why.NAME_IN_USE,
                    "name: expected a name no running run uses, actual '" + name + "'");
        }
        if (kept == null && runs.size() >= maxKept && runs.values().stream().allMatch(entry -> entry.result == null)) {
            throw new RunRefusedException(RunRefusedException.Why.FULL, "runs: expected fewer than " + maxKept
                    + " running runs to start one more, actual " + maxKept
                    + " (cancel one, or raise backflux.runs.max-kept)");
        }
    }

    /** Forgets the oldest ended run if the registry is full; {@link #checkRoomFor} made sure there is one. */
    private void makeRoom() {
        if (runs.size() < maxKept) {
            return;
        }
        for (Iterator<Entry> kept = runs.values().iterator(); kept.hasNext(); ) {
            if (kept.next().result != null) {
                kept.remove();
                return;
            }
        }
    }

    /**
     * Returns the run kept under {@code name}.
     *
     * @param name the run's name
     * @return the run, or empty if none is kept under that name
     */
    public synchronized Optional<TrainingRun> find(String name) {
        Entry entry = runs.get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.run);
    }

    /**
     * Describes the run kept under {@code name} as it is now.
     *
     * @param name the run's name
     * @return its description, or empty if none is kept under that name
     */
    public synchronized Optional<RunInfo> info(String name) {
        Entry entry = runs.get(name);
        return entry == null ? Optional.empty() : Optional.of(RunInfo.of(name, entry.run, entry.result));
    }

    /**
     * Describes every kept run as it is now, oldest first.
     *
     * @return a new list
     */
    public synchronized List<RunInfo> list() {
        List<RunInfo> infos = new ArrayList<>();
        runs.forEach((name, entry) -> infos.add(RunInfo.of(name, entry.run, entry.result)));
        return infos;
    }

    /**
     * Cancels the run kept under {@code name} ({@link TrainingRun#cancel()}); an ended run stays as it ended.
     *
     * @param name the run's name
     * @return the run's description once cancelled, or empty if no run is kept under that name
     */
    public synchronized Optional<RunInfo> cancel(String name) {
        Entry entry = runs.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        entry.run.cancel();
        return Optional.of(RunInfo.of(name, entry.run, entry.result));
    }

    /**
     * Calls {@code listener} with each run started from now on, after it started (the dashboard shows them so).
     *
     * @param listener called on the thread that started the run; must not block; an exception it throws is
     *                 logged, and the run goes on
     */
    public synchronized void onStart(BiConsumer<String, TrainingRun> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private synchronized List<BiConsumer<String, TrainingRun>> listeners() {
        return List.copyOf(listeners);
    }

    private static final class Entry {
        final TrainingRun run;
        volatile TrainingResult result;

        Entry(TrainingRun run) {
            this.run = run;
        }
    }
}
