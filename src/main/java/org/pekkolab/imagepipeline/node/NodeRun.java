package org.pekkolab.imagepipeline.node;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.pekkolab.imagepipeline.mailbox.MailboxMeters;
import org.pekkolab.imagepipeline.results.MailboxStats;

/**
 * One run on one node, as its node agent keeps it: the run's supervisor, the node's metrics actor
 * and outcome relay for the run, and the live workers by index (a replacement keeps the index and the worker name).
 * Workers that stopped during the run left their mailbox figures behind.
 */
final class NodeRun {

    final String runId;
    final ActorRef<NodeAgent.Reply> supervisor;
    final ActorRef<MetricsCollector.Command> metrics;
    final ActorRef<OutcomeRelay.Command> relay;
    /** Spawns the worker of an index under an actor name. */
    private final BiFunction<Integer, String, ActorRef<?>> spawner;
    private final Map<Integer, ActorRef<?>> workers = new HashMap<>();
    private MailboxStats retired = MailboxStats.NONE;
    private int spawned;

    NodeRun(String runId, ActorRef<NodeAgent.Reply> supervisor, ActorRef<MetricsCollector.Command> metrics,
            ActorRef<OutcomeRelay.Command> relay, BiFunction<Integer, String, ActorRef<?>> spawner) {
        this.runId = runId;
        this.supervisor = supervisor;
        this.metrics = metrics;
        this.relay = relay;
        this.spawner = spawner;
    }

    /** Spawns the worker of {@code index}, a fresh one or a replacement, and returns it. */
    ActorRef<?> spawnWorker(int index) {
        var worker = spawner.apply(index, runId + "-worker-" + (++spawned));
        workers.put(index, worker);
        return worker;
    }

    /** Whether {@code worker} is the live worker of {@code index}, not one already replaced or stopped with the run. */
    boolean isCurrent(int index, ActorRef<?> worker) {
        return worker.equals(workers.get(index));
    }

    /** A worker stopped while the run goes on: its mailbox figures are kept. */
    void retire(ActorRef<?> worker, MailboxMeters meters) {
        retired = retired.plus(meters.take(worker.path()));
    }

    /** The run is over on this node: stops every worker and returns what their mailboxes measured. */
    MailboxStats stopWorkers(MailboxMeters meters, Consumer<ActorRef<?>> stop) {
        var mailboxes = retired;
        for (var worker : workers.values()) {
            mailboxes = mailboxes.plus(meters.take(worker.path()));
            stop.accept(worker);
        }
        workers.clear();
        return mailboxes;
    }
}
