package dev.backflux.spring;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.util.Locale;

/**
 * What the registry of runs says of one run, as the Actuator endpoint lists it.
 *
 * @param name the run's name in the registry
 * @param step the latest step's index, or {@code null} before the first step
 * @param error the latest step's mean absolute error, or {@code null} before the first step
 * @param state {@code running} or {@code ended}
 * @param reason how the run ended ({@code completed}, {@code stopped}, {@code cancelled}, {@code failed}), or
 *               {@code null} while it runs
 * @param condition why it ended, in words, or {@code null} while it runs
 */
public record RunInfo(String name, Long step, Double error, String state, String reason, String condition) {

    /** Describes a run as it is now: {@code result} is its result once it has ended, else {@code null}. */
    static RunInfo of(String name, TrainingRun run, TrainingResult result) {
        TrainingStep latest = run.latest().orElse(null);
        return new RunInfo(name, latest == null ? null : latest.step(),
                latest == null ? null : latest.meanAbsoluteError(), result == null ? "running" : "ended",
                result == null ? null : result.reason().name().toLowerCase(Locale.ROOT),
                result == null ? null : result.condition());
    }
}
