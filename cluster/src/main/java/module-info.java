/**
 * Runs and sweeps spread over a Hazelcast cluster: a run's specification as plain data
 * ({@link dev.backflux.cluster.RunSpec}), which members build with the same engine and plugins as a local run.
 */
module dev.backflux.cluster {
    requires transitive dev.backflux.api;
    requires transitive com.hazelcast.core;
    requires tools.jackson.databind;
    requires org.slf4j;

    exports dev.backflux.cluster;
}
