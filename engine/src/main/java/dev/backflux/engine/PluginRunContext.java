package dev.backflux.engine;

import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;

/** What one plugin sees of one run, and how it reports back to the run's record and end. */
final class PluginRunContext implements PluginContext {

    private final String pluginId;
    private final PluginOptions options;
    private final ConfiguredTraining training;
    private final RunRecord record;
    private final RunEnd end;

    PluginRunContext(String pluginId, PluginOptions options, ConfiguredTraining training, RunRecord record,
                     RunEnd end) {
        this.pluginId = pluginId;
        this.options = options;
        this.training = training;
        this.record = record;
        this.end = end;
    }

    @Override
    public PluginOptions options() {
        return options;
    }

    @Override
    public Network network() {
        return training.network();
    }

    @Override
    public TrainingData data() {
        return training.data();
    }

    @Override
    public long steps() {
        return training.steps();
    }

    @Override
    public Duration elapsed() {
        return end.elapsed();
    }

    @Override
    public void stop(long step, String condition) {
        Objects.requireNonNull(condition, "condition");
        record.stopped(new RunRecord.Stop(pluginId, step, condition));
    }

    @Override
    public void restore(TrainingStep step) {
        record.restored(Objects.requireNonNull(step, "step"));
    }

    @Override
    public void completeAfter(Publisher<?> pending) {
        end.pending().add(pluginId, Objects.requireNonNull(pending, "pending"));
    }

    @Override
    public void onEnd(Consumer<TrainingResult> listener) {
        end.onEnd(pluginId, Objects.requireNonNull(listener, "listener"));
    }
}
