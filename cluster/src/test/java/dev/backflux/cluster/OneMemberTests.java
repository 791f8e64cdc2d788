package dev.backflux.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.dashboard.Dashboard;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One member embedded in the test JVM, and a client of it: the whole path of a run, quickly. */
@Timeout(120)
class OneMemberTests {

    static final int PORT = TestNet.freePort();
    static final String CLUSTER = TestNet.clusterName("one-member-tests");
    static BackfluxCluster member;
    static BackfluxCluster client;

    @BeforeAll
    static void start() {
        member = BackfluxCluster.member().clusterName(CLUSTER).port(PORT).maxRuns(2)
                .publishInterval(Duration.ZERO)
                .property("hazelcast.wait.seconds.before.join", "0").start();
        client = BackfluxCluster.client().clusterName(CLUSTER).members("127.0.0.1:" + PORT).start();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (member != null) {
            member.close();
        }
    }

    @Test
    void aRunOnTheClusterGivesTheLocalResultToTheBit() {
        RunSpec spec = RunSpecTests.xor(0.5, 3, 20_000);
        TrainingResult local = spec.training().result().block();
        ClusterRun run = client.submit(spec);
        TrainingResult remote = run.result().block(Duration.ofSeconds(60));
        SameBits.assertSameResult(local, remote, "the run");
        RunStatus status = run.status().block(Duration.ofSeconds(10));
        assertEquals(new RunStatus(RunState.DONE, "127.0.0.1:" + PORT, 1, 0), status);
    }

