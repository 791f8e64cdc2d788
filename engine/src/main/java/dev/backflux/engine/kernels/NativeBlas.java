package dev.backflux.engine.kernels;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads the system's BLAS through {@code dev.ludovic.netlib:blas}, whose JNI library {@code dlopen}s
 * {@code libblas.so.3} (on Debian, OpenBLAS's when {@code libopenblas0-pthread} is installed; netlib's
 * {@code dev.ludovic.netlib.blas.nativeLib} and {@code nativeLibPath} properties name another). Netlib's Java
 * fallback is never used: without a native BLAS the engine keeps its own kernels.
 *
 * <p>Two things are kept quiet: where no {@code libblas.so.3} is found on Linux, netlib is not asked (its JNI
 * library would print its {@code dlopen} failure to standard error), and netlib's own {@code java.util.logging}
 * line ("Using ...") is raised to {@code WARNING} while it loads, unless the application set that logger's
 * level. What happened is said once by {@link KernelChoice}, at debug.
 */
final class NativeBlas {

    /** The library netlib's JNI library opens by default on Linux. */
    static final String LIBRARY = "libblas.so.3";

    private static final String NATIVE_LIB = "dev.ludovic.netlib.blas.nativeLib";
    private static final String NATIVE_LIB_PATH = "dev.ludovic.netlib.blas.nativeLibPath";
    private static final String NETLIB_LOGGER = "dev.ludovic.netlib.blas.InstanceBuilder";

    /** The products, or why there are none. */
    record Loaded(NativeProducts products, String description) {
    }

    private NativeBlas() {
    }

    /** Loads the native BLAS once per call: {@link KernelChoice} calls it at most once per JVM. */
    static Loaded load() {
        if (isLinux() && System.getProperty(NATIVE_LIB) == null && System.getProperty(NATIVE_LIB_PATH) == null) {
            List<String> directories = libraryDirectories();
            if (directories.stream().noneMatch(directory -> new File(directory, LIBRARY).exists())) {
                return new Loaded(null, "no " + LIBRARY + " in " + String.join(":", directories));
            }
        }
        Logger netlib = Logger.getLogger(NETLIB_LOGGER);
        boolean quieted = netlib.getLevel() == null;
        if (quieted) {
            netlib.setLevel(Level.WARNING);
        }
        try {
            NativeBLAS blas = NativeBLAS.getInstance();
            return new Loaded(new NativeProducts(blas), blas.getClass().getName());
        } catch (Throwable failure) {
            // netlib says only "Unable to load native implementation"; its cause, if any, is more telling.
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            return new Loaded(null, "netlib could not load it: " + cause);
        } finally {
            if (quieted) {
                netlib.setLevel(null);
            }
        }
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** Where the dynamic linker usually finds libraries: LD_LIBRARY_PATH, java.library.path and the usual places. */
    private static List<String> libraryDirectories() {
        Set<String> directories = new LinkedHashSet<>();
        for (String path : new String[] {System.getenv("LD_LIBRARY_PATH"), System.getProperty("java.library.path")}) {
            if (path != null) {
                for (String directory : path.split(File.pathSeparator)) {
                    if (!directory.isEmpty()) {
                        directories.add(directory);
                    }
                }
            }
        }
        String multiarch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64" -> "aarch64-linux-gnu";
            case "riscv64" -> "riscv64-linux-gnu";
            default -> null;
        };
        if (multiarch != null) {
            directories.add("/usr/lib/" + multiarch);
            directories.add("/lib/" + multiarch);
        }
        directories.addAll(List.of("/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib"));
        return new ArrayList<>(directories);
    }
}
