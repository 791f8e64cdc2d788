package dev.backflux.cluster;

import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.testing.Tutorial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The Java samples of the cluster's README, line for line between the markers; {@code ReadmeTests} runs them. */
final class ReadmeSamples {

    private ReadmeSamples() {
    }

    static BackfluxCluster member(String name, int port, String... members) {
        // sample: member
        BackfluxCluster member = BackfluxCluster.member()          // in each application's JVM, once
                .clusterName(name)                                 // the same on every member and client
                .port(port)                                        // listens on 127.0.0.1 unless host(...) says
                .members(members)                                  // every member's host:port, itself included
                .start();                                          // trains one run per core, until close()
        // end
        return member;
    }

    static List<TrainingResult> sweep(String name, String... members) {
        TrainingData xor = Tutorial.XOR;
        // sample: sweep
        try (BackfluxCluster cluster = BackfluxCluster.client().clusterName(name).members(members).start()) {
            List<RunSpec> specs = new ArrayList<>();
            for (double rate : List.of(0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0)) {    // Part 2's rates
                specs.add(RunSpec.builder().layerSizes(3, 4, 1).learningRate(rate).steps(60_000).data(xor).build());
            }
            ClusterSweep sweep = cluster.submit(specs);            // checked here, then queued in the cluster
            return sweep.results().collectList()                   // in submission order, as run locally
                    .block(Duration.ofMinutes(10));                // never without a time limit
        }
        // end
    }
}
