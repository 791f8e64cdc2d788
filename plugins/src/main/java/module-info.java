/**
 * Backflux's built-in plugins, found at run time with {@link java.util.ServiceLoader}.
 *
 * <p>The plugin SPI and the built-in plugins (logging, early stopping, progress, history and
 * activations) arrive with the plugin issue; this module already builds and ships so that
 * applications can depend on it today.
 */
module dev.backflux.plugins {
    requires dev.backflux.api;
}