    @Test
    void aRunWhoseDataIsAFileGivesTheLocalResultToTheBit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("xor.json");
        java.nio.file.Files.writeString(file, RunSpecTests.XOR_FILE);
        RunSpec spec = RunSpec.builder().layerSizes(3, 4, 1).learningRate(0.7).steps(10_000).dataFile(file).build();
        TrainingResult remote = client.submit(spec).result().block(Duration.ofSeconds(60));
        SameBits.assertSameResult(RunSpecTests.xor(0.7, 1, 10_000).training().result().block(), remote, "the run");
    }

    @Test
    void aRunWithPluginsAndValidationGivesTheLocalResultToTheBit() {
        RunSpec spec = RunSpec.builder().layerSizes(3, 4, 1).learningRate(1).seed(2).steps(30_000)
                .activation("tanh").plugin("early-stopping", Map.of("patience", "100", "min-delta", "0.001"))
                .data(dev.backflux.testing.Tutorial.XOR.withValidation(new double[][] {{1, 1, 1}},
                        new double[][] {{0}}))
                .build();
        TrainingResult local = spec.training().result().block();
        TrainingResult remote = member.submit(spec).result().block(Duration.ofSeconds(60));
        SameBits.assertSameResult(local, remote, "the run");
        assertEquals(TrainingResult.Reason.STOPPED, remote.reason(), remote.condition());
    }

    @Test
    void aWatcherSeesTheLatestStepThenLiveOnesThenTheLast() {
        RunSpec spec = RunSpecTests.xor(1.0, 1, 2_000_000);
        ClusterRun run = client.submit(spec);
        List<TrainingStep> steps = run.steps().collectList().block(Duration.ofSeconds(90));
        TrainingResult result = run.result().block(Duration.ofSeconds(10));
        assertTrue(steps.size() > 3, "steps seen: " + steps.size());
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i).step() > steps.get(i - 1).step(), "increasing");
        }
        SameBits.assertSameStep(result.lastStep().orElseThrow(), steps.get(steps.size() - 1), "the last step");
        // A watcher that comes after the end gets the last step, then the end.
        List<TrainingStep> late = client.run(run.id()).steps().collectList().block(Duration.ofSeconds(30));
        assertEquals(1, late.size());
        assertEquals(1_999_999, late.get(0).step());
    }

    @Test
    void aSlowWatcherOfALongRunKeepsAtMostTheRingbufferAndNeverHoldsTheRunBack() throws Exception {
        ClusterRun run = client.submit(RunSpecTests.xor(1.0, 9, 1_500_000));
        List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Void> watching = new java.util.concurrent.CompletableFuture<>();
        // A subscriber that takes one step, then asks for the next 200 ms later.
        run.steps().subscribe(new reactor.core.publisher.BaseSubscriber<TrainingStep>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(TrainingStep step) {
                seen.add(step.step());
                reactor.core.scheduler.Schedulers.parallel().schedule(() -> request(1), 200,
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }

            @Override
            protected void hookOnComplete() {
                watching.complete(null);
            }

            @Override
            protected void hookOnError(Throwable error) {
                watching.completeExceptionally(error);
            }
        });
        TrainingResult result = run.result().block(Duration.ofSeconds(90));
        int seenAtTheEnd = seen.size();
        watching.get(30, java.util.concurrent.TimeUnit.SECONDS);

        com.hazelcast.ringbuffer.Ringbuffer<byte[]> steps = member.hazelcast()
                .getRingbuffer(BackfluxCluster.STEPS_PREFIX + run.id());
        assertEquals(BackfluxCluster.STEPS_KEPT, steps.capacity());
        assertTrue(steps.tailSequence() > 10 * BackfluxCluster.STEPS_KEPT, "steps published: " + (steps.tailSequence() + 1));
        assertEquals(BackfluxCluster.STEPS_KEPT, steps.size(), "the ringbuffer keeps the newest steps only");
        assertEquals(1_500_000, result.stepsRun());
        assertTrue(seen.size() <= seenAtTheEnd + 2, "after the run ended, the slow watcher got the latest step and"
                + " at most one older: " + seenAtTheEnd + " then " + seen.size());
        assertTrue(seen.size() * 10L < steps.tailSequence(), "the watcher skipped steps: " + seen.size()
                + " of " + (steps.tailSequence() + 1) + " published");
        assertEquals(1_499_999L, seen.get(seen.size() - 1));
    }

    @Test
    void aCancelledRunEndsCancelledWithTheStepsItRan() {
        ClusterRun run = client.submit(RunSpecTests.xor(1.0, 4, 1_000_000_000L));
        TrainingStep seen = run.steps().blockFirst(Duration.ofSeconds(60));
        run.cancel().block(Duration.ofSeconds(10));
        TrainingResult result = run.result().block(Duration.ofSeconds(60));
        assertEquals(TrainingResult.Reason.CANCELLED, result.reason(), result.condition());
        assertTrue(result.stepsRun() > seen.step(), result.stepsRun() + " steps");
        assertEquals(result.stepsRun() - 1, result.lastStep().orElseThrow().step());
        TrainingStep local = RunSpecTests.xor(1.0, 4, result.stepsRun()).training().flux().blockLast();
        SameBits.assertSameStep(local, result.lastStep().orElseThrow(), "the last step");
    }

    @Test
    void theDashboardShowsARunOfTheClusterItJoinsAsAClient() throws Exception {
        try (Dashboard dashboard = Dashboard.builder().port(0).build().start()) {
            ClusterRun run = client.submit(RunSpecTests.xor(1.0, 6, 400_000));
            TrainingRun watched = run.watched();
            String id = dashboard.show("on the cluster", watched);
            String runs = dashboard.url().toString().replace("/?token=", "/api/runs?token=");
            JsonMapper json = JsonMapper.builder().build();
            JsonNode shown = MemberLossTests.await(Duration.ofSeconds(60), () -> {
                JsonNode board = json.readTree(HttpClient.create().get().uri(runs).responseContent().aggregate()
                        .asString().block(Duration.ofSeconds(10)));
                for (JsonNode candidate : board.get("runs")) {
                    if (candidate.get("id").asString().equals(id) && candidate.get("state").asString().equals("completed")) {
                        return candidate;
                    }
                }
                return null;
            });
            assertEquals("on the cluster", shown.get("name").asString());
            assertEquals(399_999, shown.get("step").asLong());
            assertTrue(watched.isDone());
            SameBits.assertSameStep(run.result().block(Duration.ofSeconds(10)).lastStep().orElseThrow(),
                    watched.latest().orElseThrow(), "the latest step");
        }
    }

    @Test
    void aSpecAMemberCannotBuildEndsTheRunFailedNamingTheProblem() {
        // Put in the cluster by hand, as a JVM with another plugin on its class path would submit it.
        String json = RunSpecTests.xor(1, 1, 100).toJson().replace("\"activation\":\"sigmoid\"",
                "\"activation\":\"sigmoid\",\"plugins\":{\"only-elsewhere\":{}}");
        client.hazelcast().getMap(BackfluxCluster.SPECS).set("unbuildable", json);
        client.hazelcast().getMap(BackfluxCluster.RUNS).set("unbuildable", RunRecord.queued(0).json());
        ClusterRun run = client.run("unbuildable");
        TrainingResult result = run.result().block(Duration.ofSeconds(30));
        assertEquals(TrainingResult.Reason.FAILED, result.reason());
        assertEquals(0, result.stepsRun());
        assertTrue(result.error().orElseThrow() instanceof ClusterRunException);
        assertTrue(result.condition().contains("only-elsewhere"), result.condition());
        ClusterRunException error = assertThrows(ClusterRunException.class,
                () -> run.steps().blockLast(Duration.ofSeconds(30)));
        assertTrue(error.getMessage().contains("only-elsewhere"), error.getMessage());
        assertEquals(RunState.DONE, run.status().block(Duration.ofSeconds(10)).state());
    }

    @Test
    void anErrorWhileStartingARunEndsItFailedAndTheMemberGoesOn() {
        // A plugin's LinkageError (or an OutOfMemoryError) is an Error, not an exception: it must not leave the
        // run RUNNING, its slot taken, and the member's periodic pass dead.
        RunSpec spec = RunSpec.builder().layerSizes(3, 4, 1).steps(10).data(dev.backflux.testing.Tutorial.XOR)
                .plugin(LinkageErrorPlugin.ID, Map.of()).build();
        for (int i = 0; i < 3; i++) {    // more than the member's two slots
            ClusterRun run = client.submit(spec);
            TrainingResult result = run.result().block(Duration.ofSeconds(30));
            assertEquals(TrainingResult.Reason.FAILED, result.reason());
            assertTrue(result.condition().contains("NoClassDefFoundError"), result.condition());
            assertEquals(RunState.DONE, run.status().block(Duration.ofSeconds(10)).state());
        }
        RunSpec good = RunSpecTests.xor(0.9, 4, 2_000);
        SameBits.assertSameResult(good.training().result().block(Duration.ofSeconds(60)),
                client.submit(good).result().block(Duration.ofSeconds(60)), "a run after the errors");
    }

    @Test
    void aSpecBeyondTheBoundsIsRefusedNamingTheField() {
        RunSpecException layers = assertThrows(RunSpecException.class,
                () -> RunSpec.builder().layerSizes(3, 100_000, 1_000));
        assertEquals("layers", layers.field());
        assertTrue(layers.getMessage().contains("at most 16777216 weights"), layers.getMessage());
        RunSpecException json = assertThrows(RunSpecException.class, () -> RunSpec.fromJson(
                RunSpecTests.xor(1, 1, 10).toJson().replace("\"layers\":[3,4,1]", "\"layers\":[3,4096,4096,1]")));
        assertEquals("layers", json.field());
        double[][] inputs = new double[20_000][3];
        double[][] targets = new double[20_000][1];
        RunSpecException data = assertThrows(RunSpecException.class, () -> RunSpec.builder()
                .layerSizes(3, 4_000, 1).steps(1).data(dev.backflux.api.TrainingData.of(inputs, targets)).build());
        assertEquals("data", data.field());
        assertTrue(data.getMessage().contains("20000 examples, 80000000 values"), data.getMessage());
    }

    @Test
    void aWatcherWhoseClientIsClosedEndsWithAnError() throws Exception {
        BackfluxCluster own = BackfluxCluster.client().clusterName(CLUSTER).members("127.0.0.1:" + PORT).start();
        ClusterRun run = own.submit(RunSpecTests.xor(1.0, 9, 1_000_000_000L));
        try {
            java.util.concurrent.CompletableFuture<Void> watching = run.steps().then().toFuture();
            run.steps().blockFirst(Duration.ofSeconds(60));
            own.close();
            java.util.concurrent.ExecutionException ended = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> watching.get(20, java.util.concurrent.TimeUnit.SECONDS), "the watch ended within 20 s");
            assertTrue(ended.getCause() instanceof IllegalStateException, ended.getCause().toString());
            // A watcher subscribed after the close fails at once, too.
            assertThrows(RuntimeException.class, () -> run.steps().blockLast(Duration.ofSeconds(20)));
        } finally {
            client.run(run.id()).cancel().block(Duration.ofSeconds(10));
            client.run(run.id()).result().block(Duration.ofSeconds(60));
        }
    }

    @Test
    void noStepIsRebuiltOnAHazelcastThread() {
        // A result's steps and a watcher's are trained again where they are read: on Reactor's parallel
        // scheduler, never on the Hazelcast thread that completes a read (it would hold up the client's or
        // member's I/O).
        RunSpec spec = RunSpec.builder().layerSizes(3, 4, 1).steps(3_000).activation(ThreadRecordingActivation.ID)
                .data(dev.backflux.testing.Tutorial.XOR).build();
        for (int i = 0; i < 3; i++) {
            ClusterRun run = client.submit(spec);
            run.steps().blockLast(Duration.ofSeconds(60));
            run.result().block(Duration.ofSeconds(60));
            client.run(run.id()).result().block(Duration.ofSeconds(60));
        }
        assertTrue(ThreadRecordingActivation.THREADS.stream().anyMatch(name -> name.startsWith("parallel-")),
                ThreadRecordingActivation.THREADS.toString());
        assertEquals(List.of(), ThreadRecordingActivation.THREADS.stream().filter(name -> name.startsWith("hz."))
                .sorted().toList(), "Hazelcast threads that trained a step");
    }

    @Test
    void anEndedRunIsForgottenAndItsMemoryFreed() {
        ClusterRun run = client.submit(RunSpecTests.xor(1.0, 8, 1_000_000_000L));
        run.steps().blockFirst(Duration.ofSeconds(60));
        IllegalStateException running = assertThrows(IllegalStateException.class,
                () -> run.forget().block(Duration.ofSeconds(10)));
        assertEquals("forget: expected a run that has ended, actual run " + run.id() + " running", running.getMessage());
        run.cancel().block(Duration.ofSeconds(10));
        run.result().block(Duration.ofSeconds(60));
        run.forget().block(Duration.ofSeconds(30));
        for (String map : List.of(BackfluxCluster.SPECS, BackfluxCluster.RUNS, BackfluxCluster.RESULTS,
                BackfluxCluster.CHECKPOINTS, BackfluxCluster.CANCELS)) {
            assertFalse(member.hazelcast().getMap(map).containsKey(run.id()), map);
        }
        assertFalse(member.hazelcast().getDistributedObjects().stream()
                .anyMatch(object -> object.getName().equals(BackfluxCluster.STEPS_PREFIX + run.id())), "the steps");
        assertThrows(IllegalArgumentException.class, () -> client.run(run.id()).status().block(Duration.ofSeconds(10)));
    }

    @Test
    void aRunTheClusterDoesNotKnowIsAnError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> client.run("no-such-run").result().block(Duration.ofSeconds(30)));
        assertEquals("id: expected a run of this cluster, actual 'no-such-run', which it does not know",
                error.getMessage());
    }

    @Test
    void aMalformedSpecIsRefusedAtSubmissionNamingTheField() {
        RunSpec unknown = RunSpec.builder().layerSizes(3, 4, 1).steps(10).data(dev.backflux.testing.Tutorial.XOR)
                .plugin("no-such-plugin", Map.of()).build();
        RunSpecException error = assertThrows(RunSpecException.class, () -> client.submit(unknown));
        assertEquals("plugins.no-such-plugin", error.field());
        RunSpecException inSweep = assertThrows(RunSpecException.class,
                () -> client.submit(List.of(RunSpecTests.xor(1, 1, 10), unknown)));
        assertEquals("specs[1].plugins.no-such-plugin", inSweep.field());
        assertTrue(inSweep.getMessage().startsWith("specs[1].plugins.no-such-plugin: expected a plugin id, one of ["),
                inSweep.getMessage());
        assertFalse(member.hazelcast().getMap(BackfluxCluster.SPECS).values().stream()
                .anyMatch(json -> json.toString().contains("no-such-plugin")), "nothing was queued");
    }
}
