package org.pekkolab.imagepipeline.cluster;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.runtime.PipelineSystem;
import org.pekkolab.imagepipeline.runtime.ProgressListener;
import org.pekkolab.imagepipeline.runtime.RunFailedException;

/**
 * A cluster for one {@code ./run.sh cluster} invocation. This JVM is the coordinator: the first
 * member (the seed, and the oldest, so the Split Brain Resolver keeps its side), it runs the
 * supervisor and the metrics aggregation, and its own node agent works like every other node.
 * It starts the other nodes as child JVMs (or waits for nodes started by hand with
 * {@code ./run.sh node}), waits until every member is Up and every node agent is registered,
 * and on close stops every node and every JVM it started — also on Ctrl-C.
 */
public final class ClusterSession implements AutoCloseable {

    /** How the cluster is laid out. {@code spawn} of the {@code nodes} are started here as child JVMs. */
    /** @param tls the folder of the cluster's certificates, for mutual TLS between the nodes ({@link ClusterTls}) */
    public record Layout(int nodes, int spawn, String host, int port, Duration joinTimeout, Optional<Path> configFile, Optional<Path> tls) {}

    private final PipelineSystem system;
    private final ActorRef<NodeAgent.Command> localNode;
    private final List<Process> children = new ArrayList<>();
    private final Thread killChildrenOnExit = new Thread(this::destroyChildren, "stop-cluster-nodes");
    private List<ActorRef<NodeAgent.Command>> nodes = List.of();

    private ClusterSession(PipelineSystem system, ActorRef<NodeAgent.Command> localNode) {
        this.system = system;
        this.localNode = localNode;
        Runtime.getRuntime().addShutdownHook(killChildrenOnExit);
    }

    /**
     * @param logDir where each child node's output goes ({@code node-2.log}, ...)
     * @throws RunFailedException when the cluster does not form within the layout's join timeout
     */
    public static ClusterSession start(Config config, List<String> presets, List<Integer> workerCounts, Layout layout, Path logDir,
            ProgressListener progress) throws InterruptedException {
        var nodeConfig = ClusterConfig.forNode(config, layout.host(), layout.port(), List.of(), layout.tls());
        var system = new PipelineSystem(nodeConfig, presets, workerCounts);
        ActorRef<NodeAgent.Command> localNode;
        try {
            localNode = NodeAgent.startOn(system, false);
        } catch (TimeoutException e) {
            system.close();
            throw new RunFailedException("the coordinator's node agent did not start: " + e.getMessage());
        }
        var session = new ClusterSession(system, localNode);
        try {
            var cluster = Cluster.get(system.system());
            var self = cluster.selfMember().address();
            cluster.manager().tell(new Join(self));
            var seed = self.host().get() + ":" + self.port().get();
            progress.note("coordinator " + self + " (pid " + ProcessHandle.current().pid() + "); starting "
                    + layout.spawn() + " node JVM(s), " + (layout.nodes() - 1 - layout.spawn()) + " to join by hand");
            progress.note("more nodes can join at any time, also during a run: ./run.sh node --seed-nodes " + seed + joinHostHint(layout.host()));
            Files.createDirectories(logDir);
            for (int i = 0; i < layout.spawn(); i++) {
                session.children.add(NodeLauncher.launch(i + 2, seed, layout, config,
                        logDir.resolve("node-" + (i + 2) + ".log")));
            }
            session.awaitMembers(layout, progress);
            return session;
        } catch (IOException e) {
            session.close();
            throw new RunFailedException("cannot start the cluster nodes: " + e.getMessage());
        } catch (RuntimeException | InterruptedException e) {
            session.close();
            throw e;
        }
    }

    private void awaitMembers(Layout layout, ProgressListener progress) throws InterruptedException {
        var cluster = Cluster.get(system.system());
        long deadline = System.nanoTime() + layout.joinTimeout().toNanos();
        long up = 0;
        int agents = 0;
        while (System.nanoTime() < deadline) {
            for (var child : children) {
                if (!child.isAlive()) {
                    throw new RunFailedException("a node JVM exited with status " + child.exitValue() + " before the cluster formed");
                }
            }
            up = countUp(cluster);
            if (up >= layout.nodes()) {
                nodes = findAgents();
                agents = nodes.size();
                if (agents >= layout.nodes()) {
                    progress.note("cluster formed: " + up + " members up");
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new RunFailedException("the cluster did not form within " + layout.joinTimeout().toSeconds() + " s: "
                + up + " of " + layout.nodes() + " members up, " + agents + " node agents registered");
    }

    private static long countUp(Cluster cluster) {
        long up = 0;
        for (var member : cluster.state().getMembers()) {
            if (member.status() == MemberStatus.up()) {
                up++;
            }
        }
        return up;
    }

    private List<ActorRef<NodeAgent.Command>> findAgents() throws InterruptedException {
        var typed = system.system();
        try {
            Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                            typed.receptionist(),
                            replyTo -> Receptionist.find(NodeAgent.SERVICE_KEY, replyTo),
                            Duration.ofSeconds(3),
                            typed.scheduler())
                    .toCompletableFuture()
                    .get(4, TimeUnit.SECONDS);
            return List.copyOf(listing.getServiceInstances(NodeAgent.SERVICE_KEY));
        } catch (ExecutionException | TimeoutException e) {
            return List.of();
        }
    }

    public PipelineSystem system() {
        return system;
    }

    /** This JVM's node agent. */
    public ActorRef<NodeAgent.Command> localNode() {
        return localNode;
    }

    /** Every node agent of the cluster, this JVM's included. */
    public List<ActorRef<NodeAgent.Command>> nodes() {
        return nodes;
    }

    /** On one host the default address does; from another host a node must say which of its addresses to use. */
    private static String joinHostHint(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") ? "" : " --host <its address>";
    }

    @Override
    public void close() {
        // Every node agent listed now, those that joined during the sweep included.
        var everyNode = new LinkedHashSet<>(nodes);
        try {
            everyNode.addAll(findAgents());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (var node : everyNode) {
            if (!node.equals(localNode)) {
                node.tell(new NodeAgent.Shutdown());
            }
        }
        for (var child : children) {
            try {
                if (!child.waitFor(10, TimeUnit.SECONDS)) {
                    child.destroy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        destroyChildren();
        system.close();
        try {
            Runtime.getRuntime().removeShutdownHook(killChildrenOnExit);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run.
        }
    }

    private void destroyChildren() {
        for (var child : children) {
            child.destroy();
        }
        for (var child : children) {
            try {
                if (!child.waitFor(5, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
            }
        }
    }
}
