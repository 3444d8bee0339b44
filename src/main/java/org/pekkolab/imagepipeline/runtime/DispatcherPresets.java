package org.pekkolab.imagepipeline.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValueFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.settings.WorkerSettings;

/**
 * The dispatcher presets of a configuration ({@code pipeline.dispatchers}): the copy of a preset
 * that a run with a given thread count uses, and what a preset runs on in this JVM. Pekko picks
 * the executor from the preset's {@code executor} setting; the sizing here follows the same names.
 */
public final class DispatcherPresets {

    /** Where the presets are: one object per preset, named as users select it. */
    static final String PATH = "pipeline.dispatchers";

    /** The throughput of every run dispatcher, over each preset's own; 0 keeps the presets'. */
    public static final String THROUGHPUT = "pipeline.dispatcher-throughput";

    /** Pekko's settings under every dispatcher's own: what a preset leaves out comes from there. */
    private static final String PEKKO_DEFAULTS = "pekko.actor.default-dispatcher";

    private static final String FORK_JOIN = "fork-join-executor";
    private static final String THREAD_POOL = "thread-pool-executor";
    private static final String AFFINITY_POOL = "affinity-pool-executor";
    private static final String VIRTUAL_THREAD = "virtual-thread-executor";
    private static final String DEFAULT_EXECUTOR = "default-executor";
    private static final String PINNED = "PinnedDispatcher";

    /** The first Java with virtual threads. */
    private static final int VIRTUAL_THREADS_SINCE = 21;

    private DispatcherPresets() {}

    /**
     * The preset {@code name} as a dispatcher with {@code threads} threads, and the invocation's
     * throughput when {@link #THROUGHPUT} sets one. A pinned dispatcher is left as it is: Pekko
     * gives each of its actors a thread of its own whatever its pool says, and lets that actor
     * process every message it has per turn whatever its throughput says.
     */
    static ConfigObject sized(Config config, String name, int threads) {
        var own = preset(config, name);
        var effective = own.withFallback(config.getConfig(PEKKO_DEFAULTS));
        if (effective.getString("type").equals(PINNED)) {
            return own.root();
        }
        return sizing(effective, effective.getString("executor"), threads).withFallback(withThroughput(config, own)).root();
    }

    /**
     * The settings that give {@code executor} {@code threads} threads. A virtual-thread executor
     * (and Pekko's default-executor) gets its fallback sized, which is what runs where virtual
     * threads are missing; virtual threads themselves run on the JVM's scheduler, which no
     * dispatcher setting sizes. An executor of a class of its own is left to its own settings.
     */
    private static Config sizing(Config preset, String executor, int threads) {
        return switch (executor) {
            case FORK_JOIN, AFFINITY_POOL -> ConfigFactory.parseString(
                    "%s { parallelism-min = %d, parallelism-max = %d }".formatted(executor, threads, threads));
            case THREAD_POOL -> ConfigFactory.parseString("%s.fixed-pool-size = %d".formatted(THREAD_POOL, threads));
            case VIRTUAL_THREAD, DEFAULT_EXECUTOR -> sizing(preset, preset.getString(executor + ".fallback"), threads);
            default -> ConfigFactory.empty();
        };
    }

    /** What each of the sweep's presets runs on in this JVM, in the order the sweep runs them. */
    public static Map<String, Report.Dispatcher> describe(Config config, List<String> presets, WorkerSettings workers) {
        var described = new LinkedHashMap<String, Report.Dispatcher>();
        for (var name : presets) {
            described.put(name, describe(config, name, workers));
        }
        return described;
    }

