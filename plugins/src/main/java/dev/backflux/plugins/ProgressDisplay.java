package dev.backflux.plugins;

/**
 * Where the {@code progress} plugin shows a run's figures: a bar redrawn in place on a terminal, or a plain
 * line each time elsewhere. Called on the drawing thread only, one call at a time; may block.
 */
interface ProgressDisplay {

    /** Shows a newer step's figures. */
    void show(ProgressFigures figures);

    /** Ends the display once the last figures are shown; waits for its last drawing. */
    void close();
}
