package dev.backflux.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The progress plugin on steps handed to it one by one, drawing on a virtual-time scheduler whose clock is
 * also its clock, into a captured stream.
 */
class ProgressPluginTests {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(captured, true, StandardCharsets.UTF_8);
    private final List<Publisher<?>> pending = new ArrayList<>();
    private final List<TrainingStep> received = new ArrayList<>();
    private boolean terminal;

    @Test
    void whereStandardErrorIsNotATerminalEachIntervalPrintsOnePlainLine() {
        Sinks.Many<TrainingStep> steps = start(Map.of("interval", "500ms"), 5_000);
        emit(steps, 0, 1_000);
        time.advanceTimeBy(Duration.ofMillis(500));
        emit(steps, 1_000, 2_000);
        time.advanceTimeBy(Duration.ofMillis(500));
        time.advanceTimeBy(Duration.ofMillis(500)); // no new step: no line
        emit(steps, 2_000, 2_500);
        steps.tryEmitComplete();

        assertEquals(List.of(
                "step 1000/5000 (20.0%) error 0.000999 2,000 steps/s eta 0:00:02",
                "step 2000/5000 (40.0%) error 0.001999 2,000 steps/s eta 0:00:02",
                "step 2500/5000 (50.0%) error 0.002499 1,667 steps/s eta 0:00:02"), lines());
        assertFalse(text().contains("\r"), text());
        assertEquals(2_500, received.size());
    }

    @Test
    void aResumedRunIsCountedFromItsFirstStep() {
        Sinks.Many<TrainingStep> steps = start(Map.of("interval", "500ms"), 2_000);
        emit(steps, 10_000, 11_000);
        time.advanceTimeBy(Duration.ofMillis(500));
        emit(steps, 11_000, 12_000);
        steps.tryEmitComplete();

        assertEquals(List.of(
                "step 1000/2000 (50.0%) error 0.010999 2,000 steps/s eta 0:00:01",
                "step 2000/2000 (100.0%) error 0.011999 4,000 steps/s eta 0:00:00"), lines());
    }

    @Test
    void theErrorShownIsTheErrorOfTheStepShownNotOfTheFirstStep() {
        terminal = true;
        Sinks.Many<TrainingStep> steps = start(Map.of("interval", "500ms", "width", 200L), 5_000);
        for (long step = 0; step < 1_000; step++) {
            steps.tryEmitNext(new ErrorStep(step, 1.0 / (step + 1)));
        }
        time.advanceTimeBy(Duration.ofMillis(500));

        String bar = text();
        assertTrue(bar.contains("1000/5000 steps"), bar);
        assertTrue(bar.contains(" error 0.001000 2,000 steps/s eta 0:00:02"), bar);
        assertFalse(bar.contains("error 1.000000"), bar);
        steps.tryEmitComplete();
    }

