package dev.backflux.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.TrainingResult;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cluster's README: its Java samples are {@link ReadmeSamples}' code, and they do what it says. */
@Timeout(120)
class ReadmeTests {

    @Test
    void everyJavaSampleOfTheReadmeIsTheCodeOfReadmeSamples() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("README.md")));
        while (block.find()) {
            blocks.add(block.group(1));
        }
        Map<String, String> samples = samples();
        assertEquals(List.copyOf(samples.values()), blocks);
    }

    @Test
    void theSweepOnThreeMembersGivesTheLocalResults() {
        int[] ports = TestNet.freePorts(3);
        String name = TestNet.clusterName("readme-tests");
        String[] addresses = {"127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1], "127.0.0.1:" + ports[2]};
        List<BackfluxCluster> members = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                members.add(ReadmeSamples.member(name, ports[i], addresses));
            }
            List<TrainingResult> results = ReadmeSamples.sweep(name, addresses);
            assertEquals(7, results.size());
            int i = 0;
            for (double rate : List.of(0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0)) {
                TrainingResult local = RunSpec.builder().layerSizes(3, 4, 1).learningRate(rate).steps(60_000)
                        .data(dev.backflux.testing.Tutorial.XOR).build().training().result().block(Duration.ofSeconds(60));
                SameBits.assertSameResult(local, results.get(i++), "alpha " + rate);
            }
            assertTrue(members.stream().allMatch(member -> member.hazelcast().getCluster().getMembers().size() == 3));
        } finally {
            members.forEach(BackfluxCluster::close);
        }
    }

    private static Map<String, String> samples() throws IOException {
        Map<String, String> samples = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(Path.of("src", "test", "java", "dev", "backflux", "cluster",
                "ReadmeSamples.java"));
        String name = null;
        StringBuilder text = new StringBuilder();
        int indent = 0;
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.startsWith("// sample: ")) {
                name = trimmed.substring("// sample: ".length());
                indent = line.indexOf('/');
                text.setLength(0);
            } else if (trimmed.equals("// end") && name != null) {
                samples.put(name, text.toString());
                name = null;
            } else if (name != null) {
                text.append(line.length() >= indent ? line.substring(indent) : line.trim()).append('\n');
            }
        }
        return samples;
    }
}
