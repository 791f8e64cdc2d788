/**
 * Internal to Backflux: exported to its own modules only; applications must not use it.
 */
package dev.backflux.api.internal;
