package dev.backflux.engine;

import dev.backflux.api.spi.Plugin;

/** Test-only: a provider whose constructor throws. */
public final class BrokenPlugin implements Plugin {

    public BrokenPlugin() {
        throw new IllegalStateException("this provider is broken on purpose");
    }

    @Override
    public String id() {
        return "broken";
    }
}
