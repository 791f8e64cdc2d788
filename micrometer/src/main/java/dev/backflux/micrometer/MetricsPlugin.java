package dev.backflux.micrometer;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOption;
import dev.backflux.api.spi.StepPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;

/**
 * The {@code metrics} plugin: publishes each run as Micrometer meters tagged {@code run=<name>}, and removes them
 * when the run ends, however it ends.
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th><th>value</th></tr>
 * <tr><td>{@value #ERROR}</td><td>gauge</td><td>run, data=training (and data=validation when the run has
 *     validation data)</td><td>the latest step's mean absolute error</td></tr>
 * <tr><td>{@value #STEP}</td><td>gauge</td><td>run</td><td>the latest step's index</td></tr>
 * <tr><td>{@value #STEPS}</td><td>counter</td><td>run</td><td>the steps the run has published</td></tr>
 * <tr><td>{@value #STEP_TIME}</td><td>timer</td><td>run</td><td>the time from one step to the next (the first
 *     from the run's start)</td></tr>
 * <tr><td>{@value #ACTIVE}</td><td>gauge</td><td></td><td>the runs that have meters in the registry now</td></tr>
 * <tr><td>{@value #ENDED}</td><td>counter</td><td>reason=completed, stopped, cancelled or failed</td><td>the runs
 *     that ended, by how they ended</td></tr>
 * </table>
 *
 * <p>A run's meters exist while it runs, so its state is "running" while {@code run=<name>} meters exist, and
 * how it ended is counted in {@value #ENDED}: per-run meters kept after the end would grow without bound in a
 * service that trains for many users.
 *
 * <p><b>Which registry.</b> Options are plain values and cannot carry a registry, so the registry comes with the
 * plugin instance. Found by {@link java.util.ServiceLoader} (selected by id, {@code backflux.plugins=metrics}),
 * the plugin registers to Micrometer's global registry {@link Metrics#globalRegistry}, where an application adds
 * its own registries (and Spring Boot adds its registry by default). An application that holds its registry gives
 * the plugin as an instance beside the discovered ones:
 *
 * <pre>{@code
 * Trainer.training(network, data).steps(60_000)
 *         .plugin(new MetricsPlugin(registry), Map.of("name", "tutorial"))
 *         .build().start();
 * }</pre>
 *
 * <p>A run's name must not be in use by another run of the same registry that has not ended: the second run
 * fails at its start with a {@link dev.backflux.api.PluginFailureException} naming the plugin (two runs' values
 * under one set of tags would mix). Without a name, a run gets {@code run-1}, {@code run-2}, ... Registries are
 * told apart as objects: runs given an application's registry and runs of the discovered plugin, whose global
 * registry may contain that same registry (Spring Boot adds its registry to it by default), are checked apart;
 * give every run of an application the same plugin instance.
 */
public final class MetricsPlugin implements StepPlugin {

    /** The plugin's id. */
    public static final String ID = "metrics";
    /** The gauge of the latest step's mean absolute error, tagged {@code data=training} or {@code validation}. */
    public static final String ERROR = "backflux.run.error";
    /** The gauge of the latest step's index. */
    public static final String STEP = "backflux.run.step";
    /** The counter of the steps a run published. */
    public static final String STEPS = "backflux.run.steps";
    /** The timer of the time from one step to the next. */
    public static final String STEP_TIME = "backflux.run.step.time";
    /** The gauge of the runs that have meters now. */
    public static final String ACTIVE = "backflux.runs.active";
    /** The counter of the runs that ended, tagged {@code reason}. */
    public static final String ENDED = "backflux.runs.ended";
    /** The tag that names a run. */
    public static final String RUN_TAG = "run";

    /** The run's name: the value of its meters' {@code run} tag. */
    public static final PluginOption<String> NAME = PluginOption.text("name",
            "the run's name, the value of its meters' run tag; run-1, run-2, ... by default", null, 200);

    private final MeterRegistry registry;

    /** Creates the plugin as {@link java.util.ServiceLoader} does: bound to {@link Metrics#globalRegistry}. */
    public MetricsPlugin() {
        this(Metrics.globalRegistry);
    }

    /**
     * Creates the plugin bound to {@code registry}, to be given to a run with
     * {@code Training.Builder.plugin(Plugin, Map)}.
     *
     * @param registry where the runs' meters go
     * @throws NullPointerException if {@code registry} is {@code null}
     */
    public MetricsPlugin(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "publishes each run's error, steps and step time as Micrometer meters tagged with the run's name";
    }

    @Override
    public List<PluginOption<?>> options() {
        return List.of(NAME);
    }

    /**
     * Registers the run's meters under its name, updates them at each step and removes them when the run ends.
     *
     * @throws IllegalStateException if the name is in use by a run of this registry that has not ended
     */
    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        String name = RunNames.claim(registry, context.options().find(NAME).orElse(null));
        RunMeters meters;
        try {
            meters = RunMeters.register(registry, name, context.data().hasValidation(), context::elapsed);
        } catch (RuntimeException e) {
            RunNames.release(registry, name);
            throw e;
        }
        context.onEnd(result -> {
            try {
                meters.remove(result.reason());
            } finally {
                RunNames.release(registry, name);
            }
        });
        return steps.doOnNext(meters::record);
    }

    @Override
    public String toString() {
        return "MetricsPlugin[" + registry.getClass().getSimpleName() + "]";
    }
}
