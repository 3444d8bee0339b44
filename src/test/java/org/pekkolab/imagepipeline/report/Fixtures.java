package org.pekkolab.imagepipeline.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pekkolab.imagepipeline.probes.CoreScaling;
import org.pekkolab.imagepipeline.results.Failure;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;
import org.pekkolab.imagepipeline.results.RunResult;
import org.pekkolab.imagepipeline.results.RunSetup;
import org.pekkolab.imagepipeline.results.WorkerStats;

/** Hand-made reports with round numbers, so expected figures can be computed by hand. */
final class Fixtures {

    static final List<String> FILTERS = List.of("grayscale", "blur", "sobel");
    /** Long enough that every fixture row lasts the second the analysis asks for. */
    static final double BASELINE_MS = 4000;
    static final double BASELINE_PER_SEC = 20;

    private Fixtures() {}

    /**
     * Baseline 4000 ms; Karp–Flatt e: executor/2w 0.1111, single 2w 0.1111, single 4w 0.0833 (the
     * cluster row is left out), so f = median = 1/9 and the Amdahl bound is 3.0 on 4 cores, 9 in the limit.
     */
    static Report sweep() {
        NodeStats node = node("pekko://lab@127.0.0.1:25520", 4242, 20, 0.9);
        List<RunResult> runs = List.of(
                run(RunKind.SEQUENTIAL, "none", 1, 1, 1.0, List.of(node), List.of()),
                run(RunKind.EXECUTOR, "thread-pool", 1, 2, 1.8, List.of(node), List.of(
                        timing("a,b.jpg", 11, 12, 13), timing("plain.jpg", 21, 22, 23))),
                run(RunKind.SINGLE, "fork-join", 1, 1, 0.95, List.of(node), List.of(timing("plain.jpg", 1, 2, 3))),
                run(RunKind.SINGLE, "fork-join", 1, 2, 1.8, List.of(node), List.of()),
                run(RunKind.SINGLE, "fork-join", 1, 4, 3.2, List.of(node), List.of()),
                run(RunKind.CLUSTER, "fork-join", 2, 2, 2.5,
                        List.of(node("pekko://lab@127.0.0.1:25520", 4242, 12, 0.91),
                                node("pekko://lab@127.0.0.1:25521", 4343, 8, 0.77)),
                        List.of()));
        return report(runs, List.of(new Failure("broken.jpg", "not a decodable image")));
    }

    static Report report(List<RunResult> runs, List<Failure> failures) {
        return new Report(
                new Report.Host(4, "17.0.15", 4242, "Linux", 2048, "SIMD, 256-bit vectors", "nice 5, the JVM's other threads 0", "2 MB for 2148 MB of this JVM's memory, 4 KB for the rest"),
                new Report.Input("images", 10, 2, 20, 0, "dir", null, 0, "blocking", 8, List.of()),
                new Report.Delivery(4, 16, 4, null, null),
                FILTERS,
                new Report.Baseline(BASELINE_MS, BASELINE_PER_SEC),
                runs,
                failures,
                null,
                Map.of("fork-join", new Report.Dispatcher("Dispatcher", "fork-join-executor", "fork-join-executor", new TreeMap<>(Map.of(1, 1, 2, 2, 4, 4)), 1, null)),
                new CoreScaling(4, 3.62),
                List.of());
    }

    /** A run whose wall time and throughput follow from its speedup over the fixture baseline. */
    static RunResult run(RunKind kind, String dispatcher, int nodes, int workers, double speedup,
                         List<NodeStats> nodeStats, List<ImageTiming> timings) {
        return runBuilder(kind, dispatcher, nodes, workers, speedup).nodeStats(nodeStats).imageTimings(timings).build();
    }

    /** {@link #run}'s figures, to change some of them; actor runs pull. */
    static RunResult.Builder runBuilder(RunKind kind, String dispatcher, int nodes, int workers, double speedup) {
        return runBuilder(setup(kind, dispatcher, kind.actors() ? "pull" : RunSetup.NONE, nodes, workers), speedup);
    }

    static RunResult.Builder runBuilder(RunSetup setup, double speedup) {
        int p = setup.nodes() * setup.workers();
        boolean plain = !setup.kind().actors();
        return RunResult.builder(setup)
                .images(20)
                .peakInFlight(p)
                .peakHeapMb(256.25)
                .liveHeapMb(40.25)
                .wallMs(BASELINE_MS / speedup)
                .imagesPerSec(BASELINE_PER_SEC * speedup)
                .speedup(speedup)
                .efficiency(speedup / p)
                .efficiencyPerCore(speedup / 4)
                .cpuLoadMean(0.8765)
                .threadsSeen(p)
                .coresSeen(Math.min(p, 4))
                .voluntarySwitchesPerImage(plain ? 0.25 : 2.5)
                .involuntarySwitchesPerImage(1.25 * p)
                .workerStats(List.of(new WorkerStats("worker-1", "node-1", 20, 900.0, List.of("t-1"), List.of(0))));
    }

    /** What ran; an actor run reads on the blocking dispatcher and has auto control on a thread of its own. */
    static RunSetup setup(RunKind kind, String dispatcher, String distribution, int nodes, int workers) {
        boolean plain = !kind.actors();
        return new RunSetup(kind, dispatcher, distribution, plain ? RunSetup.NONE : "blocking", plain ? RunSetup.NONE : "own",
                plain ? RunSetup.NONE : "auto", nodes, workers);
    }

    static NodeStats node(String address, long pid, int images, double cpu) {
        return new NodeStats(address, pid, images, 1234.56, cpu, 0.99, 300.0, 40.25, 12.5, 8, 4);
    }

    static ImageTiming timing(String image, long... filterMicros) {
        return timing(image, "pool-1-thread-1", -1, -1, filterMicros);
    }

    /** A timing with the processing thread's CPU clock at the image's start and end. */
    static ImageTiming timing(String image, String thread, long cpuAtStartNanos, long cpuAtEndNanos, long... filterMicros) {
        return new ImageTiming(image, "worker-1", "node-1", thread, 2, 100,
                java.util.Arrays.stream(filterMicros).boxed().toList(), 1000, 262_144, 1_310_720, cpuAtStartNanos, cpuAtEndNanos, 0);
    }
}
