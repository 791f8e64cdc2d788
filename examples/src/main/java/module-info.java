/**
 * Runnable Backflux examples: the tutorial's networks and predictions. Start with
 * {@code dev.backflux.examples.Examples}.
 */
module dev.backflux.examples {
    requires dev.backflux.api;
    requires info.picocli;

    opens dev.backflux.examples to info.picocli;
}
