package dev.backflux.dashboard;

import java.time.Duration;

/**
 * What one dashboard allows: set with {@link Dashboard.Builder}, checked on every request.
 *
 * @param maxRuns runs started over HTTP that may train at once (429 beyond)
 * @param maxSteps the most steps a run started over HTTP may ask for (400 beyond)
 * @param maxUnits the most units in one layer (400 beyond)
 * @param maxWeights the most weights in a network (400 beyond)
 * @param maxExamples the most examples in a spec's inline data (400 beyond)
 * @param maxBodyBytes the largest request body (413 beyond)
 * @param maxStreamClients event-stream clients on one run at once (429 beyond)
 * @param eventInterval the least time between two step events of one stream
 * @param maxShownRuns ended runs beyond this number are forgotten, oldest first
 */
record DashboardLimits(int maxRuns, long maxSteps, int maxUnits, long maxWeights, int maxExamples, int maxBodyBytes,
        int maxStreamClients, Duration eventInterval, int maxShownRuns) {
}
