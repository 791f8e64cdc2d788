package dev.backflux.api;

/**
 * Ends a run whose plugin threw an exception or emitted an error; the cause is the plugin's own exception.
 */
public final class PluginFailureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pluginId;

    /**
     * Creates the exception.
     *
     * @param pluginId the id of the plugin that failed
     * @param cause what it threw or emitted
     */
    public PluginFailureException(String pluginId, Throwable cause) {
        super("Plugin '" + pluginId + "' failed: " + cause, cause);
        this.pluginId = pluginId;
    }

    /**
     * Returns the id of the plugin that failed.
     *
     * @return the id, never {@code null}
     */
    public String pluginId() {
        return pluginId;
    }
}
