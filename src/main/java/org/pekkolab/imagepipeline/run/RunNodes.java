package org.pekkolab.imagepipeline.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.MailboxStats;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.WorkerStats;

/**
 * The nodes of one run as its supervisor knows them: starting, up, left (a graceful leave: it
 * reported what it did and handed its images back) or down (died); when each joined and left,
 * relative to the run's start; and what each reported at the end.
 */
final class RunNodes {

    enum Status { STARTING, UP, LEFT, DOWN }

    static final class Node {
        final ActorRef<NodeAgent.Command> agent;
        /** Whether it joined after the run had started. */
        final boolean joiner;
        Status status = Status.STARTING;
        String address;
        long pid;
        double joinedAtMs = Double.NaN;
        double goneAtMs = Double.NaN;
        NodeAgent.NodeReport report;
        long clockAskedAtMicros;
        int clockReads;
        /** From the exchange that took least time so far; null before the first answer. */
        NodeStats.ClockOffset clock;

        Node(ActorRef<NodeAgent.Command> agent, boolean joiner) {
            this.agent = agent;
            this.joiner = joiner;
            this.address = agent.path().address().toString();
            if (isLocal()) {
                clock = new NodeStats.ClockOffset(0, 0);
            }
        }

        /** In the supervisor's JVM: on its clock. */
        boolean isLocal() {
            return agent.path().address().hasLocalScope();
        }
    }

    /** Clock reads asked of each node: the one that took least time gives its offset. */
    static final int CLOCK_READS = 20;

    private final Map<ActorRef<NodeAgent.Command>, Node> nodes = new LinkedHashMap<>();

    /** A node the run asks to start workers; false if it is known already. */
    boolean add(ActorRef<NodeAgent.Command> agent, boolean joiner) {
        return nodes.putIfAbsent(agent, new Node(agent, joiner)) == null;
    }

    boolean knows(ActorRef<NodeAgent.Command> agent) {
        return nodes.containsKey(agent);
    }

    /** Its workers are started; {@code atMs} after the run's start for a node that joined. */
    void started(NodeAgent.WorkersStarted started, double atMs) {
        var node = nodes.get(started.agent());
        if (node != null && node.status == Status.STARTING) {
            node.status = Status.UP;
            node.address = started.address();
            node.pid = started.pid();
            if (node.joiner) {
                node.joinedAtMs = atMs;
            }
        }
    }

    /** Whether the node's clock is to be asked for: it is in another JVM. */
    boolean needsClock(ActorRef<NodeAgent.Command> agent) {
        var node = nodes.get(agent);
        return node != null && !node.isLocal();
    }

    /** Its clock is asked for now, on the supervisor's clock. */
    void askingClock(ActorRef<NodeAgent.Command> agent, long nowMicros) {
        var node = nodes.get(agent);
        if (node != null) {
            node.clockAskedAtMicros = nowMicros;
        }
    }

    /**
     * The node's clock, read between asking and {@code nowMicros}: if this exchange took less time
     * than those before, it gives the node's offset. True if its clock is to be asked again.
     */
    boolean clockRead(NodeAgent.ClockRead read, long nowMicros) {
        var node = nodes.get(read.agent());
        if (node == null) {
            return false;
        }
        long halfRoundTrip = (nowMicros - node.clockAskedAtMicros + 1) / 2;
        if (node.clock == null || halfRoundTrip < node.clock.uncertaintyMicros()) {
            node.clock = new NodeStats.ClockOffset(read.micros() - (node.clockAskedAtMicros + halfRoundTrip), halfRoundTrip);
        }
        return ++node.clockReads < CLOCK_READS && isLive(node);
    }

    /** How far the clock of the node at {@code address} is ahead of the supervisor's; 0 where not measured. */
    long clockOffsetMicros(String address) {
        return nodes.values().stream().filter(node -> node.address.equals(address) && node.clock != null).findFirst()
                .map(node -> node.clock.offsetMicros()).orElse(0L);
    }

    /** The node left gracefully with this report; empty unless it was starting or up. */
    Optional<Node> left(NodeAgent.NodeReport report, double atMs) {
        var address = report.snapshot().node().address();
        return nodes.values().stream().filter(node -> node.address.equals(address) && isLive(node)).findFirst().map(node -> {
            node.status = Status.LEFT;
            node.goneAtMs = atMs;
            node.report = report;
            return node;
        });
    }

    /** The node's agent terminated: it died, or it was removed after leaving; empty unless it was starting or up. */
    Optional<Node> died(ActorRef<?> agent, double atMs) {
        var node = nodes.get(agent);
        if (node == null || !isLive(node)) {
            return Optional.empty();
        }
        node.status = Status.DOWN;
        node.goneAtMs = atMs;
        return Optional.of(node);
    }

    private static boolean isLive(Node node) {
        return node.status == Status.STARTING || node.status == Status.UP;
    }

    void reported(NodeAgent.NodeReport report) {
        nodes.values().stream().filter(node -> node.status == Status.UP && node.address.equals(report.snapshot().node().address()))
                .findFirst().ifPresent(node -> node.report = report);
    }

    boolean allStarted() {
        return nodes.values().stream().noneMatch(node -> node.status == Status.STARTING);
    }

    boolean allReported() {
        return nodes.values().stream().noneMatch(node -> node.status == Status.UP && node.report == null);
    }

    int live() {
        return (int) nodes.values().stream().filter(node -> node.status == Status.UP).count();
    }

    List<ActorRef<NodeAgent.Command>> liveAgents() {
        return nodes.values().stream().filter(node -> node.status == Status.UP).map(node -> node.agent).toList();
    }

    /**
     * One entry per node that took part: its own report where it sent one, else what the run saw of
     * it; its samples on the supervisor's clock.
     */
    List<NodeStats> stats(List<ImageTiming> timings) {
        var stats = new ArrayList<NodeStats>();
        for (var node : nodes.values()) {
            if (node.status == Status.STARTING) {
                continue;
            }
            NodeStats measured;
            if (node.report != null) {
                measured = node.report.snapshot().node().withStatus(node.status == Status.LEFT ? NodeStats.LEFT : NodeStats.UP);
            } else {
                measured = NodeStats.fromTimings(node.address, node.pid, node.status == Status.DOWN ? NodeStats.DOWN : NodeStats.NO_REPORT, timings);
            }
            measured = measured.withMembership(node.joinedAtMs, node.goneAtMs);
            stats.add(node.clock == null ? measured : measured.withClock(node.clock));
        }
        return stats;
    }

    List<WorkerStats> workerStats() {
        return nodes.values().stream().filter(node -> node.report != null).flatMap(node -> node.report.snapshot().workers().stream()).toList();
    }

    MailboxStats mailboxes() {
        return nodes.values().stream().filter(node -> node.report != null).map(node -> node.report.mailboxes())
                .reduce(MailboxStats.NONE, MailboxStats::plus);
    }
}
