package org.pekkolab.imagepipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help of every command at 120 columns reads well: no line too long, and no sentence cut by a line break.
 * picocli prints each description element on a line of its own and wraps an element that is too long for the
 * description column; an element must therefore fit its line and, when another follows, end a sentence or clause.
 */
class HelpLayoutTest {

    private static final int WIDTH = 120;

    /** The help of the top-level command and of each subcommand, rendered as {@code --help} renders it. */
    private static Map<CommandSpec, List<String>> helps() {
        var top = Main.commandLine();
        var helps = new LinkedHashMap<CommandSpec, List<String>>();
        helps.put(top.getCommandSpec(), lines(top));
        top.getSubcommands().values().forEach(sub -> helps.put(sub.getCommandSpec(), lines(sub)));
        return helps;
    }

    private static List<String> lines(CommandLine commandLine) {
        return commandLine.getUsageMessage(Ansi.OFF).lines().map(String::stripTrailing).toList();
    }

    private static String name(CommandSpec spec) {
        return spec.qualifiedName();
    }

    @Test
    void noLineIsLongerThan120Columns() {
        var problems = new ArrayList<String>();
        helps().forEach((spec, lines) -> lines.stream().filter(line -> line.length() > WIDTH)
                .forEach(line -> problems.add(name(spec) + " (" + line.length() + "): " + line)));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everySynopsisIsOneLine() {
        helps().forEach((spec, lines) -> {
            int usage = lines.indexOf(lines.stream().filter(line -> line.startsWith("Usage: ")).findFirst().orElseThrow());
            var next = lines.get(usage + 1);
            assertTrue(next.isEmpty() || !next.startsWith(" "), name(spec) + ": the synopsis goes on: " + next);
        });
    }

    /**
     * Each option's description starts on the option's line, in the command's description column, and then has one
     * line per description element, each the whole element: picocli wrapped none. Each element followed by another
     * ends a sentence or clause; "Default:" is not parted from its value.
     */
    @Test
    void optionDescriptionsAreNeverWrappedInsideASentence() {
        var problems = new ArrayList<String>();
        helps().forEach((spec, lines) -> {
            var columns = new TreeSet<Integer>();
            for (var option : spec.options()) {
                if (option.hidden()) {
                    continue;
                }
                var where = name(spec) + " " + option.longestName();
                var rows = optionRows(lines, option);
                if (rows.size() != 1) {
                    problems.add(where + ": listed on " + rows.size() + " lines");
                    continue;
                }
                int row = rows.get(0);
                var elements = option.description();
                var first = lines.get(row);
                if (!first.endsWith(" " + elements[0])) {
                    problems.add(where + ": the description does not start on the option's line, whole: '" + first + "'");
                    continue;
                }
                int column = first.length() - elements[0].length();
                columns.add(column);
                for (int k = 1; k < elements.length; k++) {
                    var line = row + k < lines.size() ? lines.get(row + k) : "";
                    if (line.length() <= column || !line.substring(0, column).isBlank() || !line.substring(column).equals(elements[k])) {
                        problems.add(where + ": element " + k + " is not one whole line, '" + elements[k] + "' vs '" + line + "'");
                    }
                }
                problems.addAll(sentenceProblems(where, elements));
            }
            if (columns.size() > 1) {
                problems.add(name(spec) + ": descriptions start in several columns " + columns);
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The command descriptions and footers: each element on a line of its own, none cut inside a sentence. */
    @Test
    void commandDescriptionsAndFootersAreNeverWrappedInsideASentence() {
        var problems = new ArrayList<String>();
        helps().forEach((spec, lines) -> {
            var usage = spec.usageMessage();
            var description = formatted(usage.description());
            for (var element : description) {
                if (!lines.contains(element)) {
                    problems.add(name(spec) + ": the description line is not whole: " + element);
                }
            }
            problems.addAll(sentenceProblems(name(spec), description));
            for (var element : formatted(usage.footer())) {
                if (!lines.contains(element.stripTrailing())) {
                    problems.add(name(spec) + ": the footer line is not whole: " + element);
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theTopLevelHelpListsTheCommandsOneLineEachThenTheMostUsedOptions() {
        var top = Main.commandLine();
        var lines = lines(top);
        int commands = lines.indexOf("Commands:");
        int firstOption = -1;
        for (int i = 0; i < lines.size() && firstOption < 0; i++) {
            if (OPTION_ROW.matcher(lines.get(i)).find()) {
                firstOption = i;
            }
        }
        assertTrue(commands > 0, String.join("\n", lines));
        assertTrue(commands < firstOption, "the commands come first:\n" + String.join("\n", lines));

        var names = List.copyOf(top.getSubcommands().keySet());
        for (int i = 0; i < names.size(); i++) {
            var sub = top.getSubcommands().get(names.get(i)).getCommandSpec();
            var summary = sub.usageMessage().description()[0];
            var line = lines.get(commands + 1 + i);
            assertTrue(line.matches("  " + Pattern.quote(names.get(i)) + " +" + Pattern.quote(summary)), "one line for " + names.get(i) + ": " + line);
            assertTrue(summary.endsWith("."), "a whole sentence: " + summary);
        }
        assertTrue(lines.get(commands + 1 + names.size()).isEmpty(), "one line per command");

        // The most used options, from the first listed on.
        var expected = HelpLayout.MOST_USED.stream().filter(name -> top.getCommandSpec().findOption(name) != null).toList();
        var listed = new ArrayList<String>();
        for (int i = firstOption; i < lines.size() && listed.size() < expected.size(); i++) {
            var matcher = OPTION_ROW.matcher(lines.get(i));
            if (matcher.find()) {
                listed.add(matcher.group(1));
            }
        }
        assertEquals(expected, listed);
        assertEquals("--input", listed.get(0));
    }

    /** Every option of the top level is listed once, the most used first and the others in their sections. */
    @Test
    void theTopLevelHelpListsEveryOptionOnce() {
        var top = Main.commandLine();
        var lines = lines(top);
        for (var option : top.getCommandSpec().options()) {
            assertEquals(option.hidden() ? 0 : 1, optionRows(lines, option).size(), option.longestName());
        }
        for (var heading : List.of("Most used options of 'run', the default command:", "Images and reads:", "Workers and dispatchers:",
                "Faults and supervision:", "Help and version:")) {
            assertTrue(lines.contains(heading), heading);
        }
    }

    /** The checker itself: it rejects a description cut inside a sentence, as --control was. */
    @Test
    void aDescriptionCutInsideASentenceIsCaught() {
        assertEquals(1, sentenceProblems("--control", new String[] {
            "Where the actor runs' control actors (supervisor, work-pulling producer, metrics) work, one",
            "run each: shared (the filter workers' dispatcher, between images).",
            "Example: --control shared"}).size());
        assertEquals(1, sentenceProblems("--window", new String[] {"Images each worker may hold. Default:", "pipeline.window (4).", "Example: --window 8"}).size());
        assertTrue(sentenceProblems("--mode", new String[] {"How images reach the workers:", "pull: work pulling.", "Example: --mode pull"}).isEmpty());
    }

    /** A line listing an option: its short name (or room for one) and its long name, whose name it captures. */
    private static final Pattern OPTION_ROW = Pattern.compile("^  (?:-[A-Za-z], |    )(--[a-z-]+)(?:[= ]|$)");

    private static List<Integer> optionRows(List<String> lines, OptionSpec option) {
        var rows = new ArrayList<Integer>();
        for (int i = 0; i < lines.size(); i++) {
            var matcher = OPTION_ROW.matcher(lines.get(i));
            if (matcher.find() && matcher.group(1).equals(option.longestName())) {
                rows.add(i);
            }
        }
        return rows;
    }

    /** Each element but the last ends a sentence or clause ('.' or ':'), and none leaves "Default:" without its value. */
    private static List<String> sentenceProblems(String where, String[] elements) {
        var problems = new ArrayList<String>();
        for (int k = 0; k < elements.length - 1; k++) {
            var element = elements[k].stripTrailing();
            if (!(element.endsWith(".") || element.endsWith(":")) || element.endsWith("Default:")) {
                problems.add(where + ": line " + k + " stops inside a sentence: '" + element + "' / '" + elements[k + 1] + "'");
            }
        }
        return problems;
    }

    /** Description and footer elements as picocli prints them: format specifiers applied ("%%" is "%"). */
    private static String[] formatted(String[] elements) {
        return Arrays.stream(elements).map(element -> String.format(element)).toArray(String[]::new);
    }
}
