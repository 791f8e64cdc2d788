package dev.backflux.examples;

import java.io.PrintWriter;

/**
 * An example that takes no option and only prints: {@link Examples} runs it without building a command line,
 * since picocli's reflection over a command is a good part of a short example's start-up.
 */
interface OptionFree {

    /** Runs the example, printing to {@code out}. */
    void print(PrintWriter out);
}
