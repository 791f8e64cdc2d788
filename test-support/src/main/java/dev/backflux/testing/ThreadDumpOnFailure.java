package dev.backflux.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prints every thread's stack to standard error when a test fails by waiting too long (a timeout, something that
 * did not arrive in time), then lets the failure through: a run that hangs only once in many suite runs can then
 * be read from the report of the run where it did (which thread was doing what when a step or a result did not
 * arrive). Registered for every test through
 * JUnit's extension auto-detection ({@code META-INF/services} and the surefire configuration in the parent pom).
 */
public final class ThreadDumpOnFailure implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (!aWait(failure)) {
            throw failure;
        }
        String threads = Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(true, true))
                .map(ThreadDumpOnFailure::describe)
                .collect(Collectors.joining());
        System.err.println("Threads when " + context.getDisplayName() + " failed (" + failure + "):\n" + threads
                + "Started runs not ended:\n" + liveRuns());
        throw failure;
    }

    /** The engine's started runs that have not ended, when the engine is on the class path. */
    private static String liveRuns() {
        try {
            java.lang.reflect.Method describe = Class.forName("dev.backflux.engine.SharedRun")
                    .getDeclaredMethod("describeLive");
            describe.setAccessible(true);
            return String.valueOf(describe.invoke(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "(not available: " + e + ")\n";
        }
    }

    /** Whether the failure, or a cause, says something did not arrive in time. */
    private static boolean aWait(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof java.util.concurrent.TimeoutException || message.contains("timed out")
                    || message.contains("timeout") || message.contains("no response") || message.contains("within")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(ThreadInfo info) {
        // ThreadInfo.toString() cuts a stack at 8 frames: a stuck thread's cause is usually deeper.
        StringBuilder text = new StringBuilder("\"" + info.getThreadName() + "\" " + info.getThreadState());
        if (info.getLockName() != null) {
            text.append(" on ").append(info.getLockName());
        }
        if (info.getLockOwnerName() != null) {
            text.append(" owned by \"").append(info.getLockOwnerName()).append('"');
        }
        text.append('\n');
        for (StackTraceElement frame : info.getStackTrace()) {
            text.append("\tat ").append(frame).append('\n');
        }
        return text.append('\n').toString();
    }
}
