package org.pekkolab.imagepipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The run options in sections of the help (picocli argument groups), which still reject what they always rejected. */
class OptionSectionsTest {

    private static final List<String> SECTIONS = List.of("Input, a folder or a URL list:", "Images and reads:", "Workers and dispatchers:",
            "Delivery and backpressure:", "Faults and supervision:", "Output and report:", "Timing and configuration:");

    @Test
    void everySweepCommandShowsTheSectionsInOrder() {
        for (var command : List.of("run", "bench", "cluster")) {
            var help = CommandLineTest.execute(command, "--help").out().lines().toList();
            var positions = SECTIONS.stream().map(help::indexOf).toList();
            assertTrue(positions.stream().allMatch(position -> position > 0), command + ": " + positions);
            assertEquals(positions.stream().sorted().toList(), positions, command);
        }
    }

    @Test
    void aFolderAndAUrlListTogetherAreOneUsageError() {
        var result = CommandLineTest.execute("-i", "images", "--source", "urls.txt");

        assertEquals(2, result.status());
        assertEquals("error: --input=DIR, --source=FILE are mutually exclusive (specify only one)", result.err().lines().findFirst().orElseThrow());
    }

    @Test
    void anOptionGivenTwiceIsNamedAsBeforeItHadASection() {
        for (var args : List.of(
                new String[] {"--repeat", "2", "--repeat", "3"},
                new String[] {"run", "--fail-rate", "0.1", "-w", "1", "--fail-rate", "0.2"},
                new String[] {"bench", "--source", "a.txt", "--source", "b.txt"})) {
            var result = CommandLineTest.execute(args);
            var option = args[args.length - 2];
            assertEquals(2, result.status(), String.join(" ", args));
            assertTrue(result.err().startsWith("error: option '" + option + "' ("), result.err());
            assertTrue(result.err().lines().findFirst().orElseThrow().endsWith(") should be specified only once"), result.err());
        }
    }
}
