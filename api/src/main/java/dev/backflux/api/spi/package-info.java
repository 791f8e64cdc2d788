/**
 * Service provider interfaces: what an engine or a plugin implements to be found with
 * {@link java.util.ServiceLoader}.
 */
package dev.backflux.api.spi;
