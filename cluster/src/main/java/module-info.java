/**
 * Runs and sweeps spread over a Hazelcast cluster: members embedded in the application's JVM (or clients of
 * them) take runs from a queue the cluster keeps, train them with the same engine and plugins as a local run,
 * publish their steps for watchers anywhere in the cluster and keep their results
 * ({@link dev.backflux.cluster.BackfluxCluster}, {@link dev.backflux.cluster.RunSpec}).
 */
module dev.backflux.cluster {
    requires transitive dev.backflux.api;
    requires transitive com.hazelcast.core;
    requires tools.jackson.databind;
    requires org.slf4j;

    exports dev.backflux.cluster;
}
