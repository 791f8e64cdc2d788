package dev.backflux.engine;

/** Test-only: a second plugin claiming {@link EchoPlugin}'s id. */
public final class EchoTwinPlugin extends EchoPlugin {
}
