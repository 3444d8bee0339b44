package org.pekkolab.imagepipeline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;
import org.pekkolab.imagepipeline.settings.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./run.sh generate}: deterministic synthetic test images. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        optionListHeading = "%nOptions:%n",
        description = "Write synthetic test images (gradients, shapes, edges, noise); the same seed gives the same files.",
        footer = {"", "Example:", "  ./run.sh generate --count 100 --size 800x600 --out /tmp/synthetic --seed 7"})
public final class GenerateCommand implements Callable<Integer> {

    private static final int MAX_SIDE = 20_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", defaultValue = "20",
            description = {"How many images. Default: ${DEFAULT-VALUE}.", "Example: --count 100"})
    int count;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "512x512",
            description = {"Width x height in pixels. Default: ${DEFAULT-VALUE}.", "Example: --size 1920x1080"})
    String size;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = {"Folder to write into (created if missing).", "Example: --out /tmp/synthetic"})
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = {"Random seed. Default: ${DEFAULT-VALUE}.", "Example: --seed 42"})
    long seed;

    @Option(names = "--format", paramLabel = "png|jpg", defaultValue = "jpg",
            description = {"File format. Default: ${DEFAULT-VALUE}.", "Example: --format png"})
    String format;

    @Option(names = "--quality", paramLabel = "Q", defaultValue = "90",
            description = {"JPEG quality 1-100. Default: ${DEFAULT-VALUE}.", "Example: --quality 75"})
    int quality;

    @Override
    public Integer call() {
        if (count < 1 || count > 100_000) {
            throw new UsageException("--count must be between 1 and 100000, got " + count);
        }
        var dimensions = size.toLowerCase().split("x");
        int width;
        int height;
        try {
            if (dimensions.length != 2) {
                throw new NumberFormatException();
            }
            width = Integer.parseInt(dimensions[0].trim());
            height = Integer.parseInt(dimensions[1].trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--size must look like 640x480, got '" + size + "'");
        }
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new UsageException("--size: each side must be between 1 and " + MAX_SIDE + ", got " + size);
        }
        if (quality < 1 || quality > 100) {
            throw new UsageException("--quality must be between 1 and 100, got " + quality);
        }
        var outputFormat = RunOptions.outputFormat(format);
        try {
            var written = SyntheticImages.writeAll(out, count, width, height, seed, outputFormat, quality);
            spec.commandLine().getOut().printf("Wrote %d images of %dx%d to %s%n", written.size(), width, height, out.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write images into " + out + ": " + e.getMessage(), e);
        }
        return ExitStatus.OK;
    }
}
