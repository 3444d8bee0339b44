package org.pekkolab.imagepipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.pekkolab.imagepipeline.cluster.ClusterConfig;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.runtime.PipelineSystem;
import org.pekkolab.imagepipeline.runtime.RunFailedException;
import org.pekkolab.imagepipeline.settings.ConfigLoader;
import org.pekkolab.imagepipeline.settings.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./run.sh node}: one cluster node, joining a coordinator started with {@code ./run.sh cluster}. */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        customSynopsis = "run.sh node --seed-nodes=HOST:PORT,... [OPTIONS]",
        optionListHeading = "%nOptions:%n",
        description = {
            "One cluster node: joins the cluster of a coordinator ('./run.sh cluster') and runs the workers it asks for.",
            "It runs until the coordinator ends the invocation or you press Ctrl-C.",
            "This is how a cluster spans several hosts; './run.sh cluster' starts its local nodes with this command too."
        },
        footer = {"", "Example (on host 10.0.0.2, coordinator on 10.0.0.1:25520):",
            "  ./run.sh node --seed-nodes 10.0.0.1:25520 --host 10.0.0.2 --port 25520"})
final class NodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seed-nodes", paramLabel = "HOST:PORT,...", split = ",", hideParamSyntax = true, required = true,
            description = {"Nodes to join: the coordinator's address (printed by './run.sh cluster').",
                "Example: --seed-nodes 127.0.0.1:25520"})
    List<String> seedNodes;

    @Mixin
    NodeAddressOptions address;

    @Option(names = "--config", paramLabel = "FILE",
            description = {"A HOCON file layered over conf/application.conf; use the coordinator's.", "Example: --config my.conf"})
    Path configFile;

    @Option(names = "--parent-pid", paramLabel = "PID", hidden = true,
            description = "Stop when this process ends (set by './run.sh cluster' for the nodes it starts).")
    Long parentPid;

    @Override
    public Integer call() throws InterruptedException {
        address.validate();
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new UsageException("config file not found: " + configFile);
        }
        for (var seed : seedNodes) {
            try {
                ClusterConfig.address(seed);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--seed-nodes: " + e.getMessage());
            }
        }
        // The coordinator passes its command-line settings to the nodes it starts as system properties.
        var loaded = ConfigLoader.load(Optional.ofNullable(configFile), Map.of());
        var config = ClusterConfig.forNode(loaded, address.host, address.port, seedNodes);
        var node = PipelineSystem.forClusterNode(config);
        try {
            NodeAgent.startOn(node, true);
        } catch (TimeoutException e) {
            node.close();
            throw new RunFailedException("the node's agent did not start: " + e.getMessage());
        }
        var out = spec.commandLine().getOut();
        out.println("node " + node.address() + " (pid " + ProcessHandle.current().pid() + ") joining " + String.join(",", seedNodes));
        out.flush();
        if (parentPid != null) {
            var parent = ProcessHandle.of(parentPid);
            if (parent.isEmpty()) {
                node.close();
                throw new RunFailedException("the coordinator (pid " + parentPid + ") is already gone");
            }
            // The coordinator may die without a word (kill -9): a node must not outlive it.
            parent.get().onExit().thenRun(() -> {
                out.println("node " + node.address() + ": the coordinator (pid " + parentPid + ") is gone");
                node.close();
            });
        }
        try {
            node.system().getWhenTerminated().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new RunFailedException("the node failed: " + e.getCause());
        }
        out.println("node " + node.address() + ": " + whyStopped(CoordinatedShutdown.get(node.system()).getShutdownReason()));
        out.flush();
        return ExitStatus.OK;
    }

    /** Why the node's actor system stopped, in a user's words. */
    private static String whyStopped(Optional<CoordinatedShutdown.Reason> reason) {
        if (reason.isEmpty()) {
            return "stopped";
        }
        if (reason.get() instanceof CoordinatedShutdown.JvmExitReason$) {
            return "stopped by a signal (Ctrl-C or SIGTERM): its workers' images went back to the coordinator, and it left the cluster";
        }
        if (reason.get() instanceof CoordinatedShutdown.ClusterLeavingReason$) {
            return "the coordinator ended the invocation; left the cluster";
        }
        return "stopped (" + reason.get() + ")";
    }
}
