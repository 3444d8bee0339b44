package org.pekkolab.imagepipeline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the processed images and the report go: a section of the help. */
final class OutputOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = {"Save the processed images of the last run there (input stem + .png/.jpg).",
                "Default: not saved.", "Example: -o /tmp/filtered"})
    Path dir;

    @Option(names = "--format", paramLabel = "png|jpg", defaultValue = "png",
            description = {"Encoding of saved images. Default: ${DEFAULT-VALUE}.", "Example: --format jpg"})
    String format;

    @Option(names = "--quality", paramLabel = "Q", defaultValue = "90",
            description = {"JPEG quality 1-100 for --format jpg. Default: ${DEFAULT-VALUE}.", "Example: --quality 80"})
    int quality;

    @Option(names = "--report", paramLabel = "DIR",
            description = {"Where report.json, runs.csv, images.csv and the charts go.",
                "Default: results/<timestamp>/ in the project.", "Example: --report /tmp/report"})
    Path report;
}
