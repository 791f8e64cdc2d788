package dev.backflux.plugins;

import java.io.PrintStream;

/**
 * The {@code progress} display for an output that is not a terminal (a file, a pipe, a CI log): one plain
 * line per showing, ended by {@code '\n'} whatever the platform, never a {@code '\r'}.
 */
final class LineDisplay implements ProgressDisplay {

    private final PrintStream out;

    LineDisplay(PrintStream out) {
        this.out = out;
    }

    @Override
    public void show(ProgressFigures figures) {
        out.print(figures.line() + '\n');
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
