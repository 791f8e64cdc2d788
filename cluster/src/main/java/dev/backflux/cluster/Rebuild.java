package dev.backflux.cluster;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import reactor.core.publisher.Mono;

/**
 * Rebuilds steps and results where they are watched: a step is recomputed by the engine from the weights before
 * its update, its index and the run's spec (one step of training, so every matrix it holds has the bits the
 * member computed), instead of sending its layers, errors and deltas, whose size grows with the data.
 */
final class Rebuild {

    private Rebuild() {
    }

    /** Recomputes step {@code item.step()} of the run {@code spec} describes; computed on the subscribing thread. */
    static Mono<TrainingStep> step(RunSpec spec, Codec.StepItem item) {
        return Mono.defer(() -> {
            Network network = spec.network(item.weightsBefore());
            Training.Builder builder = Trainer.training(network, spec.data()).firstStep(item.step()).steps(1)
                    .configuration(Map.of());
            if (!spec.activation().equals(RunSpec.DEFAULT_ACTIVATION)) {
                builder.plugin(spec.activation());
            }
            return builder.build().flux().last();
        });
    }

    /** Rebuilds a kept result: its last and best steps recomputed (once, when they are the same step). */
    static Mono<TrainingResult> result(RunSpec spec, Codec.ResultRecord record) {
        Mono<Optional<TrainingStep>> last = optionalStep(spec, record.last()).cache();
        boolean same = record.best().isPresent() && record.last().isPresent()
                && record.best().get().step() == record.last().get().step();
        Mono<Optional<TrainingStep>> best = same ? last : optionalStep(spec, record.best());
        return Mono.zip(last, best).map(steps -> new ClusterRunResult(record, steps.getT1(), steps.getT2()));
    }

    private static Mono<Optional<TrainingStep>> optionalStep(RunSpec spec, Optional<Codec.StepItem> item) {
        return item.isEmpty() ? Mono.just(Optional.empty()) : step(spec, item.get()).map(Optional::of);
    }

    /** A result kept by the cluster, with its steps recomputed. */
    static final class ClusterRunResult implements TrainingResult {

        private final Codec.ResultRecord record;
        private final Optional<TrainingStep> last;
        private final Optional<TrainingStep> best;

        ClusterRunResult(Codec.ResultRecord record, Optional<TrainingStep> last, Optional<TrainingStep> best) {
            this.record = record;
            this.last = last;
            this.best = best;
        }

        @Override
        public Reason reason() {
            return record.reason();
        }

        @Override
        public String condition() {
            return record.condition();
        }

        @Override
        public Optional<String> stoppedBy() {
            return record.stoppedBy().isEmpty() ? Optional.empty() : Optional.of(record.stoppedBy());
        }

        @Override
        public long stepsRun() {
            return record.stepsRun();
        }

        @Override
        public Optional<TrainingStep> lastStep() {
            return last;
        }

        @Override
        public Optional<TrainingStep> bestStep() {
            return best;
        }

        @Override
        public OptionalDouble bestError() {
            return record.bestError();
        }

        @Override
        public Duration elapsed() {
            return Duration.ofNanos(record.elapsedNanos());
        }

        @Override
        public Optional<Throwable> error() {
            return record.errorClass().isEmpty() ? Optional.empty()
                    : Optional.of(new ClusterRunException(record.errorClass() + ": " + record.errorMessage()));
        }

        @Override
        public OptionalDouble accuracy() {
            return record.accuracy();
        }

        @Override
        public OptionalDouble validationAccuracy() {
            return record.validationAccuracy();
        }

        @Override
        public String toString() {
            return reason() + ": " + condition() + " (" + stepsRun() + " steps"
                    + last.map(step -> ", final error " + step.meanAbsoluteError()).orElse("") + ")";
        }
    }
}
