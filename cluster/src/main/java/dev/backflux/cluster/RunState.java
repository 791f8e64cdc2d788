package dev.backflux.cluster;

/** Where a run submitted to a cluster is in its life. */
public enum RunState {
    /** Waiting in the cluster's queue for a member with a free slot. */
    QUEUED,
    /** Training on a member. */
    RUNNING,
    /** Ended, however (completed, stopped, cancelled or failed): its result is kept in the cluster. */
    DONE
}
