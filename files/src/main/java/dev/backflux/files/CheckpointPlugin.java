package dev.backflux.files;

import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOption;
import dev.backflux.api.spi.PluginOptions;
import dev.backflux.api.spi.StepPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;

/**
 * The {@code checkpoint} plugin: saves the network ({@link NetworkFile}) into a directory while a run trains, every
 * {@code every} steps, every {@code every-duration}, whenever the monitored error improves ({@code on-improvement}),
 * and at the end ({@code at-end}); it keeps the newest {@code keep} files, named
 * {@code checkpoint-<step, 12 digits>.json}, so that the newest is the one with the highest step.
 *
 * <p><b>Nothing lost in a crash.</b> Each file is written to a temporary file in the same directory, forced to disk,
 * then moved over its name atomically: whatever moment the process dies at, every {@code checkpoint-*.json} in the
 * directory is whole (a test kills a checkpointing JVM with SIGKILL at 30 moments and loads every file). A temporary
 * file left by a crash ({@code .checkpoint-*.tmp}) is never read; the next run of the directory removes it.
 *
 * <p><b>Threads.</b> The training thread never touches the disk: steps due for a checkpoint go to one
 * {@code boundedElastic} worker that writes them in order. When the disk is slower than the checkpoints come, the
 * worker writes the newest one waiting and skips the older (a slow disk delays checkpoints, it never fills memory);
 * the one at the end is always written. The run's end waits for the writes.
 *
 * <p><b>Failures.</b> {@code build()} fails, naming the option, the directory and the cause, when the directory
 * cannot be created or written. A write that fails during the run (a full disk, a directory removed) ends the run as
 * {@code FAILED} with a {@link dev.backflux.api.PluginFailureException} naming {@code checkpoint}, whose message gives
 * the file and the cause; the run stops at its next step.
 */
public final class CheckpointPlugin implements StepPlugin {

    /** The directory to write into; created if missing. */
    static final PluginOption<Path> DIRECTORY = PluginOption.path("directory",
            "the directory the checkpoints go into (created if missing)", null);

    /** Every this many steps. */
    static final PluginOption<Long> EVERY = PluginOption.integer("every",
            "save the network every this many steps", null, 1, Long.MAX_VALUE);

    /** Every this long. */
    static final PluginOption<Duration> EVERY_DURATION = PluginOption.duration("every-duration",
            "save the network when this long has passed since the last checkpoint", null);

    /** Whenever the monitored error improves. */
    static final PluginOption<Boolean> ON_IMPROVEMENT = PluginOption.flag("on-improvement",
            "save the network whenever the validation error (else the training error) is the lowest so far", false);

    /** At the end of the run. */
    static final PluginOption<Boolean> AT_END = PluginOption.flag("at-end",
            "save the last step's network when the run ends, however it ends", true);

    /** How many files to keep. */
    static final PluginOption<Long> KEEP = PluginOption.integer("keep",
            "keep the newest this many checkpoints, delete older ones", 5L, 1, Integer.MAX_VALUE);

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public CheckpointPlugin() {
    }

    @Override
    public String id() {
        return "checkpoint";
    }

    @Override
    public String description() {
        return "Saves the network to a directory while the run trains (every N steps, every duration, on"
                + " improvement, at the end), crash-safe, off the training thread.";
    }

    @Override
    public List<PluginOption<?>> options() {
        return List.of(DIRECTORY, EVERY, EVERY_DURATION, ON_IMPROVEMENT, AT_END, KEEP);
    }

    /** Fails unless the directory is set and can be created and written. */
    @Override
    public void check(PluginOptions options, Network network, TrainingData data) {
        Optional<Path> directory = options.find(DIRECTORY);
        if (directory.isEmpty()) {
            throw new IllegalArgumentException(id() + ": option '" + DIRECTORY.name() + "': expected a directory,"
                    + " actual none");
        }
        Path path = directory.get().toAbsolutePath();
        try {
            Files.createDirectories(path);
            Path probe = Files.createTempFile(path, ".checkpoint-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(id() + ": option '" + DIRECTORY.name() + "': expected a directory"
                    + " that can be created and written, actual '" + path + "': " + e, e);
        }
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        PluginOptions options = context.options();
        Checkpoints checkpoints = new Checkpoints(options.get(DIRECTORY).toAbsolutePath(),
                (int) (long) options.get(KEEP), context.network(), context.data());
        context.completeAfter(checkpoints.written());
        Schedule schedule = new Schedule(options.find(EVERY).orElse(0L),
                options.find(EVERY_DURATION).map(Duration::toNanos).orElse(0L),
                options.get(ON_IMPROVEMENT), options.get(AT_END));
        return steps
                .doOnSubscribe(subscription -> checkpoints.start())
                .<TrainingStep>handle((step, sink) -> {
                    IOException failure = checkpoints.failure();
                    if (failure != null) {
                        sink.error(failure);
                        return;
                    }
                    if (schedule.due(step, System.nanoTime())) {
                        checkpoints.save(step);
                    }
                    sink.next(step);
                })
                .doOnTerminate(() -> checkpoints.end(schedule.last()))
                .doOnCancel(() -> checkpoints.end(schedule.last()));
    }
}
