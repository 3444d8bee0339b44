package org.pekkolab.imagepipeline.cli;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Optional;
import java.util.stream.Collectors;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.runtime.DispatcherPresets;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;
import org.pekkolab.imagepipeline.settings.InputSet;
import org.pekkolab.imagepipeline.settings.IoDispatcher;
import org.pekkolab.imagepipeline.settings.SweepSettings;
import org.pekkolab.imagepipeline.source.ImageSource;
import org.pekkolab.imagepipeline.sweep.Sweep;

/**
 * What the console says before the rows run: the input and the filters, where the readers and the
 * control actors work, and what could surprise later, plainly (a heap that can change size, processed
 * images that would overwrite each other, a preset that runs on its fallback).
 */
final class StartBanner {

    private static final long MIB = 1024 * 1024;

    private StartBanner() {}

    static void print(PrintWriter out, SweepSettings settings, Config config, boolean cluster) {
        var inputSet = settings.input().set();
        int repeat = settings.input().repeat();
        out.printf("Input: %s (%d %s%s), filters: %s%n", inputSet.location(), inputSet.sources().size(),
                inputSet.kind() == InputSet.Kind.URL_LIST ? "URLs" : "images", repeat > 1 ? " x " + repeat : "",
                String.join(" -> ", settings.images().filters()));
        inputSet.notes().forEach(out::println);
        out.println("Reads: " + describeReads(settings, config));
        out.println("Images held: " + describeBounds(Sweep.delivery(settings, cluster)) + ".");
        out.println("Control actors: " + settings.compared().controls().stream().map(StartBanner::whereControlWorks)
                .collect(Collectors.joining("; then ")) + ".");
        heapNote(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()).ifPresent(out::println);
        settings.output().ifPresent(target -> target.sharedOutputs(inputSet.sources().stream().map(ImageSource::name).toList())
                .forEach((file, names) -> out.printf("Note: %s all save as %s; the one saved last overwrites the others.%n",
                        String.join(", ", names), file.getFileName())));
        DispatcherPresets.describe(config, settings.compared().dispatchers(), settings.workers()).forEach((name, dispatcher) -> {
            var notice = DispatcherPresets.fallbackNotice(name, dispatcher);
            if (notice != null) {
                out.println(notice);
            }
        });
        out.flush();
    }

    /**
     * A heap that can grow and shrink makes a row's timing depend on the rows before it: every row
     * starts after a full collection, which shrinks such a heap, and then grows it again (docs/performance.md). run.sh fixes the size; a JVM started otherwise is told so.
     */
    static Optional<String> heapNote(MemoryUsage heap) {
        if (heap.getMax() < 0 || heap.getInit() == heap.getMax()) {
            return Optional.empty();
        }
        return Optional.of("Note: this JVM's heap can grow and shrink (" + heap.getInit() / MIB + " MB at start, up to " + heap.getMax() / MIB
                + " MB), which makes a row's time" + System.lineSeparator()
                + "depend on the rows before it; give -Xms and -Xmx one size (run.sh: -Xms2g -Xmx2g).");
    }

    /** Says where the readers block, and plainly when virtual threads are not what they get. */
    private static String describeReads(SweepSettings settings, Config config) {
        var reads = settings.reads();
        var where = settings.compared().readers().stream().map(dispatcher -> whereReadersBlock(dispatcher, config))
                .collect(Collectors.joining("; then "));
        var latency = reads.latency().isZero() ? "no added latency" : reads.latency().toMillis() + " ms added to every read";
        var timeout = settings.input().set().kind() == InputSet.Kind.URL_LIST ? "; downloads time out after " + reads.httpTimeout().toMillis() + " ms" : "";
        return reads.readers() + " readers " + where + "; " + latency + timeout + ".";
    }

    /** What bounds the images each worker holds, for each mode that has a bound in {@code delivery}. */
    private static String describeBounds(Report.Delivery delivery) {
        var modes = new ArrayList<String>();
        if (delivery.window() != null) {
            modes.add("pull, up to " + delivery.window() + " per worker" + (delivery.clusterWindow() == null ? ""
                    : " beside the supervisor, " + delivery.clusterWindow() + " on other nodes in messages of " + delivery.clusterBatch()));
        }
        if (delivery.mailboxCapacity() != null) {
            modes.add("push, " + (delivery.mailboxCapacity() > 0 ? "mailboxes of " + delivery.mailboxCapacity() : "unbounded mailboxes"));
        }
        if (delivery.streamBuffer() != null) {
            modes.add("stream, buffers of " + delivery.streamBuffer() + " per node");
        }
        return String.join("; ", modes);
    }

    private static String whereControlWorks(ControlDispatcher control) {
        return switch (control) {
            case SHARED -> "on each run's worker dispatcher, between images";
            case OWN -> "on a thread of their own (Pekko's default dispatcher)";
            case AUTO -> "auto, on the workers' dispatcher or on a thread of their own, whichever suits the run (see under the table)";
        };
    }

    private static String whereReadersBlock(IoDispatcher dispatcher, Config config) {
        return switch (dispatcher) {
            case BLOCKING -> "on the blocking I/O dispatcher, a thread each";
            case CPU -> "on the run's CPU dispatcher, where a blocked read holds a filter worker's thread";
            case VIRTUAL -> IoDispatcher.virtualThreadsAvailable() ? "on virtual threads"
                    : "for virtual threads, but those need Java 21+ and this is Java " + Runtime.version().feature()
                            + ": Pekko runs them on its fallback, a pool of "
                            + config.getInt(IoDispatcher.VIRTUAL_PATH + ".thread-pool-executor.fixed-pool-size")
                            + " platform threads (the same as --io-dispatcher blocking)";
        };
    }
}
