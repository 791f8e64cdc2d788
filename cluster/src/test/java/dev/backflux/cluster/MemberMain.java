package dev.backflux.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A cluster member in a JVM of its own, as the tests start them: it joins, waits until the cluster has the
 * expected number of members, prints {@code READY}, then trains until its standard input says {@code stop} or
 * closes (then it leaves gracefully), or until it is killed.
 */
public final class MemberMain {

    private MemberMain() {
    }

    /**
     * Runs the member.
     *
     * @param args cluster name, port, max runs, expected members, checkpoint interval in milliseconds, then every
     *             member's {@code host:port}
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        String clusterName = args[0];
        int port = Integer.parseInt(args[1]);
        int maxRuns = Integer.parseInt(args[2]);
        int expected = Integer.parseInt(args[3]);
        long checkpointMillis = Long.parseLong(args[4]);
        String[] members = java.util.Arrays.copyOfRange(args, 5, args.length);
        BackfluxCluster member = BackfluxCluster.member().clusterName(clusterName).port(port).members(members)
                .maxRuns(maxRuns).checkpointInterval(Duration.ofMillis(checkpointMillis)).property("hazelcast.wait.seconds.before.join", "1")
                .property("hazelcast.max.no.heartbeat.seconds", "6")
                .property("hazelcast.heartbeat.interval.seconds", "1")
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (member.hazelcast().getCluster().getMembers().size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        System.out.println("READY " + member.hazelcast().getCluster().getLocalMember().getUuid() + " "
                + member.hazelcast().getCluster().getMembers().size() + " kernels="
                + System.getProperty("backflux.kernels") + " vector="
                + ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.equals("stop")) {
                // Nothing else is asked of a member.
            }
        }
        member.close();
        System.exit(0);
    }
}
