package dev.backflux.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;

/**
 * Ports and cluster names chosen when the tests run, so that two builds on one machine never join each other's
 * clusters: a port the system gives on 127.0.0.1 (then closed for the member to take), and a cluster name with a
 * random suffix.
 */
final class TestNet {

    private TestNet() {
    }

    /** A port free on 127.0.0.1 now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} distinct ports free on 127.0.0.1 now. */
    static int[] freePorts(int count) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            int port;
            do {
                port = freePort();
            } while (contains(ports, i, port));
            ports[i] = port;
        }
        return ports;
    }

    private static boolean contains(int[] ports, int count, int port) {
        for (int i = 0; i < count; i++) {
            if (ports[i] == port) {
                return true;
            }
        }
        return false;
    }

    /** A cluster name of this build only: {@code prefix} and a random suffix. */
    static String clusterName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
