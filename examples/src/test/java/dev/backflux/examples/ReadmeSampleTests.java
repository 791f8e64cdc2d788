package dev.backflux.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingResult.Reason;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import dev.backflux.dashboard.Dashboard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;

/**
 * The README's Java samples are the code of {@link ReadmeSamples} (or, for the plugin, of the real
 * {@link AllCorrectPlugin}), line for line, and do what the README says they do.
 */
class ReadmeSampleTests {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SAMPLES = Path.of("src", "test", "java", "dev", "backflux", "examples", "ReadmeSamples.java");
    /** The Spring Boot example's route, a README sample of its own (its module's tests run it). */
    private static final Path SPRING_SAMPLES = Path.of("..", "spring-boot-example", "src", "main", "java", "dev",
            "backflux", "example", "spring", "ExampleApplication.java");
    private static final Path PLUGIN = Path.of("src", "main", "java", "dev", "backflux", "examples", "AllCorrectPlugin.java");

    @Test
    void everyJavaSampleInTheReadmeIsOneOfTheTestedOnes() throws IOException {
        List<String> blocks = javaBlocks();
        Map<String, String> samples = samples();
        String plugin = normalized(Files.readString(PLUGIN));
        for (String block : blocks) {
            boolean isSample = samples.containsValue(block);
            boolean isPlugin = block.lines().filter(line -> !line.isBlank() && !line.trim().startsWith("//"))
                    .allMatch(line -> plugin.contains(normalized(line)));
            assertTrue(isSample || isPlugin, "a README sample that no test runs:\n" + block);
        }
        for (Map.Entry<String, String> sample : samples.entrySet()) {
            assertTrue(blocks.contains(sample.getValue()), "sample '" + sample.getKey() + "' is not in the README as is");
        }
    }

