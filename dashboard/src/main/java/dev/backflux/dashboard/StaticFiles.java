package dev.backflux.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The page's files, read once from the jar when the dashboard is built (so that serving them never touches a
 * disk on an event loop): those listed in {@code static/files.txt}, and uPlot's module and style sheet from its
 * WebJar. Only these paths are served: nothing else of the class path can be asked for.
 */
final class StaticFiles {

    static final String UPLOT_VERSION = "1.6.30";
    private static final String PAGE = "static/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";

    /** A file's bytes and its content type. */
    record File(byte[] bytes, String contentType) {
    }

    private final Map<String, File> files = new LinkedHashMap<>();

    StaticFiles() {
        String list = new String(read(StaticFiles.class, PAGE + "files.txt"), StandardCharsets.UTF_8);
        for (String line : list.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.put(name, new File(read(StaticFiles.class, PAGE + name), contentType(name)));
            }
        }
        files.put("uplot/uPlot.esm.js", new File(read(null, UPLOT + "uPlot.esm.js"),
                contentType("uPlot.esm.js")));
        files.put("uplot/uPlot.min.css", new File(read(null, UPLOT + "uPlot.min.css"),
                contentType("uPlot.min.css")));
    }

    /** The file at a path relative to the dashboard's base ({@code index.html}, {@code uplot/uPlot.esm.js}). */
    File get(String path) {
        return files.get(path);
    }

    Map<String, File> all() {
        return files;
    }

    /** Reads a resource of this package ({@code owner} given) or, from another jar, of the class loader. */
    private static byte[] read(Class<?> owner, String resource) {
        try (InputStream in = owner != null ? owner.getResourceAsStream(resource)
                : StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            return Objects.requireNonNull(in, () -> "the dashboard's jar lacks " + resource).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource + " from the dashboard's jar", e);
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (name.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (name.endsWith(".png")) {
            return "image/png";
        }
        throw new IllegalArgumentException("static file: expected .html, .js, .css, .svg or .png, actual " + name);
    }
}
