package dev.backflux.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A member killed as {@code kill -9} does, mid-sweep, then another that leaves gracefully: every run completes
 * elsewhere, from its checkpoint, and equals the local run to the bit.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberLossTests {

    static final String CLUSTER = TestNet.clusterName("member-loss-tests");
    static ChildMembers members;
    static BackfluxCluster client;

    @BeforeAll
    static void start() throws Exception {
        members = ChildMembers.start(CLUSTER, 1, Duration.ofMillis(200), TestNet.freePorts(3));
        client = BackfluxCluster.client().clusterName(CLUSTER).members(members.addresses()).start();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (members != null) {
            members.close();
        }
    }

    @Test
    @Order(1)
    void killingAMemberMidSweepLosesNoRunAndChangesNoBit() throws Exception {
        List<RunSpec> specs = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            specs.add(RunSpecTests.xor(0.5 + seed, seed, 2_000_000));
        }
        ClusterSweep sweep = client.submit(specs);
        String victimMember = members.address(1);
        ClusterRun victim = await(Duration.ofSeconds(60), () -> {
            for (ClusterRun run : sweep.runs()) {
                RunStatus status = run.status().block(Duration.ofSeconds(10));
                if (status.state() == RunState.RUNNING && status.member().equals(victimMember)
                        && client.hazelcast().getMap(BackfluxCluster.CHECKPOINTS).containsKey(run.id())) {
                    return run;
                }
            }
            return null;
        });
        List<TrainingStep> watched = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> watching = victim.steps().doOnNext(watched::add).then().toFuture();
        await(Duration.ofSeconds(30), () -> watched.isEmpty() ? null : watched);
        long checkpointed = Codec.checkpoint((byte[]) client.hazelcast().getMap(BackfluxCluster.CHECKPOINTS)
                .get(victim.id())).step();

        members.kill(1);

        List<TrainingResult> results = sweep.results().collectList().block(Duration.ofSeconds(150));
        watching.get(30, TimeUnit.SECONDS);
        RunStatus moved = victim.status().block(Duration.ofSeconds(10));
        assertEquals(RunState.DONE, moved.state());
        assertEquals(2, moved.attempt(), "started again once");
        assertNotEquals(victimMember, moved.member());
        assertTrue(moved.firstStep() > checkpointed, "resumed after its checkpoint of step " + checkpointed
                + ", from step " + moved.firstStep());
        for (ClusterRun run : sweep.runs()) {
            // The killed member may have finished a run before it was killed: then that run ended there, once.
            RunStatus status = run.status().block(Duration.ofSeconds(10));
            assertEquals(RunState.DONE, status.state(), run.id());
            if (status.member().equals(victimMember)) {
                assertEquals(1, status.attempt(), run.id() + " ended on the killed member before the kill");
            }
        }
        for (int i = 0; i < specs.size(); i++) {
            TrainingResult local = specs.get(i).training().result().block();
            SameBits.assertSameResult(local, results.get(i), "run " + i);
        }
        List<TrainingStep> seen = new ArrayList<>(watched);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).step() > seen.get(i - 1).step(), "strictly increasing: " + seen.get(i).step()
                    + " after " + seen.get(i - 1).step());
        }
        TrainingResult victimResult = results.get(sweep.runs().indexOf(victim));
        SameBits.assertSameStep(victimResult.lastStep().orElseThrow(), seen.get(seen.size() - 1),
                "the watcher's last step");
    }

    @Test
    @Order(2)
    void aMemberThatLeavesGracefullyHandsItsRunsBackToBeResumedElsewhere() throws Exception {
        // Members 0 and 2 are left, one run at a time each.
        List<RunSpec> specs = List.of(RunSpecTests.xor(3.0, 11, 2_500_000), RunSpecTests.xor(4.0, 12, 2_500_000));
        ClusterSweep sweep = client.submit(specs);
        String leaving = members.address(2);
        ClusterRun handedBack = await(Duration.ofSeconds(60), () -> {
            for (ClusterRun run : sweep.runs()) {
                RunStatus status = run.status().block(Duration.ofSeconds(10));
                if (status.state() == RunState.RUNNING && status.member().equals(leaving)
                        && client.hazelcast().getMap(BackfluxCluster.CHECKPOINTS).containsKey(run.id())) {
                    return run;
                }
            }
            return null;
        });

        members.stop(2);

        List<TrainingResult> results = sweep.results().collectList().block(Duration.ofSeconds(120));
        RunStatus moved = handedBack.status().block(Duration.ofSeconds(10));
        assertEquals(2, moved.attempt());
        assertEquals(members.address(0), moved.member());
        assertTrue(moved.firstStep() > 0, "resumed from its checkpoint: " + moved);
        for (int i = 0; i < specs.size(); i++) {
            SameBits.assertSameResult(specs.get(i).training().result().block(), results.get(i), "run " + i);
        }
    }

    static <T> T await(Duration timeout, java.util.function.Supplier<T> found) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value;
        while ((value = found.get()) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(20);
        }
        return value;
    }
}
