package dev.backflux.cluster;

import dev.backflux.api.TrainingResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Not a test: times the 12-run sweep of {@code ThreeMembersTests} (heavier runs) on N members in child JVMs
 * (default settings: one run per core each), against the same sweep run locally one after another and in
 * parallel on every core, and checks the results are the local ones to the bit. Run by hand:
 * {@code java -cp <test class path> dev.backflux.cluster.SweepTiming 3 2000000}.
 */
public final class SweepTiming {

    private SweepTiming() {
    }

    /**
     * Times the sweep.
     *
     * @param args the number of members, then the steps of each run
     * @throws Exception if the members do not start
     */
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        long steps = Long.parseLong(args[1]);
        List<RunSpec> specs = ThreeMembersTests.sweep(steps);
        int[] ports = TestNet.freePorts(count);
        String name = TestNet.clusterName("sweep-timing-" + count);
        long localSequential = System.nanoTime();
        List<TrainingResult> local = new ArrayList<>();
        for (RunSpec spec : specs) {
            local.add(spec.training().result().block());
        }
        localSequential = System.nanoTime() - localSequential;
        long localParallel = System.nanoTime();
        Flux.fromIterable(specs).flatMapSequential(spec -> spec.training().result().subscribeOn(Schedulers.parallel()),
                Runtime.getRuntime().availableProcessors()).blockLast();
        localParallel = System.nanoTime() - localParallel;
        try (ChildMembers members = ChildMembers.start(name, Runtime.getRuntime().availableProcessors(),
                ports);
             BackfluxCluster client = BackfluxCluster.client().clusterName(name)
                     .members(members.addresses()).start()) {
            // A first sweep warms the members' JIT up, as the local runs above warmed this JVM's.
            client.submit(ThreeMembersTests.sweep(steps / 10)).results().blockLast(Duration.ofMinutes(5));
            long start = System.nanoTime();
            List<TrainingResult> results = client.submit(specs).results().collectList().block(Duration.ofMinutes(10));
            long cluster = System.nanoTime() - start;
            for (int i = 0; i < specs.size(); i++) {
                SameBits.assertSameResult(local.get(i), results.get(i), "run " + i);
            }
            System.out.printf("12 runs of %d steps: %d member(s) %d ms; locally one after another %d ms, in parallel"
                    + " on %d cores %d ms; results equal to the bit%n", steps, count, cluster / 1_000_000,
                    localSequential / 1_000_000, Runtime.getRuntime().availableProcessors(), localParallel / 1_000_000);
        }
        System.exit(0);
    }
}
