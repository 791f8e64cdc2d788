package dev.backflux.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

class ExamplesTests {

    /** The tutorial's three-layer errors at steps 0, 10000, ..., 50000 (docs/tutorial.md). */
    private static final double[] PUBLISHED_ERRORS = {
        0.4964100319027255, 0.008584525653247152, 0.00578945986250781,
        0.004629176776769983, 0.00395876528027365, 0.0035101225678616783};

    /** The tutorial's two-layer output after training. */
    private static final double[] PUBLISHED_OUTPUT = {0.0096644916879683, 0.007865059671309264, 0.9935889804970555, 0.992119573219358};

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Examples.run(args, new PrintWriter(out, true), new PrintWriter(err, true));   // as main runs them
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void threeLayerPrintsTheSixPublishedErrorsThenItsOutput() {
        assertEquals(0, run("three-layer"));

        List<String> lines = lines();
        assertEquals(11, lines.size(), out.toString());
        for (int i = 0; i < 6; i++) {
            assertTrue(lines.get(i).startsWith("Error:"), lines.get(i));
            double printed = Double.parseDouble(lines.get(i).substring("Error:".length()));
            assertEquals(PUBLISHED_ERRORS[i], printed, 1e-12 * PUBLISHED_ERRORS[i], lines.get(i));
        }
        assertEquals("Output After Training:", lines.get(6));
        double[] expected = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], Double.parseDouble(lines.get(7 + i)), 0.01);
        }
    }

    @Test
    void twoLayerPrintsThePublishedOutput() {
        assertEquals(0, run("two-layer"));

        List<String> lines = lines();
        assertEquals("Output After Training:", lines.get(0));
        for (int i = 0; i < 4; i++) {
            assertEquals(PUBLISHED_OUTPUT[i], Double.parseDouble(lines.get(1 + i)), 1e-12 * PUBLISHED_OUTPUT[i]);
        }
    }

    @Test
    void predictShowsSeenAndUnseenInputsWithXorAnswers() {
        assertEquals(0, run("predict"));

        String text = out.toString();
        assertTrue(text.contains("Inputs it never saw:"), text);
        List<String> lines = lines();
        assertEquals("Inputs it trained on:", lines.get(0));
        assertTrue(lines.get(1).startsWith("  [0.0, 0.0, 1.0]") && lines.get(1).endsWith("-> 0.002606"), lines.get(1));
        assertTrue(lines.get(6).startsWith("  [0.9, 0.1, 1.0]"), lines.get(6));
        double unseen = Double.parseDouble(lines.get(6).substring(lines.get(6).indexOf("->") + 2).trim());
        assertTrue(unseen > 0.5, "a noisy (1, 0) is still XOR-true: " + unseen);
    }

    @Test
    void customPluginSaysWhichPluginStoppedTheRunAndShowsTheOutputs() {
        assertEquals(0, run("custom-plugin"));

        List<String> lines = lines();
        assertTrue(lines.get(0).startsWith("Training STOPPED by all-correct: every output is on the right side of 0.5"
                + " (at step "), lines.get(0));
        assertEquals("Outputs at that step:", lines.get(2));
        double[] wanted = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(wanted[i] > 0.5, Double.parseDouble(lines.get(3 + i)) > 0.5, lines.get(3 + i));
        }
    }

    @Test
    void sweepPrintsEveryRateInOrderAndRateOneIsTheTutorialsRun() {
        assertEquals(0, run("sweep"));

        List<String> lines = lines();
        List<String> headers = lines.stream().filter(line -> line.startsWith("Training With Alpha:"))
                .collect(java.util.stream.Collectors.toList());
        assertEquals(List.of("Training With Alpha:0.001", "Training With Alpha:0.01", "Training With Alpha:0.1",
                "Training With Alpha:1.0", "Training With Alpha:10.0", "Training With Alpha:100.0",
                "Training With Alpha:1000.0"), headers);
        int one = lines.indexOf("Training With Alpha:1.0");
        for (int i = 0; i < 6; i++) {
            String line = lines.get(one + 1 + i);
            assertTrue(line.startsWith("Error after " + i * 10_000 + " iterations:"), line);
            double printed = Double.parseDouble(line.substring(line.indexOf(':') + 1));
            assertEquals(PUBLISHED_ERRORS[i], printed, 1e-12 * PUBLISHED_ERRORS[i], line);
        }
        String slowest = lines.get(lines.indexOf("Training With Alpha:0.001") + 6);
        assertTrue(Double.parseDouble(slowest.substring(slowest.indexOf(':') + 1)) > 0.45, "too small is slow: " + slowest);
    }

    @Test
    void dashboardServesThePageAtThePrintedAddressUntilInterrupted() throws Exception {
        AtomicInteger exit = new AtomicInteger(-1);
        Thread example = new Thread(() -> exit.set(run("dashboard", "--port", "0")), "dashboard-example");
        example.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!out.toString().contains("Press Ctrl+C to stop.") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<String> lines = lines();
        assertTrue(lines.get(0).matches("Backflux dashboard: open http://127\\.0\\.0\\.1:\\d+/\\?token=[\\w-]{32}"),
                lines.toString());
        String url = lines.get(0).substring("Backflux dashboard: open ".length());
        HttpClient client = HttpClient.create();
        String page = client.get().uri(url).responseContent().aggregate().asString().block(Duration.ofSeconds(20));
        assertTrue(page.contains("<script type=\"module\" src=\"app.js\"></script>"), page);
        String runs = client.get().uri(url.replace("/?token=", "/api/runs?token="))
                .responseContent().aggregate().asString().block(Duration.ofSeconds(20));
        assertTrue(runs.contains("\"runs\":[]"), runs);

        example.interrupt();
        example.join(Duration.ofSeconds(20).toMillis());
        assertFalse(example.isAlive());
        assertEquals(0, exit.get());
        Throwable refused = assertThrows(Exception.class, () -> client.get().uri(url).responseContent().aggregate()
                .asString().block(Duration.ofSeconds(20)), "the dashboard stopped");
        assertTrue(refused.toString().contains("Connection refused"), refused.toString());
    }

    @Test
    void dropoutPrintsBothRunsErrorsSideBySideAndTheLastMask() {
        assertEquals(0, run("dropout", "--gradient", "tutorial"));

        List<String> lines = lines();
        assertEquals("The tutorial's Part 3 network, 3-4-1, alpha 0.5, seed 1, 60000 steps on XOR; dropout 0.2 on l1"
                + " (tutorial gradient).", lines.get(0));
        List<TrainingStep> plain = Trainer.train(Network.builder().layerSizes(3, 4, 1).learningRate(0.5).build(),
                TutorialData.XOR, 60_000).filter(step -> step.step() % 10_000 == 0 || step.step() == 59_999)
                .collectList().block();
        for (int i = 0; i < 7; i++) {
            String[] row = lines.get(2 + i).trim().split("\\s+");
            assertEquals(plain.get(i).step(), Long.parseLong(row[0]));
            assertEquals(plain.get(i).meanAbsoluteError(), Double.parseDouble(row[1]),
                    plain.get(i).meanAbsoluteError() * 1e-5);
            if (i == 0) {
                assertEquals(row[1], row[3], "before any update, the whole network is the one without dropout");
            }
            if (i == 6) {
                // The README's reading of it: dropout keeps the whole network ten times worse than the plain one, which
                // ends below 0.005 (0.048 with the tutorial's gradient here, 0.064 with the textbook one).
                assertTrue(Double.parseDouble(row[1]) < 0.005, lines.get(2 + i));
                assertEquals(0.048, Double.parseDouble(row[3]), 0.005, lines.get(2 + i));
            }
        }
        assertEquals("Step 59999's mask on l1 (0 = dropped, 1.250 = kept and scaled by 1 / (1 - 0.2)):", lines.get(9));
        for (String mask : lines.subList(10, 14)) {
            assertTrue(mask.matches("( +(0\\.000|1\\.250)){4}"), mask);
        }
        assertEquals(14, lines.size());
    }

    @Test
    void dropoutRefusesARateOutsideZeroToOne() {
        assertEquals(2, run("dropout", "--rate", "1.5"));
        assertTrue(err.toString().startsWith("--rate: expected a dropout rate in [0, 1), actual 1.5"), err.toString());
    }

    @Test
    void noNameListsTheExamples() {
        assertEquals(0, run());

        String text = out.toString();
        for (String name : List.of("two-layer", "three-layer", "predict", "custom-plugin", "sweep", "explain",
                "dashboard", "dropout")) {
            assertTrue(text.contains("  " + name + " "), text);
        }
    }

    @Test
    void anUnknownNameSaysSoAndListsTheExamples() {
        assertEquals(2, run("four-layer"));

        String text = err.toString();
        assertTrue(text.startsWith("Unmatched argument at index 0: 'four-layer'"), text);
        for (String name : List.of("two-layer", "three-layer", "predict")) {
            assertTrue(text.contains("  " + name + " "), text);
        }
        assertEquals("", out.toString());
    }
}