    @Test
    void theWatchingSampleTrainsOnceAndPrintsTheTutorialsErrors() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        double[] answer;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            answer = ReadmeSamples.watching();
        } finally {
            System.setOut(original);
        }

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        assertEquals(6, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("Error:0.49641003190272"), lines.get(0));
        assertTrue(lines.get(5).startsWith("Error:0.0035101225678"), lines.get(5));
        assertTrue(answer[0] > 0.99, "XOR-like (1, 0, 1) -> 1: " + answer[0]);
    }

    @Test
    void thePluginsSampleStopsAtItsTargetWithTanh() {
        List<TrainingStep> chart = new ArrayList<>();

        TrainingResult result = ReadmeSamples.plugins(chart);

        assertEquals(Reason.STOPPED, result.reason(), result.toString());
        assertEquals("early-stopping", result.stoppedBy().orElseThrow());
        assertTrue(result.condition().matches("error 0\\.0\\d+ reached the target 0\\.05 \\(at step \\d+\\)"),
                result.condition());
        assertEquals(result.stepsRun(), chart.size(), "the observer saw every step of that run");
        assertTrue(result.stepsRun() < 60_000);
        assertEquals("tanh", chart.get(0).network().activation().toString());
    }

    @Test
    void theSharedRunSampleIsCancelled() {
        List<TrainingStep> chart = new CopyOnWriteArrayList<>();

        TrainingResult result = ReadmeSamples.shared(ReadmeSamples.training(1.0), chart).block(Duration.ofSeconds(30));

        assertEquals(Reason.CANCELLED, result.reason());
        assertTrue(result.stepsRun() < 60_000);
    }

    @Test
    void theDashboardSampleServesTheApplicationsRunBesideItsOwnRoutes() {
        TrainingRun run = ReadmeSamples.training(1.0).start();
        List<Dashboard> created = new ArrayList<>();
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        DisposableServer server;
        try {
            server = ReadmeSamples.dashboard(run, created);
        } finally {
            System.setOut(original);
        }
        try {
            Dashboard dashboard = created.get(0);
            String url = printed.toString(StandardCharsets.UTF_8).strip();
            assertEquals("http://127.0.0.1:" + server.port() + "/dashboard/?token=" + dashboard.token(), url);
            HttpClient client = HttpClient.create().baseUrl("http://127.0.0.1:" + server.port());
            assertEquals("ok", get(client, "/health"));
            assertTrue(get(client, "/dashboard/").contains("<script type=\"module\" src=\"app.js\"></script>"));
            String runs = get(client, "/dashboard/api/runs?token=" + dashboard.token());
            assertTrue(runs.contains("\"name\":\"xor, started by the application\""), runs);
            assertTrue(get(client, "/dashboard/api/runs").contains("\"status\":403"), "the API needs the token");
        } finally {
            run.cancel();
            created.forEach(Dashboard::close);
            server.disposeNow(Duration.ofSeconds(10));
        }
    }

    private static String get(HttpClient client, String uri) {
        return client.get().uri(uri).responseContent().aggregate().asString().block(Duration.ofSeconds(20));
    }

    @Test
    void theDropoutSampleReproducesTheTutorialsPart3AsNumpyComputesIt() {
        TrainingStep last = ReadmeSamples.dropout(ReadmeSamples.XOR);

        // numpy 2.4.6 running the Part 3 script with np.random.seed(1) (engine/src/test/resources/dropout/generate.py):
        // the mean absolute error of its last step.
        double numpy = Double.parseDouble("0x1.e6530a6c8c440p-4");
        assertEquals(numpy, last.meanAbsoluteError(), numpy * 1e-12);
        assertEquals(59_999, last.step());
        assertEquals(Set.of(0.0, 1.25), Set.copyOf(java.util.Arrays.stream(last.dropoutMask(1).toRowMajorArray())
                .boxed().toList()));
    }

    @Test
    void theSaveSampleLoadsTheNetworkItSaved(@org.junit.jupiter.api.io.TempDir Path directory) throws IOException {
        dev.backflux.files.SavedNetwork saved = ReadmeSamples.save(directory);
        TrainingStep last = ReadmeSamples.training(1.0).flux().blockLast();
        assertEquals(59_999, saved.step().getAsLong());
        assertEquals(last.weights(), saved.weights());
        assertEquals(last.network().predict(1, 0, 1)[0], saved.trained().predict(1, 0, 1)[0], 0);
    }

    @Test
    void theCsvSampleClassifiesTheIrisFlowersAsTheReadmeSays() throws IOException {
        TrainingResult result = ReadmeSamples.iris(Path.of("..", "data", "iris.csv"));
        assertEquals(117 / 120.0, result.accuracy().getAsDouble());
        assertEquals(1.0, result.validationAccuracy().getAsDouble());
    }

    @Test
    void theNumpySampleContinuesFromTheSavedWeightsExactly(@org.junit.jupiter.api.io.TempDir Path directory)
            throws IOException {
        TrainingStep last = ReadmeSamples.training(1.0).flux().blockLast();
        TrainingStep next = ReadmeSamples.numpy(last, directory);
        // The first step from the saved weights starts where the run ended: the same forward pass.
        assertEquals(last.weights(), java.util.List.of(next.weightsBefore(0), next.weightsBefore(1)));
    }

    @Test
    void theSweepSampleGivesEachRatesResultInOrderAsIfRunAlone() {
        List<TrainingResult> results = ReadmeSamples.sweep(2).collectList().block(Duration.ofSeconds(60));

        List<Double> rates = List.of(0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0);
        assertEquals(rates.size(), results.size());
        for (int i = 0; i < rates.size(); i++) {
            TrainingResult alone = ReadmeSamples.training(rates.get(i)).result().block();
            assertEquals(alone.reason(), results.get(i).reason(), "rate " + rates.get(i));
            assertEquals(alone.lastStep().map(TrainingStep::meanAbsoluteError),
                    results.get(i).lastStep().map(TrainingStep::meanAbsoluteError), "rate " + rates.get(i));
        }
    }

    @Test
    void theMetricsSampleLeavesItsRunCountedAndNoMeterOfItsOwn() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

        TrainingResult result = ReadmeSamples.metrics(registry, ReadmeSamples.XOR);

        assertEquals(TrainingResult.Reason.COMPLETED, result.reason());
        assertEquals(1.0, registry.get("backflux.runs.ended").tag("reason", "completed").counter().count());
        assertEquals(null, registry.find("backflux.run.steps").tag("run", "tutorial").counter());
    }

    private static List<String> javaBlocks() throws IOException {
        Matcher matcher = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        List<String> blocks = new ArrayList<>();
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    /**
     * The regions of {@link ReadmeSamples} and of the Spring Boot example, by name, without their method's
     * indentation.
     */
    private static Map<String, String> samples() throws IOException {
        Map<String, String> samples = new LinkedHashMap<>();
        regions(SAMPLES, samples);
        regions(SPRING_SAMPLES, samples);
        return samples;
    }

    private static void regions(Path file, Map<String, String> samples) throws IOException {
        String name = null;
        StringBuilder region = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("// readme-begin ")) {
                name = trimmed.substring("// readme-begin ".length());
                region.setLength(0);
            } else if (trimmed.equals("// readme-end")) {
                samples.put(name, region.toString());
                name = null;
            } else if (name != null) {
                region.append(line.length() >= 8 ? line.substring(8) : line.trim()).append('\n');
            }
        }
    }

    private static String normalized(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }
}
