package dev.backflux.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for tests, driven through Selenium with the browser and driver of the Debian packages
 * {@code chromium} and {@code chromium-driver}: nothing is downloaded at run time. The driver's path is given to
 * {@link ChromeDriverService} and the browser's to {@link ChromeOptions#setBinary}, so Selenium Manager never runs
 * (Selenium 4.52 has no switch that disables it; it runs only when no driver path is known, and
 * {@link #seleniumManagerSkipped()} says whether Selenium logged that it skipped it).
 *
 * <p>Paths: system property {@value #CHROMIUM_PROPERTY} or environment variable {@value #CHROMIUM_ENV}, else
 * {@value #DEFAULT_CHROMIUM}; system property {@value #CHROMEDRIVER_PROPERTY} or environment variable
 * {@value #CHROMEDRIVER_ENV}, else {@value #DEFAULT_CHROMEDRIVER}. When either is missing,
 * {@link #unavailableReason()} says so, for {@code Assumptions.assumeTrue(reason.isEmpty(), reason::get)}.
 *
 * <p>Each instance has its own temporary profile, deleted by {@link #close()}, which also waits for chromedriver
 * and every browser process under it to exit (and kills and reports any that does not).
 */
final class HeadlessChromium implements AutoCloseable {

    static final String CHROMIUM_PROPERTY = "chromium.binary";
    static final String CHROMIUM_ENV = "CHROMIUM_BINARY";
    static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER_PROPERTY = ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY; // webdriver.chrome.driver
    static final String CHROMEDRIVER_ENV = "CHROMEDRIVER";
    static final String DEFAULT_CHROMEDRIVER = "/usr/bin/chromedriver";

    /** The flags of every session, besides chromedriver's own and the profile directory. */
    static final List<String> FLAGS = List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,800");

    private static final long EXIT_TIMEOUT_SECONDS = 10;

    private final ChromeDriver driver;
    private final Path profile;
    private final List<ProcessHandle> driverProcesses;
    private final boolean seleniumManagerSkipped;
    private boolean closed;

    private HeadlessChromium(ChromeDriver driver, Path profile, List<ProcessHandle> driverProcesses,
            boolean seleniumManagerSkipped) {
        this.driver = driver;
        this.profile = profile;
        this.driverProcesses = driverProcesses;
        this.seleniumManagerSkipped = seleniumManagerSkipped;
    }

    static Path chromium() {
        return configured(CHROMIUM_PROPERTY, CHROMIUM_ENV, DEFAULT_CHROMIUM);
    }

    static Path chromedriver() {
        return configured(CHROMEDRIVER_PROPERTY, CHROMEDRIVER_ENV, DEFAULT_CHROMEDRIVER);
    }

    private static Path configured(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return Path.of(value == null || value.isBlank() ? fallback : value);
    }

    /** Empty when the browser and the driver are both executable; else what is missing and how to install it. */
    static Optional<String> unavailableReason() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(chromium())) {
            missing.add("Chromium (" + chromium() + "; -D" + CHROMIUM_PROPERTY + " or $" + CHROMIUM_ENV + ")");
        }
        if (!Files.isExecutable(chromedriver())) {
            missing.add("chromedriver (" + chromedriver() + "; -D" + CHROMEDRIVER_PROPERTY + " or $" + CHROMEDRIVER_ENV
                    + ")");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("no executable " + String.join(" and ", missing) + ": run .ci/run, or as root"
                + " `apt-get install chromium chromium-driver` (Debian packages; nothing is downloaded at run time)");
    }

    /** Starts a session without a chromedriver log. */
    static HeadlessChromium start() throws IOException {
        return start(null);
    }

    /**
     * Starts chromedriver and a headless Chromium with a fresh temporary profile.
     *
     * @param driverLog where chromedriver writes its log (replaced), or null for none
     * @throws IllegalStateException when the browser or the driver is missing ({@link #unavailableReason()})
     */
    static HeadlessChromium start(Path driverLog) throws IOException {
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            throw new IllegalStateException(reason.get());
        }
        Path profile = Files.createTempDirectory("headless-chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging); // goog:loggingPrefs

        ChromeDriverService.Builder service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().toFile())
                .usingAnyFreePort();
        if (driverLog != null) {
            Files.createDirectories(driverLog.toAbsolutePath().getParent());
            Files.deleteIfExists(driverLog);
            service.withLogFile(driverLog.toFile());
        }

        // Selenium logs at FINE whether it found the driver without Selenium Manager.
        Logger finder = Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");
        Level finderLevel = finder.getLevel();
        List<String> finderMessages = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (finderMessages) {
                    finderMessages.add(String.valueOf(record.getMessage()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        finder.setLevel(Level.FINE);
        finder.addHandler(handler);

        Set<ProcessHandle> childrenBefore = ProcessHandle.current().children().collect(Collectors.toSet());
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service.build(), options);
        } catch (RuntimeException e) {
            deleteQuietly(profile);
            throw e;
        } finally {
            finder.removeHandler(handler);
            finder.setLevel(finderLevel);
        }
        // chromedriver is a child of this JVM; the browser runs under it.
        List<ProcessHandle> driverProcesses = ProcessHandle.current().children()
                .filter(p -> !childrenBefore.contains(p))
                .collect(Collectors.toList());
        boolean skipped;
        synchronized (finderMessages) {
            skipped = finderMessages.stream().anyMatch(m -> m.startsWith("Skipping Selenium Manager"));
        }
        return new HeadlessChromium(driver, profile, driverProcesses, skipped);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Whether Selenium logged, while this session started, that it used the given driver and not Selenium Manager. */
    boolean seleniumManagerSkipped() {
        return seleniumManagerSkipped;
    }

    /**
     * The browser console's entries since the previous call (each call drains them), from the {@code goog:loggingPrefs}
     * browser log: console.* calls, uncaught errors, failed loads and Content-Security-Policy violations, of every
     * tab of the session. console.error and the errors are {@link Level#SEVERE}, console.warn WARNING, console.log
     * INFO.
     */
    List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** The entries of {@link #console()} at level SEVERE (which drains all of them). */
    List<LogEntry> consoleErrors() {
        return console().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .collect(Collectors.toList());
    }

    /** Saves a PNG screenshot of the current tab's viewport, creating the directories. */
    Path screenshot(Path png) throws IOException {
        byte[] bytes = driver.getScreenshotAs(OutputType.BYTES);
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.write(png, bytes);
        return png;
    }

    /** The chromedriver process and every process under it that is still alive (the browser's, while it runs). */
    List<ProcessHandle> processes() {
        return driverProcesses.stream()
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .filter(ProcessHandle::isAlive)
                .collect(Collectors.toList());
    }

    /**
     * Quits the browser and chromedriver, waits for all their processes to exit and deletes the profile. A process
     * still alive after {@value #EXIT_TIMEOUT_SECONDS} seconds is killed and reported by an IllegalStateException.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Set<ProcessHandle> tree = new HashSet<>(processes());
        RuntimeException failure = null;
        try {
            driver.quit(); // also stops the ChromeDriverService
        } catch (RuntimeException e) {
            failure = e;
        }
        List<String> leaked = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_TIMEOUT_SECONDS);
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                leaked.add(process.pid() + " " + process.info().commandLine().orElse("?"));
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            deleteRecursively(profile);
        } catch (IOException | UncheckedIOException e) {
            if (failure == null) {
                failure = new IllegalStateException("could not delete the profile " + profile, e);
            }
        }
        if (!leaked.isEmpty()) {
            IllegalStateException e = new IllegalStateException(
                    "processes still alive " + EXIT_TIMEOUT_SECONDS + " s after quit, killed: " + leaked);
            if (failure != null) {
                e.addSuppressed(failure);
            }
            throw e;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        }
    }
}
