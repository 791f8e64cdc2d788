package dev.backflux.cluster;

/**
 * A run that failed on a member: the error that ended it there (a divergence, a plugin's failure, a spec the
 * member could not build), carried across the cluster by its class name and message, since members exchange
 * data, never objects.
 */
public final class ClusterRunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the original error's class name and message
     */
    public ClusterRunException(String message) {
        super(message);
    }
}