    @Test
    void theRateIsTheStepsOverTheElapsedNanosecondsAndTheTimeLeftFollowsIt() {
        Sinks.Many<TrainingStep> steps = start(Map.of("interval", "250ms", "output", "lines"), 5_000);
        emit(steps, 0, 1_000);
        time.advanceTimeBy(Duration.ofMillis(250));
        steps.tryEmitComplete();

        assertEquals(List.of("step 1000/5000 (20.0%) error 0.000999 4,000 steps/s eta 0:00:01"), lines());
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndEndedByOneLineBreak() {
        terminal = true;
        Sinks.Many<TrainingStep> steps = start(Map.of("interval", "250ms", "width", 200L), 5_000);
        emit(steps, 0, 1_000);
        time.advanceTimeBy(Duration.ofMillis(250));
        String drawn = text();
        emit(steps, 1_000, 5_000);
        time.advanceTimeBy(Duration.ofMillis(250));
        steps.tryEmitComplete();

        // The library's first drawing, then this plugin's, each over the last.
        List<String> drawings = List.of(drawn.split("\r", -1));
        assertEquals(3, drawings.size(), drawn);
        assertEquals("", drawings.get(0));
        assertTrue(drawings.get(1).matches("Training   0% \\[ +\\]    0/5000 steps \\(0:00:0\\d\\) "), drawn);
        assertTrue(drawings.get(2).matches("Training  20% \\[=+ +\\] 1000/5000 steps \\(0:00:0\\d\\) "
                + "error 0\\.000999 4,000 steps/s eta 0:00:01"), drawn);
        String all = text();
        assertTrue(all.startsWith(drawn), all);
        String last = all.substring(all.lastIndexOf('\r') + 1);
        assertTrue(last.matches("Training 100% \\[=+\\] 5000/5000 steps \\(0:00:0\\d\\) "
                + "error 0\\.004999 10,000 steps/s eta 0:00:00\n"), all);
        assertEquals(all.length() - 1, all.indexOf('\n'), all);
    }

    @Test
    void linesAreWrittenWhenAskedForEvenOnATerminal() {
        terminal = true;
        Sinks.Many<TrainingStep> steps = start(Map.of("interval", "1s", "output", "lines"), 10);
        emit(steps, 0, 10);
        steps.tryEmitComplete();

        assertEquals("step 10/10 (100.0%) error 0.000009 ? steps/s eta ?\n", text());
    }

    @Test
    void aBarIsDrawnWhenAskedForEvenWhereStandardErrorIsNotATerminal() {
        Sinks.Many<TrainingStep> steps = start(Map.of("interval", "1s", "output", "bar"), 10);
        emit(steps, 0, 10);
        time.advanceTimeBy(Duration.ofSeconds(1));
        steps.tryEmitComplete();

        assertTrue(text().contains("\rTraining 100% ["), text());
    }

    @Test
    void theRunCompletesOnlyOnceTheLastStepIsWritten() {
        Sinks.Many<TrainingStep> steps = start(Map.of("interval", "1s"), 100);
        AtomicReference<String> writtenAtCompletion = new AtomicReference<>();
        assertEquals(1, pending.size());
        Flux.from(pending.get(0)).doOnComplete(() -> writtenAtCompletion.set(text())).subscribe();
        emit(steps, 0, 40);
        time.advanceTimeBy(Duration.ofMillis(500));
        assertNull(writtenAtCompletion.get());

        steps.tryEmitComplete();

        assertEquals("step 40/100 (40.0%) error 0.000039 80.0 steps/s eta 0:00:01\n", writtenAtCompletion.get());
    }

    @Test
    void aRealRunWithStandardErrorCapturedWritesPlainLinesEndingAtItsLastStep() {
        PrintStream original = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        long steps;
        try {
            steps = Xor.training(Network.of(3, 4, 1), 3_000)
                    .plugin("progress", Map.of("interval", "10ms", "output", "lines"))
                    .build().flux().count().block();
        } finally {
            System.setErr(original);
        }

        assertEquals(3_000, steps);
        String text = stderr.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), text);
        String[] lines = text.split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.matches("step 3000/3000 \\(100\\.0%\\) error 0\\.\\d{6} [\\d,.]+ steps/s eta 0:00:00"), text);
    }

    /** Applies a plugin drawing on virtual time to a stream of steps the test emits, and subscribes. */
    private Sinks.Many<TrainingStep> start(Map<String, ?> options, long requested) {
        ProgressPlugin plugin = new ProgressPlugin(() -> err, time, () -> time.now(TimeUnit.NANOSECONDS),
                () -> terminal);
        Sinks.Many<TrainingStep> steps = Sinks.many().unicast().onBackpressureBuffer();
        plugin.apply(steps.asFlux(), context(plugin, options, requested)).subscribe(received::add);
        return steps;
    }

    /** Emits steps {@code from} to {@code to - 1}, each with the error {@code step / 10⁶}. */
    private static void emit(Sinks.Many<TrainingStep> steps, long from, long to) {
        for (long step = from; step < to; step++) {
            steps.tryEmitNext(new ErrorStep(step, step / 1e6));
        }
    }

    private String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines() {
        return Arrays.stream(text().split("\n")).filter(line -> !line.isEmpty()).collect(Collectors.toList());
    }

    /**
     * What the plugin reads of a run (its options and requested steps) and how it holds the run's completion;
     * a proxy, so that it does not depend on the rest of the interface.
     */
    private PluginContext context(ProgressPlugin plugin, Map<String, ?> options, long requested) {
        PluginOptions checked = PluginOptions.of(plugin, options);
        return (PluginContext) Proxy.newProxyInstance(PluginContext.class.getClassLoader(),
                new Class<?>[] {PluginContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "options":
                            return checked;
                        case "steps":
                            return requested;
                        case "completeAfter":
                            pending.add((Publisher<?>) args[0]);
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
