package dev.backflux.engine;

import dev.backflux.testing.Tutorial;
import dev.backflux.testing.CapturedLog;
import dev.backflux.testing.CountingActivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backflux.api.Activation;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Selecting plugins by id, in code and through configuration keys, with options checked at assembly. */
class PluginSelectionTests {

    private Training.Builder builder() {
        return Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(100).configuration(Map.of());
    }

    @Test
    void aPluginSelectedInCodeGetsItsTypedOptions() {
        List<TrainingStep> steps = builder().plugin("stop-at", Map.of("step", 4L)).build().flux().collectList().block();

        assertEquals(5, steps.size());
    }

    @Test
    void optionsMayBeGivenAsStringsOrAsOtherWholeNumbers() {
        assertEquals(3, builder().plugin("stop-at", Map.of("step", "2")).build().flux().count().block());
        assertEquals(7, builder().plugin("stop-at", Map.of("step", 6)).build().flux().count().block());
    }

    @Test
    void anUnknownOptionNameFailsAtAssemblyListingTheOptions() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> builder().plugin("stop-at", Map.of("stpe", 4L)).build());

        assertEquals("stop-at: unknown option 'stpe'; expected one of [step]", error.getMessage());
    }

    @Test
    void aBadOptionValueFailsAtAssemblyNamingThePluginTheOptionAndTheAcceptedValues() {
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> builder().plugin("stop-at", Map.of("step", "soon")).build());
        assertEquals("stop-at: option 'step': expected an integer in [0, 9223372036854775807], actual 'soon'",
                text.getMessage());

        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> builder().plugin("stop-at", Map.of("step", -1L)).build());
        assertEquals("stop-at: option 'step': expected an integer in [0, 9223372036854775807], actual -1 (Long)",
                negative.getMessage());
    }

    @Test
    void theConfigurationSelectsPluginsAndOverridesTheirOptions() {
        Training training = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(100)
                .plugin("stop-at", Map.of("step", 50L))
                .configuration(Map.of("backflux.plugins", " failing , stop-at", "backflux.stop-at.step", "2",
                        "backflux.failing.at", "90", "unrelated.key", "x"))
                .build();

        assertEquals(List.of("stop-at", "failing"), training.plugins());
        assertEquals(3, training.flux().count().block());
    }

    @Test
    void systemPropertiesSelectPluginsWithoutCodeChanges() {
        System.setProperty("backflux.plugins", "stop-at");
        System.setProperty("backflux.stop-at.step", "8");
        try {
            assertEquals(9, Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 100).count().block());
        } finally {
            System.clearProperty("backflux.plugins");
            System.clearProperty("backflux.stop-at.step");
        }
        assertEquals(100, Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 100).count().block());
    }

    @Test
    void configurationKeysForUnknownPluginsOrOfTheWrongShapeFail() {
        assertEquals("backflux.stop-att.step: unknown plugin id 'stop-att'; available: [closing, failing, pending, repeat, sigmoid, stop-at]",
                assertThrows(IllegalArgumentException.class, () -> builder()
                        .configuration(Map.of("backflux.stop-att.step", "3")).build()).getMessage());
        assertEquals("backflux.stopat: expected backflux.plugins or backflux.<plugin id>.<option>, actual 'backflux.stopat'",
                assertThrows(IllegalArgumentException.class, () -> builder()
                        .configuration(Map.of("backflux.stopat", "3")).build()).getMessage());
    }

    @Test
    void configuredOptionsOfAPluginTheRunDoesNotSelectAreCheckedToo() {
        assertEquals("stop-at: option 'step': expected an integer in [0, 9223372036854775807], actual 'x'",
                assertThrows(IllegalArgumentException.class, () -> builder()
                        .configuration(Map.of("backflux.stop-at.step", "x")).build()).getMessage());
    }

    @Test
    void aPluginGivenAsAnInstanceTakesThePlaceOfTheDiscoveredOneForThatRunOnly() {
        List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        StopAtPlugin watching = new StopAtPlugin() {
            @Override
            public reactor.core.publisher.Flux<TrainingStep> apply(reactor.core.publisher.Flux<TrainingStep> steps,
                                                                   dev.backflux.api.spi.PluginContext context) {
                return super.apply(steps.doOnNext(step -> seen.add(step.step())), context);
            }
        };

        Training training = builder().plugin(watching, Map.of("step", 3L)).build();

        assertEquals(List.of("stop-at"), training.plugins());
        assertEquals(4, training.flux().count().block());
        assertEquals(List.of(0L, 1L, 2L, 3L), seen);
        seen.clear();
        assertEquals(5, builder().plugin("stop-at", Map.of("step", 4L)).build().flux().count().block());
        assertEquals(List.of(), seen);
    }

    @Test
    void aPluginGivenAsAnInstanceNeedNotBeDiscoveredAndTakesConfiguredOptions() {
        StopAtPlugin undiscovered = new StopAtPlugin() {
            @Override
            public String id() {
                return "stop-at-instance";
            }
        };

        Training training = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(100)
                .configuration(Map.of("backflux.stop-at-instance.step", "2"))
                .plugin(undiscovered, Map.of()).build();

        assertEquals(3, training.flux().count().block());
        assertEquals(Map.of("step", "2"), training.pluginOptions().get("stop-at-instance"));
    }

    @Test
    void aPluginInstanceWithABadIdOrTwiceTheSameIdIsRejected() {
        StopAtPlugin badId = new StopAtPlugin() {
            @Override
            public String id() {
                return "Stop At";
            }
        };
        assertEquals("plugin: expected an id of lower-case words joined by hyphens, actual 'Stop At' ("
                        + badId.getClass().getName() + ")",
                assertThrows(IllegalArgumentException.class, () -> builder().plugin(badId, Map.of()).build())
                        .getMessage());
        assertEquals("plugin: expected each id once, actual 'stop-at' twice",
                assertThrows(IllegalArgumentException.class,
                        () -> builder().plugin("stop-at").plugin(new StopAtPlugin(), Map.of())).getMessage());
        StopAtPlugin noId = new StopAtPlugin() {
            @Override
            public String id() {
                return null;
            }
        };
        assertEquals("plugin: expected a plugin whose id() is not null, actual null from " + noId.getClass().getName(),
                assertThrows(NullPointerException.class, () -> builder().plugin(noId, Map.of())).getMessage());
    }

    @Test
    void anActivationPluginSuppliesTheRunsActivation() {
        Training training = builder().plugin("sigmoid").build();

        assertSame(Activation.sigmoid(), training.network().activation());
        assertEquals(List.of("sigmoid"), training.plugins());
        assertSame(Activation.sigmoid(), training.flux().blockLast().network().activation());
    }

    @Test
    void aNetworkWithItsOwnActivationAndAnActivationPluginIsRejected() {
        Activation counting = new CountingActivation(2);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Trainer.training(Network.builder().layerSizes(3, 4, 1).activation(counting).build(), Tutorial.XOR)
                        .steps(10).plugin("sigmoid").configuration(Map.of()).build());

        assertEquals("activation: expected the network's own activation or an activation plugin, actual both: "
                + counting + " and plugin 'sigmoid'", error.getMessage());
    }

    @Test
    void anExplicitSigmoidMeetingAnActivationPluginIsRejectedToo() {
        // The default sigmoid and an explicit one are the same object: the network remembers which it has.
        Network explicit = Network.builder().layerSizes(3, 4, 1).activation(Activation.sigmoid()).build();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Trainer.training(explicit, Tutorial.XOR).steps(10).plugin("sigmoid").configuration(Map.of())
                        .build());

        assertEquals("activation: expected the network's own activation or an activation plugin, actual both: "
                + Activation.sigmoid() + " and plugin 'sigmoid'", error.getMessage());
        assertTrue(Network.of(3, 4, 1).hasDefaultActivation());
        assertFalse(explicit.hasDefaultActivation());
        assertFalse(explicit.toBuilder().build().hasDefaultActivation(), "a derived network keeps the choice");
    }

    @Test
    void optionsForAPluginTheRunDoesNotSelectAreCheckedThenReportedAsDoingNothing() {
        try (CapturedLog log = new CapturedLog(PluginSelection.class, ch.qos.logback.classic.Level.WARN)) {
            builder().configuration(Map.of("backflux.stop-at.step", "5")).build();

            assertEquals("WARN Options [backflux.stop-at.step] are set for plugin 'stop-at', which this run does not"
                    + " select, so they do nothing; select it in code or add it to backflux.plugins", log.text());
        }
        assertEquals("stop-at: option 'step': expected an integer in [0, 9223372036854775807], actual 'x'",
                assertThrows(IllegalArgumentException.class,
                        () -> builder().configuration(Map.of("backflux.stop-at.step", "x")).build()).getMessage(),
                "a bad value fails even so");
    }

    @Test
    void aNetworkWhoseStepCannotFitInTheHeapFailsAtBuildWithTheEstimate() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        // 3-h-1 holds 4h weights, twice (before and after an update): 64h bytes exceed the heap.
        int hidden = (int) (maxHeap / 64 + 1);
        Network tooBig = Network.of(3, hidden, 1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Trainer.training(tooBig, Tutorial.XOR).steps(10).configuration(Map.of()).build());

        assertTrue(error.getMessage().startsWith("network: expected a step that fits in the JVM's maximum heap"
                + " (Runtime.maxMemory() = "), error.getMessage());
        assertTrue(error.getMessage().contains("actual an estimated "), error.getMessage());
        assertTrue(StepMemory.estimate(tooBig, Tutorial.XOR) > maxHeap);
        assertTrue(StepMemory.estimate(Network.of(3, 4, 1), Tutorial.XOR) < 1_000, "the tutorial's step is tiny");
        // 2-3-1 on 4 examples: weights 9, twice; 4 units by 4 examples, 3 arrays each; the validation pass of 5
        // examples (20 doubles) comes after the step: 18 + 48 + 20 doubles.
        TrainingData withValidation = TrainingData.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
                new double[][] {{0}, {1}, {1}, {0}}).withValidation(
                new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 1}}, new double[][] {{0}, {1}, {1}, {0}, {0}});
        assertEquals(86 * Double.BYTES, StepMemory.estimate(Network.of(2, 3, 1), withValidation));
    }

    @Test
    void aSystemPropertyForAnUnknownPluginIsLoggedOnceAndIgnored() {
        System.setProperty("backflux.somebody-elses.setting", "1");
        try (CapturedLog log = new CapturedLog(PluginSelection.class, ch.qos.logback.classic.Level.WARN)) {
            assertEquals(5, Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 5).count().block());
            assertEquals(5, Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 5).count().block());
            assertEquals("WARN Ignoring system property backflux.somebody-elses.setting: unknown plugin id"
                    + " 'somebody-elses'; available: [closing, failing, pending, repeat, sigmoid, stop-at]", log.text());
        } finally {
            System.clearProperty("backflux.somebody-elses.setting");
        }
    }

    @Test
    void theKernelsSystemPropertyIsTheEnginesOwnNotAPluginsOption() {
        // engine/pom.xml sets backflux.kernels=java for this suite.
        assertEquals("java", System.getProperty("backflux.kernels"));
        try (CapturedLog log = new CapturedLog(PluginSelection.class, ch.qos.logback.classic.Level.WARN)) {
            assertEquals(5, Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 5).count().block());
            assertEquals("", log.text());
        }
    }

    @Test
    void noProviderFailedToLoadOnThisPath() {
        assertEquals(List.of(), Trainer.pluginProblems());
    }

    @Test
    void aPluginSelectedTwiceInCodeIsRejected() {
        assertEquals("plugin: expected each id once, actual 'stop-at' twice",
                assertThrows(IllegalArgumentException.class,
                        () -> builder().plugin("stop-at").plugin("stop-at", Map.of("step", 3L))).getMessage());
    }

    @Test
    void aMissingStepCountIsRejectedAtBuild() {
        assertEquals("steps: expected at least 1, actual none: call steps(...)",
                assertThrows(IllegalStateException.class,
                        () -> Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).build()).getMessage());
    }
}