    private static Report.Dispatcher describe(Config config, String name, WorkerSettings settings) {
        var preset = withThroughput(config, preset(config, name)).withFallback(config.getConfig(PEKKO_DEFAULTS));
        var type = preset.getString("type");
        var executor = preset.getString("executor");
        var runsOn = runsOn(preset, executor);
        if (type.equals(PINNED)) {
            return new Report.Dispatcher(type, executor, runsOn, byWorkers(settings, workers -> workers), null,
                    "a thread of its own per worker, all its messages per turn; --threads and --throughput do not apply");
        }
        int throughput = preset.getInt("throughput");
        if (runsOn.equals(VIRTUAL_THREAD)) {
            int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
            return new Report.Dispatcher(type, executor, runsOn, byWorkers(settings, workers -> carriers), throughput,
                    "a virtual thread per actor turn, on the JVM's " + carriers + (carriers == 1 ? " carrier thread" : " carrier threads")
                            + " (jdk.virtualThreadScheduler.parallelism)");
        }
        if (!List.of(FORK_JOIN, THREAD_POOL, AFFINITY_POOL).contains(runsOn)) {
            return new Report.Dispatcher(type, executor, runsOn, Map.of(), throughput, runsOn + " is sized by its own settings; --threads does not apply");
        }
        return new Report.Dispatcher(type, executor, runsOn, byWorkers(settings, settings::threadsFor), throughput, fallbackNote(executor, runsOn));
    }

    private static Map<Integer, Integer> byWorkers(WorkerSettings settings, IntUnaryOperator threads) {
        var byWorkers = new LinkedHashMap<Integer, Integer>();
        settings.counts().forEach(workers -> byWorkers.put(workers, threads.applyAsInt(workers)));
        return byWorkers;
    }

    /**
     * Whether any thread of the dispatcher may run any of its actors: not on affinity-pool, which
     * binds each actor to one thread, nor pinned, which gives each actor a thread of its own.
     */
    public static boolean sharesThreads(Report.Dispatcher dispatcher) {
        return !dispatcher.type().equals(PINNED) && !dispatcher.runsOn().equals(AFFINITY_POOL);
    }

    /** Whether this JVM has virtual threads, as Pekko decides it: otherwise a virtual-thread executor runs on its fallback. */
    public static boolean virtualThreads() {
        return Runtime.version().feature() >= VIRTUAL_THREADS_SINCE;
    }

    /** Null when the preset runs on the executor it names. */
    private static String fallbackNote(String executor, String runsOn) {
        if (executor.equals(runsOn)) {
            return null;
        }
        if (executor.equals(VIRTUAL_THREAD)) {
            return "Java " + Runtime.version().feature() + " has no virtual threads; it runs on its fallback " + runsOn;
        }
        return executor + " runs on its fallback " + runsOn;
    }

    /** The executor Pekko runs a dispatcher on: the one it names, or the fallback Pekko takes instead. */
    private static String runsOn(Config preset, String executor) {
        return switch (executor) {
            case VIRTUAL_THREAD -> virtualThreads() ? executor
                    : runsOn(preset, preset.getString(VIRTUAL_THREAD + ".fallback"));
            // Pekko's default-executor uses an ExecutionContext given to the actor system; this project gives none.
            case DEFAULT_EXECUTOR -> runsOn(preset, preset.getString(DEFAULT_EXECUTOR + ".fallback"));
            default -> executor;
        };
    }

    /**
     * The start-of-run notice for a preset that does not run on the executor it names, e.g.
     * "virtual-thread: Java 17 has no virtual threads; it runs on its fallback fork-join-executor
     * (2 threads)"; null for one that does.
     */
    public static String fallbackNotice(String name, Report.Dispatcher dispatcher) {
        return dispatcher.executor().equals(dispatcher.runsOn()) ? null
                : name + ": " + dispatcher.note() + " (" + dispatcher.threadsText() + ")";
    }

    private static Config preset(Config config, String name) {
        return config.getConfig(PATH + ".\"" + name + "\"");
    }

    /** The preset with the invocation's throughput in place of its own, when {@link #THROUGHPUT} sets one. */
    private static Config withThroughput(Config config, Config preset) {
        int throughput = config.getInt(THROUGHPUT);
        return throughput > 0 ? preset.withValue("throughput", ConfigValueFactory.fromAnyRef(throughput)) : preset;
    }
}
