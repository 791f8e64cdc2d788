package dev.backflux.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Members started in child JVMs on 127.0.0.1 with the test JVM's class path, each logging to a file under
 * {@code target/members}; {@link #close()} stops them gracefully and kills those that do not stop in time.
 */
final class ChildMembers implements AutoCloseable {

    /**
     * The kernels every child member trains on: the test JVM's own ({@code java}, set by the module's surefire
     * configuration), so that members compute the same bits as the local runs they are compared with.
     */
    static final String KERNELS = System.getProperty("backflux.kernels", "java");

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final int[] ports;

    private ChildMembers(int[] ports) {
        this.ports = ports.clone();
    }

    static ChildMembers start(String clusterName, int maxRuns, int... ports) throws IOException, InterruptedException {
        return start(clusterName, maxRuns, Duration.ofSeconds(5), ports);
    }

    static ChildMembers start(String clusterName, int maxRuns, Duration checkpoints, int... ports) throws IOException, InterruptedException {
        ChildMembers members = new ChildMembers(ports);
        try {
            Path directory = Files.createDirectories(Path.of("target", "members"));
            List<String> addresses = new ArrayList<>();
            for (int port : ports) {
                addresses.add("127.0.0.1:" + port);
            }
            for (int port : ports) {
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-Dbackflux.kernels=" + KERNELS,
                        "--add-modules", "jdk.incubator.vector",
                        "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens",
                        "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
                        "-cp", System.getProperty("java.class.path"), MemberMain.class.getName(),
                        clusterName, String.valueOf(port), String.valueOf(maxRuns), String.valueOf(ports.length),
                        String.valueOf(checkpoints.toMillis())));
                command.addAll(addresses);
                Path log = directory.resolve(clusterName + "-" + port + ".log");
                Files.deleteIfExists(log);
                members.logs.add(log);
                members.processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start());
            }
            members.awaitReady(Duration.ofSeconds(90));
            return members;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            members.close();
            throw e;
        }
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < processes.size(); i++) {
            while (!Files.readString(logs.get(i)).contains("READY ")) {
                if (!processes.get(i).isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Member " + ports[i] + " did not start: "
                            + Files.readString(logs.get(i)));
                }
                Thread.sleep(50);
            }
        }
    }

    int port(int member) {
        return ports[member];
    }

    String address(int member) {
        return "127.0.0.1:" + ports[member];
    }

    String[] addresses() {
        String[] addresses = new String[ports.length];
        for (int i = 0; i < ports.length; i++) {
            addresses[i] = address(i);
        }
        return addresses;
    }

    /** Kills a member as {@code kill -9} does: no goodbye to the cluster. */
    void kill(int member) throws InterruptedException {
        processes.get(member).destroyForcibly();
        processes.get(member).waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops a member as its application would: it leaves the cluster gracefully, handing its runs back. */
    void stop(int member) throws IOException, InterruptedException {
        Process process = processes.get(member);
        OutputStream in = process.getOutputStream();
        in.write("stop\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Member " + ports[member] + " did not stop within 30 s");
        }
    }

    String log(int member) throws IOException {
        return Files.readString(logs.get(member));
    }

    @Override
    public void close() {
        for (Process process : processes) {
            if (process.isAlive()) {
                try {
                    OutputStream in = process.getOutputStream();
                    in.write("stop\n".getBytes(StandardCharsets.UTF_8));
                    in.flush();
                    in.close();
                } catch (IOException e) {
                    process.destroyForcibly();
                }
            }
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
