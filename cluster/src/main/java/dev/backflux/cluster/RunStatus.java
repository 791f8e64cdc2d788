package dev.backflux.cluster;

import java.util.Objects;

/**
 * A snapshot of a submitted run's place in the cluster, as {@link ClusterRun#status()} reads it.
 *
 * @param state where the run is in its life
 * @param member the address ({@code host:port}) of the member that trains or trained it; empty while queued
 * @param attempt how many times a member started it: 1 for a run that never moved, more after a member was lost
 *                or shut down while training it; 0 while it was never started
 * @param firstStep the step the latest attempt started from: 0, or the step after the checkpoint it resumed
 */
public record RunStatus(RunState state, String member, int attempt, long firstStep) {

    /**
     * Checks the components.
     *
     * @param state where the run is in its life
     * @param member the member's address, or an empty string
     * @param attempt at least 0
     * @param firstStep at least 0
     */
    public RunStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(member, "member");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt: expected at least 0, actual " + attempt);
        }
        if (firstStep < 0) {
            throw new IllegalArgumentException("firstStep: expected at least 0, actual " + firstStep);
        }
    }
}
