package dev.backflux.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.RoutingMode;
import com.hazelcast.core.LifecycleEvent;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three members in child JVMs on 127.0.0.1, a client and a lite member in the test JVM: a sweep spread over the
 * members gives the local sweep's results to the bit, and a run held by one member is watched from another.
 */
@Timeout(180)
class ThreeMembersTests {

    static final String CLUSTER = TestNet.clusterName("three-members-tests");
    static ChildMembers members;
    static BackfluxCluster client;
    static BackfluxCluster watcher;

    @BeforeAll
    static void start() throws Exception {
        int[] ports = TestNet.freePorts(4);
        members = ChildMembers.start(CLUSTER, 1, ports[0], ports[1], ports[2]);
        client = BackfluxCluster.client().clusterName(CLUSTER).members(members.addresses()).start();
        watcher = BackfluxCluster.member().clusterName(CLUSTER).port(ports[3]).lite(true)
                .members(members.addresses()).start();
    }

    @AfterAll
    static void stop() {
        if (watcher != null) {
            watcher.close();
        }
        if (client != null) {
            client.close();
        }
        if (members != null) {
            members.close();
        }
    }

    @Test
    void everyMemberTrainsOnTheTestJvmsKernels() throws Exception {
        // The results are compared with local runs to the bit: only the same kernels give the same bits (with
        // backflux.kernels=auto a JVM without the Vector API but with a system BLAS would use native dgemm).
        assertEquals("java", System.getProperty("backflux.kernels"), "the test JVM's backflux.kernels");
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "the test JVM's Vector API");
        for (int i = 0; i < 3; i++) {
            assertTrue(members.log(i).contains(" kernels=java vector=true"), "member " + i + ": " + members.log(i));
        }
    }

    @Test
    void aClientThatDisconnectsAndReconnectsKeepsWatching() throws Exception {
        int proxyPort = TestNet.freePort();
        try (TcpProxy proxy = new TcpProxy(proxyPort, members.port(0))) {
            ClientConfig config = new ClientConfig();
            config.setClusterName(CLUSTER);
            config.getNetworkConfig().addAddress("127.0.0.1:" + proxyPort).getClusterRoutingConfig()
                    .setRoutingMode(RoutingMode.SINGLE_MEMBER);
            config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(60_000)
                    .setInitialBackoffMillis(100).setMaxBackoffMillis(500);
            List<LifecycleEvent.LifecycleState> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (BackfluxCluster flaky = BackfluxCluster.client().config(config).start()) {
                flaky.hazelcast().getLifecycleService().addLifecycleListener(event -> events.add(event.getState()));
                ClusterRun run = flaky.submit(RunSpecTests.xor(2.0, 7, 3_000_000));
                List<TrainingStep> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
                java.util.concurrent.CompletableFuture<Void> watching = run.steps().doOnNext(steps::add).then()
                        .toFuture();
                MemberLossTests.await(Duration.ofSeconds(60), () -> steps.isEmpty() ? null : steps);

                proxy.cut();
                MemberLossTests.await(Duration.ofSeconds(30), () ->
                        events.contains(LifecycleEvent.LifecycleState.CLIENT_DISCONNECTED) ? events : null);
                int before = steps.size();
                proxy.restore();
                MemberLossTests.await(Duration.ofSeconds(60), () ->
                        events.contains(LifecycleEvent.LifecycleState.CLIENT_CONNECTED) ? events : null);

                watching.get(120, java.util.concurrent.TimeUnit.SECONDS);
                TrainingResult result = run.result().block(Duration.ofSeconds(30));
                assertTrue(steps.size() > before, "steps after the reconnection: " + (steps.size() - before));
                for (int i = 1; i < steps.size(); i++) {
                    assertTrue(steps.get(i).step() > steps.get(i - 1).step(), "strictly increasing");
                }
                SameBits.assertSameStep(result.lastStep().orElseThrow(), steps.get(steps.size() - 1), "last step");
                assertEquals(2_999_999, result.lastStep().orElseThrow().step());
            }
        }
    }

    static List<RunSpec> sweep(long steps) {
        List<RunSpec> specs = new ArrayList<>();
        for (double rate : new double[] {0.1, 0.5, 1, 2, 5, 10}) {
            for (long seed : new long[] {1, 2}) {
                specs.add(RunSpecTests.xor(rate, seed, steps));
            }
        }
        return specs;
    }

    @Test
    void aTwelveRunSweepOverThreeMembersGivesTheLocalSweepToTheBit() {
        List<RunSpec> specs = sweep(300_000);
        long start = System.nanoTime();
        ClusterSweep sweep = client.submit(specs);
        List<TrainingResult> results = sweep.results().collectList().block(Duration.ofSeconds(150));
        long clusterNanos = System.nanoTime() - start;

        start = System.nanoTime();
        List<TrainingResult> local = new ArrayList<>();
        for (RunSpec spec : specs) {
            local.add(spec.training().result().block());
        }
        long localNanos = System.nanoTime() - start;
        System.out.printf("12-run sweep: %d ms on three members (one run each at a time), %d ms locally one after"
                + " another%n", clusterNanos / 1_000_000, localNanos / 1_000_000);

        assertEquals(12, results.size());
        for (int i = 0; i < specs.size(); i++) {
            SameBits.assertSameResult(local.get(i), results.get(i), "run " + i + " " + specs.get(i));
        }
        Set<String> where = new TreeSet<>();
        for (ClusterRun run : sweep.runs()) {
            RunStatus status = run.status().block(Duration.ofSeconds(10));
            assertEquals(RunState.DONE, status.state());
            assertEquals(1, status.attempt());
            where.add(status.member());
        }
        assertEquals(Set.of(members.addresses()), where, "every member trained some of the runs");
    }

    @Test
    void aWatcherOnOneMemberSeesTheLatestStepOfARunOnAnotherThenLiveOnes() {
        ClusterRun run = watcher.submit(RunSpecTests.xor(1.0, 5, 3_000_000));
        // Once the run has published a step, a new watcher's first step is the latest one, not step 0.
        TrainingStep seen = run.steps().blockFirst(Duration.ofSeconds(60));
        RunStatus status = run.status().block(Duration.ofSeconds(10));
        assertEquals(RunState.RUNNING, status.state());
        assertNotEquals(watcher.hazelcast().getCluster().getLocalMember().getAddress().getHost() + ":"
                + watcher.hazelcast().getCluster().getLocalMember().getAddress().getPort(), status.member());
        assertTrue(Set.of(members.addresses()).contains(status.member()), status.member());
        assertTrue(watcher.runningHere().isEmpty());

        List<TrainingStep> steps = watcher.run(run.id()).steps().collectList().block(Duration.ofSeconds(120));
        TrainingResult result = run.result().block(Duration.ofSeconds(10));

        assertTrue(steps.get(0).step() >= seen.step(), steps.get(0).step() + " after " + seen.step());
        assertTrue(steps.get(0).step() > 0, "the latest step first, not the first step");
        assertTrue(steps.size() >= 3, "live steps after the latest: " + steps.size());
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i).step() > steps.get(i - 1).step(), "strictly increasing");
        }
        assertEquals(2_999_999, steps.get(steps.size() - 1).step());
        SameBits.assertSameStep(result.lastStep().orElseThrow(), steps.get(steps.size() - 1), "the last step");
        // A step in the middle, recomputed here from the weights the member published, is the local run's step.
        TrainingStep middle = steps.get(steps.size() / 2);
        TrainingStep localMiddle = RunSpecTests.xor(1.0, 5, middle.step() + 1).training().flux().blockLast();
        SameBits.assertSameStep(localMiddle, middle, "step " + middle.step());
    }
}
