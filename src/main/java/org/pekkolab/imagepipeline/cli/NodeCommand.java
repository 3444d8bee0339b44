package org.pekkolab.imagepipeline.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
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
            "It runs until the coordinator ends the invocation (exit status 0) or you press Ctrl-C.",
            "A node that is not Up within --join-timeout, or that the cluster removes (downs), exits with status 1 and the reason.",
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

    @Option(names = "--join-timeout", paramLabel = "S", defaultValue = "60",
            description = {"Seconds to wait for this node to be Up before failing (exit status 1).",
                "Default: ${DEFAULT-VALUE}.", "Example: --join-timeout 120"})
    int joinTimeoutSeconds;

    @Option(names = "--parent-pid", paramLabel = "PID", hidden = true,
            description = "Stop when this process ends (set by './run.sh cluster' for the nodes it starts).")
    Long parentPid;

    /** Pekko's own limit for joining the seed nodes: a backstop behind --join-timeout, which comes first. */
    private static final String PEKKO_JOIN_LIMIT = "pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes";

    /** How long the node's actor system may take to stop after a failure before the command gives up waiting. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    @Override
    public Integer call() throws InterruptedException {
        address.validate(spec.commandLine().getErr());
        if (joinTimeoutSeconds < 1) {
            throw new UsageException("--join-timeout must be at least 1 second, got " + joinTimeoutSeconds);
        }
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
        var config = ClusterConfig.forNode(loaded, address.host, address.port, seedNodes, address.tls())
                .withValue(PEKKO_JOIN_LIMIT, ConfigValueFactory.fromAnyRef((joinTimeoutSeconds + 30) + "s"));
        var node = PipelineSystem.forClusterNode(config);
        long joinDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(joinTimeoutSeconds);
        var cluster = Cluster.get(Adapter.toClassic(node.system()));
        var up = new CompletableFuture<Void>();
        cluster.registerOnMemberUp(() -> up.complete(null));
        var contact = new NodeContact();
        try {
            node.spawn("contact", contact.behavior());
            NodeAgent.startOn(node, true);
        } catch (TimeoutException e) {
            node.close();
            throw new RunFailedException("the node's agent did not start: " + e.getMessage());
        }
        var out = spec.commandLine().getOut();
        var seeds = String.join(",", seedNodes);
        out.println("node " + node.address() + " (pid " + ProcessHandle.current().pid() + ") joining " + seeds);
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
        var terminated = node.system().getWhenTerminated().toCompletableFuture();
        try {
            CompletableFuture.anyOf(up, terminated).get(Math.max(0, joinDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            var shutdown = CoordinatedShutdown.get(node.system());
            if (shutdown.getShutdownReason().isEmpty()) {
                // Not Up in time: say why in the cluster's words, then leave as any node does.
                var why = notUpBecause(cluster, contact, node.system().settings().config());
                shutdown.runAll(CoordinatedShutdown.clusterJoinUnsuccessfulReason());
                awaitStopped(terminated);
                throw new RunFailedException("could not join the cluster at " + seeds + " within " + joinTimeoutSeconds + " s (" + why + ")");
            }
            // Already stopping (a signal, the coordinator gone): said below, as always.
        } catch (ExecutionException e) {
            throw new RunFailedException("the node failed: " + e.getCause());
        }
        boolean wasUp = up.isDone();
        if (wasUp && !terminated.isDone()) {
            out.println("node " + node.address() + ": up, one of " + cluster.state().members().size() + " members");
            out.flush();
        }
        try {
            terminated.get();
        } catch (ExecutionException e) {
            throw new RunFailedException("the node failed: " + e.getCause());
        }
        var reason = CoordinatedShutdown.get(node.system()).getShutdownReason();
        failure(reason, contact, seeds, wasUp).ifPresent(message -> {
            throw new RunFailedException(message);
        });
        out.println("node " + node.address() + ": " + whyStopped(reason));
        out.flush();
        return ExitStatus.OK;
    }

    /** Waits, up to {@link #SHUTDOWN_WAIT}, for the node's actor system to stop. */
    private static void awaitStopped(CompletableFuture<?> terminated) throws InterruptedException {
        try {
            terminated.get(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Exiting anyway: the reason the node failed matters more than how slowly it stopped.
        }
    }

    /**
     * The one-line reason for exit status 1 when the node's actor system stopped because the cluster
     * dropped it or would not take it; empty when it stopped as a node normally does (the coordinator's
     * request, a signal, the coordinator's process gone).
     */
    private Optional<String> failure(Optional<CoordinatedShutdown.Reason> reason, NodeContact contact, String seeds, boolean wasUp) {
        if (reason.isEmpty()) {
            return Optional.empty();
        }
        var why = reason.get();
        if (why instanceof CoordinatedShutdown.ClusterDowningReason$) {
            // Pekko's reason whenever the cluster stopped on this node other than by its leaving: downed, removed, quarantined.
            return Optional.of("this node was removed from the cluster " + (wasUp ? "" : "before it was Up ")
                    + "(" + contact.whyDowned() + ")");
        }
        if (why instanceof CoordinatedShutdown.ClusterJoinUnsuccessfulReason$) {
            return Optional.of("could not join the cluster at " + seeds + " (Pekko gave up joining the seed nodes)");
        }
        if (why instanceof CoordinatedShutdown.IncompatibleConfigurationDetectedReason$) {
            return Optional.of("could not join the cluster at " + seeds
                    + " (its configuration is incompatible with this node's: use the coordinator's --config)");
        }
        return Optional.empty();
    }

    /** Why this node is not Up, from what it knows of the cluster. */
    private String notUpBecause(Cluster cluster, NodeContact contact, Config config) {
        var status = cluster.selfMember().status();
        if (status == MemberStatus.joining() || status == MemberStatus.weaklyUp()) {
            // Let in, but a member that cannot be reached holds up the agreement that makes it Up.
            return "the seed nodes answered, but the cluster did not make this node Up"
                    + (contact.unreachable.isEmpty() ? "" : ": it cannot reach " + contact.lost());
        }
        return "nobody answered at the seed nodes" + nothingListens(config);
    }

    /** ": nothing listens on that port" when no seed node's port accepts a TCP connection (Artery over TCP); "" otherwise. */
    private String nothingListens(Config config) {
        var transport = config.getString("pekko.remote.artery.transport");
        if (!transport.equals("tcp") && !transport.equals("tls-tcp")) {
            return "";
        }
        for (var seed : seedNodes) {
            var unresolved = ClusterConfig.socketAddress(seed);
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(unresolved.getHostString(), unresolved.getPort()), 1_000);
                // Something listens: over TLS, a seed that did not answer did not accept this node's certificate.
                return transport.equals("tls-tcp")
                        ? ": the port is open but no TLS session came of it (--tls must name a copy of the cluster's certs folder)"
                        : "";
            } catch (ConnectException e) {
                // Refused: nothing listens there.
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }
        return ": nothing listens on " + (seedNodes.size() == 1 ? "that port" : "their ports");
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
