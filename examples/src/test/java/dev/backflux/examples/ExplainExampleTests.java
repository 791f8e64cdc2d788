package dev.backflux.examples;

import static dev.backflux.examples.Explain.number;
import static dev.backflux.examples.Explain.value;
import static dev.backflux.examples.Explain.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code explain} example prints the API's own numbers where the tutorial's walkthrough has its lines: each
 * number printed for a step is recomputed here from a run of the same network through {@link TrainingStep}.
 */
class ExplainExampleTests {

    /** The tutorial's two-layer output after training, the last step's {@code l1}. */
    private static final double[] PUBLISHED_OUTPUT = {0.0096644916879683, 0.007865059671309264, 0.9935889804970555, 0.992119573219358};

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Examples.run(args, new PrintWriter(out, true), new PrintWriter(err, true));   // as main runs them
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    private static List<TrainingStep> steps(Network network, TrainingData data, long steps, Set<Long> wanted) {
        return Trainer.train(network, data, steps).filter(step -> wanted.contains(step.step())).collectList().block();
    }

    /** The lines of one step's explanation, from its title to the next title. */
    private static List<String> section(List<String> lines, String title) {
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            if (lines.get(i).startsWith(title)) {
                start = i;
            }
        }
        assertTrue(start >= 0, "no section " + title + " in\n" + String.join("\n", lines));
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("===")) {
            end++;
        }
        return lines.subList(start, end);
    }

    /** The {@code count} lines after the line that starts with {@code heading} and the table's header line. */
    private static List<String[]> rows(List<String> section, String heading, int count) {
        for (int i = 0; i < section.size(); i++) {
            if (section.get(i).startsWith(heading)) {
                return section.subList(i + 2, i + 2 + count).stream().map(line -> line.trim().split(" +")).toList();
            }
        }
        throw new AssertionError("no table " + heading + " in\n" + String.join("\n", section));
    }

    /** The three lines of one weight in an update table: its inputs, its updates and sum, then before, after, verdict. */
    private static List<String> weightLines(List<String> section, String weight) {
        for (int i = 0; i < section.size(); i++) {
            if (section.get(i).startsWith("  " + weight + " ")) {
                return section.subList(i, i + 3);
            }
        }
        throw new AssertionError("no weight " + weight + " in\n" + String.join("\n", section));
    }

    private static String[] tail(String line, int count) {
        String[] tokens = line.trim().split(" +");
        return Arrays.copyOfRange(tokens, tokens.length - count, tokens.length);
    }

    /** Checks one weight's lines against the API: inputs, per-example updates, their sum, before and after. */
    private static void assertWeight(List<String> section, TrainingStep step, int k, int from, int to) {
        List<String> lines = weightLines(section, "syn" + k + "[" + from + "][" + to + "]");
        int examples = step.layer(0).rows();
        String[] inputs = tail(lines.get(0), examples);
        String[] updates = tail(lines.get(1), examples + 1);
        for (int e = 0; e < examples; e++) {
            double input = step.layer(k).get(e, from);
            assertEquals(k == 0 ? value(input) : number(input), inputs[e], lines.get(0));
            assertEquals(number(step.update(k, e).get(from, to)), updates[e], lines.get(1));
        }
        assertEquals(number(step.update(k).get(from, to)), updates[examples], "the sum: " + lines.get(1));
        assertTrue(lines.get(2).trim().startsWith(weight(step.weightsBefore(k).get(from, to)) + " -> "
                + weight(step.weights(k).get(from, to)) + ": "), lines.get(2));
        if (step.explain(k, from, to).examplesAgree()) {
            assertTrue(lines.get(2).contains("every example pushes it"), lines.get(2));
        } else if (step.agreement(k).get(from, to) >= Explain.MOSTLY) {
            assertTrue(lines.get(2).endsWith(String.format(Locale.ROOT, "examples push it both ways, mostly %s"
                    + " (agreement %.2f)", step.update(k).get(from, to) > 0 ? "up" : "down",
                    step.agreement(k).get(from, to))), lines.get(2));
        } else {
            assertTrue(lines.get(2).endsWith(String.format(Locale.ROOT, "examples push it both ways, cancelling out"
                    + " (agreement %.2f)", step.agreement(k).get(from, to))), lines.get(2));
        }
    }

    @Test
    void theDefaultRunExplainsTheFirstAndTheLastStepWithTheApisNumbers() {
        assertEquals(0, run("explain"));

        List<String> lines = lines();
        assertTrue(lines.size() >= 60 && lines.size() <= 80, "compact: " + lines.size() + " lines");
        List<TrainingStep> steps = steps(Network.of(3, 1), TutorialData.COPY_FIRST_COLUMN, 10_000, Set.of(0L, 9_999L));
        double[] y = {0, 0, 1, 1};
        for (TrainingStep step : steps) {
            List<String> section = section(lines, "=== Step " + step.step() + ", the "
                    + (step.step() == 0 ? "first" : "last"));
            assertTrue(section.contains("mean(abs(l1_error)) = " + number(step.meanAbsoluteError())), section.toString());

            List<String[]> forward = rows(section, "l1 = nonlin(np.dot(l0, syn0))", 4);
            List<String[]> deltas = rows(section, "l1_delta = l1_error * nonlin(l1,True): the \"error weighted derivative\"", 4);
            for (int e = 0; e < 4; e++) {
                double l1 = step.output().get(e, 0);
                String[] row = forward.get(e);
                assertEquals(List.of(String.valueOf(e), value(y[e]), number(l1), number(step.error(1).get(e, 0)),
                        (l1 > 0.5) == (y[e] > 0.5) ? "right" : "wrong"), List.of(row[0], row[4], row[5], row[6], row[7]));
                String[] delta = deltas.get(e);
                double slope = step.slope(1).get(e, 0);
                assertEquals(List.of(number(l1), number(step.error(1).get(e, 0)), number(slope),
                        number(step.delta(1).get(e, 0))), List.of(delta[1], delta[2], delta[3], delta[4]));
                assertEquals(slope < 0.1 ? "confident" : "wishy-washy:", delta[5], String.join(" ", delta));
            }
            for (int from = 0; from < 3; from++) {
                assertWeight(section, step, 0, from, 0);
            }
            // The tutorial's remark on correlation: the first input's weight is pushed one way, the others both ways.
            assertTrue(weightLines(section, "syn0[0][0]").get(2).endsWith("every example pushes it up (or not at all):"
                    + " it grows consistently"), section.toString());
            assertTrue(weightLines(section, "syn0[1][0]").get(2).contains("cancelling out"), section.toString());
            assertTrue(weightLines(section, "syn0[2][0]").get(2).contains("cancelling out"), section.toString());
        }

        List<String> first = section(lines, "=== Step 0, the first");
        assertEquals(List.of("right", "right", "wrong", "wrong"),
                rows(first, "l1 = nonlin", 4).stream().map(row -> row[7]).toList());
        assertTrue(String.join("\n", first).contains("wishy-washy: updated most heavily"));
        List<String> last = section(lines, "=== Step 9999, the last: its l1 is the tutorial's \"Output After Training\"");
        List<String[]> output = rows(last, "l1 = nonlin", 4);
        for (int e = 0; e < 4; e++) {
            assertEquals(number(PUBLISHED_OUTPUT[e]), output.get(e)[5], "the tutorial's output, example " + e);
        }
        assertEquals(4, last.stream().filter(line -> line.endsWith("confident and right: a VERY small update")).count(),
                String.join("\n", last));

        List<String> end = section(lines, "=== From step 0 to step 9999 ===");
        assertTrue(end.get(1).startsWith("  syn0[0][0]  " + weight(steps.get(0).weightsBefore(0).get(0, 0)) + " -> "
                + weight(steps.get(1).weights(0).get(0, 0)) + ": every example pushed it the same way"), end.get(1));
        assertTrue(end.get(2).startsWith("  syn0[1][0]") && end.get(2).endsWith("\"cancelling out progress\""), end.get(2));
        assertTrue(end.get(3).startsWith("  syn0[2][0]") && end.get(3).endsWith("\"cancelling out progress\""), end.get(3));
        assertTrue(String.join("\n", end).contains("\"A small error and a small slope means a VERY small update.\""));
    }

    @Test
    void theReadmesExcerptIsTheDefaultRunsOutput() throws IOException {
        assertEquals(0, run("explain"));

        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int start = readme.indexOf("## Watching back-propagation");
        while (!readme.get(start).contains("An excerpt of the default run")) {
            start++;
        }
        while (!readme.get(start).equals("```")) {
            start++;
        }
        int end = readme.subList(start + 1, readme.size()).indexOf("```") + start + 1;
        List<String> excerpt = readme.subList(start + 1, end);
        assertTrue(excerpt.size() > 30, excerpt.toString());
        List<String> lines = lines();
        int from = 0;
        int chunkStart = 0;
        for (int i = 0; i <= excerpt.size(); i++) {
            if (i == excerpt.size() || excerpt.get(i).equals("...")) {
                List<String> chunk = excerpt.subList(chunkStart, i);
                int at = Collections.indexOfSubList(lines.subList(from, lines.size()), chunk);
                assertTrue(at >= 0, "not in the output, in this order:\n" + String.join("\n", chunk));
                from += at + chunk.size();
                chunkStart = i + 1;
            }
        }
    }

    @Test
    void theThreeLayerNetworkExplainsTheOutputWeightsAndAHiddenWeight() {
        assertEquals(0, run("explain", "--network", "three-layer"));

        List<String> lines = lines();
        TrainingStep step = steps(Network.of(3, 4, 1), TutorialData.XOR, 60_000, Set.of(0L)).get(0);
        List<String> section = section(lines, "=== Step 0, the first");
        List<String[]> forward = rows(section, "l2 = nonlin(np.dot(l1, syn1))", 4);
        List<String[]> hidden = rows(section, "l1_delta = l1_error * nonlin(l1,True)", 4);
        for (int e = 0; e < 4; e++) {
            assertEquals(number(step.output().get(e, 0)), forward.get(e)[5]);
            assertEquals(List.of(number(step.layer(1).get(e, 0)), number(step.error(1).get(e, 0)),
                    number(step.slope(1).get(e, 0)), number(step.delta(1).get(e, 0))),
                    Arrays.asList(hidden.get(e)).subList(1, 5));
        }
        assertTrue(section.stream().anyMatch(line -> line.startsWith("l1_error = l2_delta.dot(syn1.T)")), section.toString());
        for (int from = 0; from < 4; from++) {
            assertWeight(section, step, 1, from, 0);
        }
        assertWeight(section, step, 0, 0, 0);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("=== Step 59999, the last")), out.toString());
        assertTrue(lines.contains("=== From step 0 to step 59999 ==="), out.toString());
    }

    @Test
    void theOptionsSelectTheStepAndTheWeight() {
        assertEquals(0, run("explain", "--step", "5", "--weight", "0,1,0"));

        List<String> lines = lines();
        assertEquals(List.of("=== Step 5 ==="), lines.stream().filter(line -> line.startsWith("===")).toList());
        assertEquals(List.of("  syn0[1][0]  input l0[e][1]"),
                lines.stream().filter(line -> line.startsWith("  syn0[")).map(line -> line.substring(0, 30).stripTrailing()).toList());
        TrainingStep step = steps(Network.of(3, 1), TutorialData.COPY_FIRST_COLUMN, 10, Set.of(5L)).get(0);
        assertWeight(section(lines, "=== Step 5"), step, 0, 1, 0);
    }

    @Test
    void badOptionsFailNamingTheOptionTheExpectedAndTheActualValue() {
        assertFails("--step: expected a step from 0 to 9999 (the two-layer network trains 10000 steps), actual 10000",
                "--step", "10000");
        assertFails("--step: expected a step from 0 to 59999 (the three-layer network trains 60000 steps), actual -1",
                "--network", "three-layer", "--step", "-1");
        assertFails("--weight 0,3,0: from: expected a unit of layer 0 in [0, 2], actual 3", "--weight", "0,3,0");
        assertFails("--weight 2,0,0: k: expected a weight matrix in [0, 1], actual 2",
                "--network", "three-layer", "--weight", "2,0,0");
        assertFails("Invalid value for option '--weight' (k,from,to): expected three indices k,from,to (weight syn k"
                + " [from][to]), such as 0,1,0, actual '0,1'", "--weight", "0,1");
        assertFails("Invalid value for option '--network': expected two-layer or three-layer, actual 'four-layer'",
                "--network", "four-layer");
    }

    private void assertFails(String message, String... options) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        String[] args = new String[options.length + 1];
        args[0] = "explain";
        System.arraycopy(options, 0, args, 1, options.length);

        assertEquals(2, run(args), String.join(" ", options));
        assertTrue(err.toString().startsWith(message + System.lineSeparator()), err.toString());
        assertTrue(err.toString().contains("Usage: examples explain"), err.toString());
        assertFalse(out.toString().contains("==="), out.toString());
    }
}
