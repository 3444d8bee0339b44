package org.pekkolab.imagepipeline.node;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.pekkolab.imagepipeline.mailbox.MailboxMeters;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.results.MailboxStats;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;

/**
 * One run on one node, as its node agent keeps it: the run's supervisor, the node's metrics actor
 * and outcome batcher for the run, and the live workers by index (a replacement keeps the index and the worker name).
 * Workers that stopped during the run left their mailbox figures behind.
 */
final class NodeRun {

    final String runId;
    final ActorRef<NodeAgent.Reply> supervisor;
    final ActorRef<MetricsCollector.Command> metrics;
    final OutcomeBatcher outcomes;
    /** Spawns the worker of an index under an actor name. */
    private final BiFunction<Integer, String, ActorRef<?>> spawner;
    private final Map<Integer, ActorRef<?>> workers = new HashMap<>();
    /** Stream mode: the node's stream, in place of worker actors; null otherwise. */
    final StreamWorkers.Running stream;
    private MailboxStats retired = MailboxStats.NONE;
    private int spawned;

    /** What every run on this node shares: the node's address, its mailbox meters, how long remote outcomes wait to go as a batch. */
    record Host(String address, MailboxMeters mailboxMeters, Duration outcomeBatch) {}

    /** The mailbox of every push worker: pipeline.push.mailbox in conf/application.conf. */
    private static final String PUSH_MAILBOX = "pipeline.push.mailbox";

    /** Starts the run's metrics actor and outcome batcher on this node; its workers come from {@link #spawnWorker}. */
    static NodeRun start(ActorContext<NodeAgent.Command> context, WorkerSpec spec, ActorRef<NodeAgent.Reply> supervisor,
            ImageProcessor processor, Host host) {
        // Each image sends it a message: on a thread of its own, every image would wake that thread,
        // and so preempt a worker. On the workers' threads it takes its turn between images.
        var metrics = context.spawn(MetricsCollector.create(host.address(), Duration.ofMillis(spec.sampleIntervalMs())),
                spec.runId() + "-metrics", spec.workerDispatcher());
        var outcomes = new OutcomeBatcher(host.outcomeBatch(), context.getSystem().scheduler());
        boolean besideSupervisor = supervisor.path().address().hasLocalScope();
        return switch (spec.workers().distribution()) {
            case PULL -> new NodeRun(spec.runId(), supervisor, metrics, outcomes,
                    pullWorkers(context, spec, spec.workers().window().messages(besideSupervisor), processor, host, metrics, outcomes), null);
            case PUSH -> new NodeRun(spec.runId(), supervisor, metrics, outcomes, pushWorkers(context, spec, processor, host, metrics, outcomes), null);
            case STREAM -> new NodeRun(spec.runId(), supervisor, metrics, outcomes, (index, name) -> {
                throw new IllegalStateException("a stream run has no worker actors");
            }, StreamWorkers.start(context.getSystem(), spec, processor, host.address(), metrics, outcomes));
        };
    }

    /**
     * Filter workers that pull through reliable delivery; the run's attempt ledger is shared by all
     * of them. Where the control actors have a thread of their own, an outcome told to the
     * supervisor at once would wake that thread after every image, and on busy cores take a core
     * from a worker: the outcomes for a supervisor in this JVM go in batches too.
     */
    private static BiFunction<Integer, String, ActorRef<?>> pullWorkers(ActorContext<NodeAgent.Command> context, WorkerSpec spec, int window,
            ImageProcessor processor, Host host, ActorRef<MetricsCollector.Command> metrics, OutcomeBatcher outcomes) {
        var settings = new FilterWorker.Settings(FilterWorker.serviceKey(spec.runId()), processor, spec.faults(), window,
                host.address(), metrics, outcomes, spec.workers().control() == ControlDispatcher.OWN, new AttemptLedger());
        return (index, actorName) -> context.spawn(FilterWorker.create("worker-" + index, settings), actorName, spec.workerDispatcher());
    }

    /** Push workers, each in a metered mailbox of the run's capacity (pipeline.push.mailbox). */
    private static BiFunction<Integer, String, ActorRef<?>> pushWorkers(ActorContext<NodeAgent.Command> context, WorkerSpec spec,
            ImageProcessor processor, Host host, ActorRef<MetricsCollector.Command> metrics, OutcomeBatcher outcomes) {
        var settings = new PushWorker.Settings(PushWorker.serviceKey(spec.runId()), processor, spec.faults(), host.address(), metrics, outcomes);
        var props = spec.workerDispatcher().withMailboxFromConfig(PUSH_MAILBOX);
        return (index, actorName) -> {
            host.mailboxMeters().assign(context.getSelf().path().child(actorName), spec.workers().mailboxCapacity());
            return context.spawn(PushWorker.create("worker-" + index, settings), actorName, props);
        };
    }

    private NodeRun(String runId, ActorRef<NodeAgent.Reply> supervisor, ActorRef<MetricsCollector.Command> metrics,
            OutcomeBatcher outcomes, BiFunction<Integer, String, ActorRef<?>> spawner, StreamWorkers.Running stream) {
        this.runId = runId;
        this.supervisor = supervisor;
        this.metrics = metrics;
        this.outcomes = outcomes;
        this.spawner = spawner;
        this.stream = stream;
    }

    /** The worker actors a run has on this node: none in stream mode, whose stream does the work. */
    int workerActors(WorkerSpec spec) {
        return stream == null ? spec.workers().count() : 0;
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
        if (stream != null) {
            stream.stop().shutdown();
        }
        for (var worker : workers.values()) {
            mailboxes = mailboxes.plus(meters.take(worker.path()));
            stop.accept(worker);
        }
        workers.clear();
        return mailboxes;
    }
}
