package dev.backflux.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class LifecycleTests {

    @Test
    void closingAMemberAndAClientLeavesNoThreadOfTheirs() throws InterruptedException {
        String cluster = TestNet.clusterName("lifecycle-tests");
        int port = TestNet.freePort();
        BackfluxCluster member = BackfluxCluster.member().clusterName(cluster).port(port).maxRuns(1)
                .property("hazelcast.wait.seconds.before.join", "0").start();
        BackfluxCluster client = BackfluxCluster.client().clusterName(cluster)
                .members("127.0.0.1:" + port).start();
        assertTrue(member.isMember());
        assertEquals(1, member.maxRuns());
        assertEquals(0, client.maxRuns());
        client.submit(RunSpecTests.xor(1, 1, 1_000)).result().block(Duration.ofSeconds(30));
        client.close();
        member.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(name -> name.startsWith("hz.") || name.startsWith("backflux-cluster"))
                    .collect(Collectors.toList());
            if (!left.isEmpty()) {
                Thread.sleep(50);
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertEquals(List.of(), left);
        assertThrows(IllegalStateException.class, () -> client.submit(RunSpecTests.xor(1, 1, 10)));
    }

    @Test
    void noTrainingGoesOnAfterCloseReturnsEvenRightAsTheMemberClaims() throws InterruptedException {
        // close() at several moments of a run's start: before the claim, during it, while the training is
        // being built and stored, and while it trains. Once close() returns, not one more step.
        for (int delay : new int[] {0, 1, 3, 10, 30, 300}) {
            BackfluxCluster member = BackfluxCluster.member().clusterName(TestNet.clusterName("lifecycle-close"))
                    .port(TestNet.freePort()).maxRuns(1).property("hazelcast.wait.seconds.before.join", "0")
                    .start();
            member.submit(RunSpec.builder().layerSizes(3, 4, 1).steps(1_000_000_000L)
                    .data(dev.backflux.testing.Tutorial.XOR).plugin(StepCounterPlugin.ID, java.util.Map.of())
                    .build());
            Thread.sleep(delay);
            member.close();
            long after = StepCounterPlugin.STEPS.get();
            Thread.sleep(300);
            assertEquals(after, StepCounterPlugin.STEPS.get(), "steps counted after close() returned, closed "
                    + delay + " ms after the submission");
        }
        assertTrue(StepCounterPlugin.STEPS.get() > 0, "some run trained before its member was closed");
    }

    @Test
    void badBuilderArgumentsAreRefusedNamingThem() {
        assertEquals("port: expected 1 to 65535, actual 0", assertThrows(IllegalArgumentException.class,
                () -> BackfluxCluster.member().port(0)).getMessage());
        assertEquals("maxRuns: expected at least 0, actual -1", assertThrows(IllegalArgumentException.class,
                () -> BackfluxCluster.member().maxRuns(-1)).getMessage());
        assertEquals("members: expected at least one host:port, actual none",
                assertThrows(IllegalArgumentException.class, () -> BackfluxCluster.client().members()).getMessage());
        assertEquals("connectTimeout: expected a positive duration, actual PT0S",
                assertThrows(IllegalArgumentException.class,
                        () -> BackfluxCluster.client().connectTimeout(Duration.ZERO)).getMessage());
    }
}
