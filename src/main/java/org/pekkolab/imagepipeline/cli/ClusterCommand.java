package org.pekkolab.imagepipeline.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pekkolab.imagepipeline.cluster.ClusterSession;
import org.pekkolab.imagepipeline.settings.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./run.sh cluster --nodes N [run options]}: the sweep across N clustered JVMs. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        abbreviateSynopsis = true,
        optionListHeading = "%nOptions:%n",
        description = {
            "The sweep across N clustered JVMs: baseline, ExecutorService, single and cluster mode side by side.",
            "This JVM becomes the coordinator (seed node, supervisor, metrics aggregation); its own workers work too.",
            "It starts --spawn more node JVMs on this host, waits until all N members are Up, and runs the sweep.",
            "Every node JVM it started is stopped at the end, on failure and on Ctrl-C; nodes also stop if it dies."
        },
        footer = {"", "Examples:",
            "  ./run.sh cluster --nodes 3 -w 1,2",
            "  ./run.sh cluster --nodes 2 -w 1,2 --trials 9 --repeat 10      medians of 9 trials",
            "  ./run.sh cluster --nodes 2 --spawn 0 --host 10.0.0.1 --port 25520   then on the other host:",
            "  ./run.sh node --seed-nodes 10.0.0.1:25520 --host 10.0.0.2 --port 25520"})
final class ClusterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
            description = {"JVM nodes in the cluster, this one included. Default: ${DEFAULT-VALUE}.", "Example: --nodes 2"})
    int nodes;

    @Option(names = "--spawn", paramLabel = "K",
            description = {"How many of the other nodes this command starts on this host, 0 to N-1.",
                "The rest join by hand with './run.sh node'. Default: N-1.", "Example: --spawn 0"})
    Integer spawn;

    @Mixin
    NodeAddressOptions address;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "1",
            description = {"Run the sweep N times on the same cluster after one warm-up, as bench does in one JVM.",
                "It adds medians, intervals and, per trial, each cluster row over its single row.",
                "Default: ${DEFAULT-VALUE}.", "Example: --trials 9"})
    int trials;

    @Option(names = "--join-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = {"How long to wait for all N members to be Up before failing (exit status 1).",
                "Default: ${DEFAULT-VALUE}.", "Example: --join-timeout 120"})
    int joinTimeoutSeconds;

    @Override
    public Integer call() {
        if (nodes < 1 || nodes > 16) {
            throw new UsageException("--nodes must be between 1 and 16, got " + nodes);
        }
        int started = spawn != null ? spawn : nodes - 1;
        if (started < 0 || started > nodes - 1) {
            throw new UsageException("--spawn must be between 0 and " + (nodes - 1) + ", got " + started);
        }
        address.validate(spec.commandLine().getErr());
        if (trials < 1 || trials > 100) {
            throw new UsageException("--trials must be between 1 and 100, got " + trials);
        }
        if (joinTimeoutSeconds < 1) {
            throw new UsageException("--join-timeout must be at least 1 second, got " + joinTimeoutSeconds);
        }
        var layout = new ClusterSession.Layout(nodes, started, address.host, address.port, Duration.ofSeconds(joinTimeoutSeconds),
                options.configFile().map(Path::toAbsolutePath), address.tls());
        return Invocation.run(options, spec.commandLine(), Optional.of(layout), trials);
    }
}
