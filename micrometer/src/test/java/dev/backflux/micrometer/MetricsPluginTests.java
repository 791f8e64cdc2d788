package dev.backflux.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.PluginFailureException;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.StepPlugin;
import dev.backflux.testing.Tutorial;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The {@code metrics} plugin's meters, checked against the steps each run published. */
class MetricsPluginTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Training.Builder xor(long steps, Map<String, ?> options) {
        return Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(steps).configuration(Map.of())
                .plugin(new MetricsPlugin(registry), options);
    }

    private Search run(String name) {
        return registry.find(MetricsPlugin.STEPS).tag(MetricsPlugin.RUN_TAG, name);
    }

    private List<Meter> runMeters() {
        return registry.getMeters().stream().filter(meter -> meter.getId().getTag(MetricsPlugin.RUN_TAG) != null)
                .collect(Collectors.toList());
    }

    private double ended(String reason) {
        var counter = registry.find(MetricsPlugin.ENDED).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void eachStepsMetersShowThatStepWhileTheRunRunsAndAreRemovedAtItsEnd() {
        List<String> mismatches = new CopyOnWriteArrayList<>();
        TrainingResult result = xor(500, Map.of("name", "tutorial")).build().result(steps -> steps.doOnNext(step -> {
            double error = registry.get(MetricsPlugin.ERROR).tags("run", "tutorial", "data", "training").gauge().value();
            double index = registry.get(MetricsPlugin.STEP).tag("run", "tutorial").gauge().value();
            double count = registry.get(MetricsPlugin.STEPS).tag("run", "tutorial").counter().count();
            long timed = registry.get(MetricsPlugin.STEP_TIME).tag("run", "tutorial").timer().count();
            double active = registry.get(MetricsPlugin.ACTIVE).gauge().value();
            if (error != step.meanAbsoluteError() || index != step.step() || count != step.step() + 1
                    || timed != step.step() + 1 || active != 1) {
                mismatches.add("step " + step.step() + ": error " + error + " vs " + step.meanAbsoluteError()
                        + ", step " + index + ", steps " + count + ", timed " + timed + ", active " + active);
            }
        })).block(WAIT);

        assertEquals(TrainingResult.Reason.COMPLETED, result.reason());
        assertEquals(List.of(), mismatches);
        assertEquals(List.of(), runMeters());
        assertEquals(1, ended("completed"));
        assertEquals(0, registry.get(MetricsPlugin.ACTIVE).gauge().value());
    }

    @Test
    void theStepTimeIsTheTimeFromOneStepToTheNext() {
        List<Double> totals = new ArrayList<>();
        xor(200, Map.of("name", "timed")).build().result(steps -> steps.doOnNext(step -> totals.add(
                registry.get(MetricsPlugin.STEP_TIME).tag("run", "timed").timer().totalTime(
                        java.util.concurrent.TimeUnit.NANOSECONDS)))).block(WAIT);

        assertEquals(200, totals.size());
        assertTrue(totals.get(0) > 0, "the first step took " + totals.get(0) + " ns from the start");
        for (int i = 1; i < totals.size(); i++) {
            assertTrue(totals.get(i) >= totals.get(i - 1), "the total time never decreases: " + totals);
        }
    }

    @Test
    void aRunWithValidationDataHasAValidationErrorGauge() {
        TrainingData data = Tutorial.XOR.withValidation(new double[][] {{1, 1, 1}}, new double[][] {{0}});
        List<String> mismatches = new CopyOnWriteArrayList<>();
        Trainer.training(Network.of(3, 4, 1), data).steps(50).configuration(Map.of())
                .plugin(new MetricsPlugin(registry), Map.of("name", "validated"))
                .build().result(steps -> steps.doOnNext(step -> {
                    double validation = registry.get(MetricsPlugin.ERROR).tags("run", "validated", "data", "validation")
                            .gauge().value();
                    if (validation != step.validationMeanAbsoluteError().orElseThrow()) {
                        mismatches.add(step.step() + ": " + validation);
                    }
                })).block(WAIT);

        assertEquals(List.of(), mismatches);
        assertEquals(List.of(), runMeters());
    }

    @Test
    void aRunWithoutValidationDataHasNoValidationGauge() {
        List<Object> found = new CopyOnWriteArrayList<>();
        xor(3, Map.of("name", "plain")).build().result(steps -> steps.doOnNext(step -> found.add(
                String.valueOf(registry.find(MetricsPlugin.ERROR).tag("data", "validation").gauge())))).block(WAIT);

        assertEquals(List.of("null", "null", "null"), found);
    }

    @Test
    void cancelledAndFailedRunsRemoveTheirMetersAndAreCountedByReason() {
        TrainingRun run = xor(Long.MAX_VALUE, Map.of("name", "endless")).build().start();
        StepVerifier.create(run.steps().take(3)).expectNextCount(3).expectComplete().verify(WAIT);
        assertNotNull(run("endless").counter());
        run.cancel();
        assertEquals(TrainingResult.Reason.CANCELLED, run.result().block(WAIT).reason());

        StepPlugin failing = new StepPlugin() {
            @Override
            public String id() {
                return "fail-at-3";
            }

            @Override
            public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
                return steps.doOnNext(step -> {
                    if (step.step() == 3) {
                        throw new IllegalStateException("deliberate failure at step 3");
                    }
                });
            }
        };
        TrainingResult failed = xor(10, Map.of("name", "failing")).plugin(failing, Map.of()).build().result()
                .block(WAIT);
        assertEquals(TrainingResult.Reason.FAILED, failed.reason(), failed.condition());

        assertEquals(List.of(), runMeters());
        assertEquals(1, ended("cancelled"));
        assertEquals(1, ended("failed"));
    }

    @Test
    void aNameInUseByARunThatHasNotEndedFailsTheSecondRunNamingThePlugin() {
        TrainingRun first = xor(Long.MAX_VALUE, Map.of("name", "shared")).build().start();
        StepVerifier.create(first.steps().take(1)).expectNextCount(1).expectComplete().verify(WAIT);

        TrainingResult second = xor(10, Map.of("name", "shared")).build().result().block(WAIT);

        assertEquals(TrainingResult.Reason.FAILED, second.reason());
        PluginFailureException error = assertInstanceOf(PluginFailureException.class, second.error().orElseThrow());
        assertTrue(error.getMessage().contains("metrics"), error.getMessage());
        assertTrue(error.getMessage().contains("name: expected a name no running run of this registry uses, actual"
                + " 'shared', in use by a run that has not ended"), error.getMessage());
        assertNotNull(run("shared").counter(), "the first run keeps its meters");

        first.cancel();
        first.result().block(WAIT);
        assertEquals(TrainingResult.Reason.COMPLETED, xor(5, Map.of("name", "shared")).build().result().block(WAIT)
                .reason(), "the name is free again once the run has ended");
    }

    @Test
    void runsWithoutANameGetNamesOfTheirOwnSkippingNamesInUse() {
        TrainingRun taken = xor(Long.MAX_VALUE, Map.of("name", "run-" + (peekNextDefault() + 1))).build().start();
        List<TrainingRun> unnamed = new ArrayList<>();
        try {
            StepVerifier.create(taken.steps().take(1)).expectNextCount(1).expectComplete().verify(WAIT);
            for (int i = 0; i < 3; i++) {
                TrainingRun run = xor(Long.MAX_VALUE, Map.of()).build().start();
                unnamed.add(run);
                StepVerifier.create(run.steps().take(1)).expectNextCount(1).expectComplete().verify(WAIT);
            }
            List<String> names = registry.find(MetricsPlugin.STEPS).counters().stream()
                    .map(counter -> counter.getId().getTag(MetricsPlugin.RUN_TAG)).sorted()
                    .collect(Collectors.toList());

            assertEquals(4, names.size(), names.toString());
            assertEquals(4, names.stream().distinct().count(), names.toString());
            assertTrue(names.stream().allMatch(name -> name.matches("run-\\d+")), names.toString());
            assertEquals(4.0, registry.get(MetricsPlugin.ACTIVE).gauge().value());
        } finally {
            taken.cancel();
            unnamed.forEach(TrainingRun::cancel);
        }
    }

    /** The number of the last default name handed out, read by claiming and releasing one. */
    private long peekNextDefault() {
        String probe = RunNames.claim(registry, null);
        RunNames.release(registry, probe);
        return Long.parseLong(probe.substring("run-".length()));
    }

    @Test
    void tenThousandRunsLeaveNoMeterBehind() {
        xor(2, Map.of("name", "warm-up")).build().result().block(WAIT);
        int meters = registry.getMeters().size();

        for (int i = 0; i < 10_000; i++) {
            xor(2, Map.of("name", "run " + i)).build().result().block(WAIT);
        }

        assertEquals(meters, registry.getMeters().size(), () -> registry.getMeters().stream()
                .map(meter -> meter.getId().toString()).limit(20).collect(Collectors.joining("\n")));
        assertEquals(10_001, ended("completed"));
    }

    @Test
    void foundByIdItRegistersToMicrometersGlobalRegistry() {
        MeterRegistry global = new SimpleMeterRegistry();
        Metrics.addRegistry(global);
        try {
            List<Double> counts = new CopyOnWriteArrayList<>();
            Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(4)
                    .configuration(Map.of("backflux.plugins", "metrics", "backflux.metrics.name", "global"))
                    .build().result(steps -> steps.doOnNext(step -> counts.add(
                            global.get(MetricsPlugin.STEPS).tag("run", "global").counter().count())))
                    .block(WAIT);

            assertEquals(List.of(1.0, 2.0, 3.0, 4.0), counts);
            assertNull(global.find(MetricsPlugin.STEPS).tag("run", "global").counter());
        } finally {
            Metrics.removeRegistry(global);
        }
    }

    @Test
    void badInputIsRefusedNamingTheArgument() {
        assertEquals("registry", assertThrows(NullPointerException.class, () -> new MetricsPlugin(null)).getMessage());
        assertEquals("metrics: option 'name': expected a text of 1 to 200 characters, not blank, without control"
                        + " characters, actual ' '",
                assertThrows(IllegalArgumentException.class, () -> xor(5, Map.of("name", " ")).build()).getMessage());
    }
}
