package dev.backflux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code package}: the launcher script {@code bin/backflux} starts the runnable jar just built, as the
 * README's two commands do from a fresh clone.
 */
class LauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private List<String> launch(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return List.of(String.valueOf(process.exitValue()), output);
    }

    @Test
    void theLauncherRunsTheJarWithItsVersionAndTrainsOnTheIrisData() throws Exception {
        List<String> version = launch(ROOT.resolve("bin/backflux"), "--version");
        assertEquals("0", version.get(0), version.get(1));
        assertEquals("backflux " + System.getProperty("project.version", "0.1.0-SNAPSHOT") + "\n", version.get(1));

        List<String> train = launch(ROOT.resolve("bin/backflux"), "train", ROOT.resolve("data/iris.csv").toString(),
                "--skip-rows", "1", "--no-header", "--one-hot", "--scale", "--hidden", "8", "--learning-rate", "0.02",
                "--steps", "2000", "--save", "iris.json", "--no-progress");
        assertEquals("0", train.get(0), train.get(1));
        assertTrue(train.get(1).startsWith("COMPLETED: ran all 2000 requested steps\n"), train.get(1));
        assertTrue(Files.readString(directory.resolve("iris.json")).contains("\"library\" : \"backflux 0.1.0"),
                "the jar's version in the saved network's metadata");
    }

    @Test
    void withoutItsJarTheLauncherSaysHowToBuildIt() throws Exception {
        Path script = Files.createDirectories(directory.resolve("clone/bin")).resolve("backflux");
        Files.copy(ROOT.resolve("bin/backflux"), script, StandardCopyOption.REPLACE_EXISTING);

        List<String> run = launch(script, "--version");

        assertEquals("1", run.get(0));
        assertTrue(run.get(1).startsWith("backflux: " + directory.resolve("clone/cli/target/backflux.jar")
                + " is missing: build it with ./mvnw -q -pl cli -am package -DskipTests"), run.get(1));
    }
}
