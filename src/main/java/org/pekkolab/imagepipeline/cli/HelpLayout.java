package org.pekkolab.imagepipeline.cli;

import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How {@code --help} is laid out, for every command: 120 columns whatever the terminal, and an option column wide
 * enough for the longest option, so each description starts on its option's line. Descriptions are written to fit:
 * one sentence or clause per line, never wrapped by picocli (HelpLayoutTest checks). The top-level help shows the
 * commands first, then the most used options of the default command, then the others in their sections.
 */
final class HelpLayout {

    /** Columns of every help message. */
    static final int WIDTH = 120;

    /** The longest option with its label ({@code --seed-nodes=HOST:PORT,...}) fits the option column. */
    static final int LONG_OPTIONS_WIDTH = 26;

    /** The options of {@code run} that the top-level help lists first, in this order (those the command has). */
    static final List<String> MOST_USED = List.of(
            "--input", "--workers", "--dispatcher", "--repeat", "--trials", "--mode", "--filters", "--output", "--report", "--config");

    private static final String STANDARD_HEADING = "%nHelp and version:%n";

    private HelpLayout() {}

    /** Lays out the help of {@code commandLine} (the top-level command) and of its subcommands. */
    static CommandLine apply(CommandLine commandLine) {
        commandLine.setUsageHelpAutoWidth(false);
        commandLine.setUsageHelpWidth(WIDTH);
        commandLine.setUsageHelpLongOptionsMaxWidth(LONG_OPTIONS_WIDTH);
        // The top level only: its commands right after its description, then its options.
        var usage = commandLine.getCommandSpec().usageMessage();
        var keys = new ArrayList<>(usage.sectionKeys());
        keys.removeAll(List.of(SECTION_KEY_COMMAND_LIST_HEADING, SECTION_KEY_COMMAND_LIST));
        int afterDescription = keys.indexOf(SECTION_KEY_DESCRIPTION) + 1;
        keys.addAll(afterDescription, List.of(SECTION_KEY_COMMAND_LIST_HEADING, SECTION_KEY_COMMAND_LIST));
        usage.sectionKeys(keys);
        usage.sectionMap().put(SECTION_KEY_OPTION_LIST, HelpLayout::mostUsedFirst);
        return commandLine;
    }

    /**
     * The option list of the top-level help: the {@link #MOST_USED} options, then every other option in the section
     * (argument group) it belongs to, then those in no section (help and version).
     */
    private static String mostUsedFirst(Help help) {
        var spec = help.commandSpec();
        var listed = new HashSet<OptionSpec>();
        var first = MOST_USED.stream().map(spec::findOption).filter(Objects::nonNull).filter(listed::add).toList();
        var text = new StringBuilder(optionRows(help, first));
        var groups = new ArrayList<>(help.optionSectionGroups());
        groups.sort(Comparator.comparingInt(ArgGroupSpec::order));
        for (var group : groups) {
            var rest = group.allOptionsNested().stream().filter(option -> !option.hidden()).filter(listed::add).toList();
            if (!rest.isEmpty()) {
                text.append(help.createHeading(group.heading())).append(optionRows(help, rest));
            }
        }
        var ungrouped = spec.options().stream().filter(option -> !option.hidden()).filter(listed::add).toList();
        if (!ungrouped.isEmpty()) {
            text.append(help.createHeading(STANDARD_HEADING)).append(optionRows(help, ungrouped));
        }
        return text.toString();
    }

    /** The options' rows in the columns of the whole command, as picocli lays out a section. */
    private static String optionRows(Help help, List<OptionSpec> options) {
        var layout = help.createDefaultLayout();
        layout.addOptions(options, help.parameterLabelRenderer());
        return layout.toString();
    }
}
