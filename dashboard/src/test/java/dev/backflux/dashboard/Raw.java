package dev.backflux.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** One raw HTTP/1.1 connection to 127.0.0.1, for tests that need to control a connection byte by byte. */
final class Raw implements AutoCloseable {

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Raw(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads what arrives until {@code until} appears, the connection closes, or {@code millis} pass. */
    String read(String until, long millis) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long deadline = System.currentTimeMillis() + millis;
        byte[] buffer = new byte[8192];
        while (System.currentTimeMillis() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Math.min(200, deadline - System.currentTimeMillis())));
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                all.write(("<" + e + ">").getBytes(StandardCharsets.UTF_8));
                break;
            }
            if (n < 0) {
                all.write("<EOF>".getBytes(StandardCharsets.UTF_8));
                break;
            }
            all.write(buffer, 0, n);
            if (until != null && all.toString(StandardCharsets.UTF_8).contains(until)) {
                break;
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
