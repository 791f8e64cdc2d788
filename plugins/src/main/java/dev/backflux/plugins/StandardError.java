package dev.backflux.plugins;

import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Whether the process's standard error is a terminal, asked of jline once per JVM. {@code System.console()}
 * cannot tell: it looks at standard input and output, so {@code 2> file} from a terminal still has one.
 *
 * <p>jline's {@code exec} provider runs {@code test -t 2} (and reads the stream's name on Windows): a
 * subprocess, so this is asked on a thread that may block, never the training thread. Any failure to ask
 * counts as "not a terminal", whose plain lines read correctly anywhere.
 */
final class StandardError {

    private static volatile Boolean terminal;

    private StandardError() {
    }

    /** Returns whether standard error is a terminal; may start a short subprocess the first time. */
    static boolean isTerminal() {
        Boolean known = terminal;
        if (known == null) {
            known = ask();
            terminal = known;
        }
        return known;
    }

    private static boolean ask() {
        try {
            return TerminalProvider.load("exec").isSystemStream(SystemStream.Error);
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
