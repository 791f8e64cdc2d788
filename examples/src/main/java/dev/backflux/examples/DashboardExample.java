package dev.backflux.examples;

import dev.backflux.dashboard.Dashboard;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts the dashboard on 127.0.0.1 and prints its address with its token; it runs until interrupted (Ctrl+C),
 * then cancels the runs started from the page and stops.
 */
@Command(name = "dashboard",
        description = "Serves the live dashboard on 127.0.0.1 until interrupted: open the printed URL, start the"
                + " tutorial's network and watch it learn.")
final class DashboardExample implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "The port; 0 for any free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Dashboard dashboard = Dashboard.builder().port(port).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            dashboard.close();
            out.println("Backflux dashboard stopped; the runs started from the page were cancelled.");
            out.flush();
            stopped.countDown();
        }, "backflux-dashboard-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        out.println("Backflux dashboard: open " + dashboard.url());
        out.println("Press Ctrl+C to stop.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // Interrupted in this JVM (a test, an application running the example): stop now, not at exit.
            Runtime.getRuntime().removeShutdownHook(shutdown);
            dashboard.close();
        }
    }
}
