package dev.backflux.cluster;

import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingViews;
import java.time.Duration;
import java.util.Map;

/** Not a test: what a member adds to a run, measured by hand. */
public final class OverheadTiming {

    private OverheadTiming() {
    }

    /**
     * Times one run four ways.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        RunSpec spec = RunSpecTests.xor(1.0, 1, 2_000_000);
        if (args.length > 0) {
            try (BackfluxCluster member = BackfluxCluster.member().clusterName(TestNet.clusterName("overhead"))
                    .port(TestNet.freePort()).maxRuns(1)
                    .property("hazelcast.wait.seconds.before.join", "0").start()) {
                for (int round = 0; round < 4; round++) {
                    long t0 = System.nanoTime();
                    spec.training().start().result().block();
                    long t1 = System.nanoTime();
                    member.submit(spec).result().block();
                    long t2 = System.nanoTime();
                    System.out.printf("bare %d ms, on a member in this JVM %d ms%n", (t1 - t0) / 1_000_000,
                            (t2 - t1) / 1_000_000);
                }
            }
            return;
        }
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            spec.training().start().result().block();
            long t1 = System.nanoTime();
            Checkpointer checkpointer = new Checkpointer(Duration.ofSeconds(5).toNanos(), spec.steps() - 1, null,
                    System::nanoTime, checkpoint -> { });
            spec.builder(spec.network()).steps(spec.steps()).plugin(checkpointer, Map.of()).build().start().result()
                    .block();
            long t2 = System.nanoTime();
            TrainingRun run = spec.training().start();
            run.steps().transform(TrainingViews.atMostOnePer(Duration.ofMillis(50))).subscribe();
            run.result().block();
            long t3 = System.nanoTime();
            System.out.printf("bare %d ms, with the checkpointer %d ms, with a sampled subscriber %d ms%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        }
    }
}
