package org.pekkolab.imagepipeline.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunResult;

/**
 * Writes {@code trace.json} in Chrome's Trace Event format, which Perfetto and {@code chrome://tracing}
 * open: a process per node (the JVM that ran the work), a thread per worker thread, a complete event
 * per phase of each image ({@code decode}, then {@code filters}), and the runs as complete events on
 * a process of their own, with instant events where each starts and ends. Times are µs from the first
 * run's start, every node's on the coordinator's clock (see {@link NodeStats.ClockOffset}).
 */
public final class TraceWriter {

    public static final String TRACE_JSON = "trace.json";
    /** The process that holds the runs themselves. */
    private static final int SWEEP_PID = 0;

    private TraceWriter() {}

    /** Writes {@code trace.json} into {@code dir}, which must exist. */
    public static Path write(Report report, Path dir) throws IOException {
        var file = dir.resolve(TRACE_JSON);
        long origin = report.runs().stream().mapToLong(run -> run.timeline().startedAtMicros()).min().orElse(0);
        var lanes = new Lanes();
        try (JsonGenerator out = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeStringField("displayTimeUnit", "ms");
            out.writeArrayFieldStart("traceEvents");
            metadata(out, "process_name", SWEEP_PID, 0, "runs of this invocation");
            metadata(out, "thread_name", SWEEP_PID, 0, "runs");
            for (var run : report.runs()) {
                long start = run.timeline().startedAtMicros() - origin;
                long wall = Math.round(run.speed().wallMs() * 1_000);
                instant(out, "start " + run.label(), start);
                complete(out, run.label(), "run", start, wall, SWEEP_PID, 0, Map.of("images", run.counts().images()));
                instant(out, "end " + run.label(), start + wall);
                for (var timing : run.imageTimings() == null ? List.<ImageTiming>of() : run.imageTimings()) {
                    imagePhases(out, run, timing, origin, lanes, report.filters());
                }
            }
            lanes.writeNames(out, report);
            out.writeEndArray();
            out.writeEndObject();
        }
        return file;
    }

    private static void imagePhases(JsonGenerator out, RunResult run, ImageTiming timing, long origin, Lanes lanes, List<String> filters)
            throws IOException {
        int pid = lanes.process(timing.node());
        int tid = lanes.thread(timing.node(), timing.thread());
        long start = timing.startedAtMicros() - origin;
        complete(out, "decode", "image", start, timing.decodeMicros(), pid, tid, Map.of("image", timing.image(), "run", run.label()));
        var args = new LinkedHashMap<String, Object>();
        args.put("image", timing.image());
        args.put("run", run.label());
        for (int i = 0; i < Math.min(filters.size(), timing.filterMicros().size()); i++) {
            args.put(filters.get(i) + "_us", timing.filterMicros().get(i));
        }
        complete(out, "filters", "image", start + timing.decodeMicros(), timing.filteredAtMicros() - timing.decodeMicros(), pid, tid, args);
    }

    private static void complete(JsonGenerator out, String name, String category, long ts, long dur, int pid, int tid, Map<String, ?> args)
            throws IOException {
        out.writeStartObject();
        out.writeStringField("name", name);
        out.writeStringField("cat", category);
        out.writeStringField("ph", "X");
        out.writeNumberField("ts", ts);
        out.writeNumberField("dur", Math.max(0, dur));
        out.writeNumberField("pid", pid);
        out.writeNumberField("tid", tid);
        out.writeObjectFieldStart("args");
        for (var arg : args.entrySet()) {
            out.writeFieldName(arg.getKey());
            if (arg.getValue() instanceof Number number) {
                out.writeNumber(number.longValue());
            } else {
                out.writeString(String.valueOf(arg.getValue()));
            }
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    /** A global instant: a line across every track of the trace. */
    private static void instant(JsonGenerator out, String name, long ts) throws IOException {
        out.writeStartObject();
        out.writeStringField("name", name);
        out.writeStringField("cat", "run");
        out.writeStringField("ph", "i");
        out.writeStringField("s", "g");
        out.writeNumberField("ts", ts);
        out.writeNumberField("pid", SWEEP_PID);
        out.writeNumberField("tid", 0);
        out.writeEndObject();
    }

    private static void metadata(JsonGenerator out, String kind, int pid, int tid, String name) throws IOException {
        out.writeStartObject();
        out.writeStringField("name", kind);
        out.writeStringField("ph", "M");
        out.writeNumberField("pid", pid);
        out.writeNumberField("tid", tid);
        out.writeObjectFieldStart("args");
        out.writeStringField("name", name);
        out.writeEndObject();
        out.writeEndObject();
    }

    /** Trace ids of the nodes (processes) and their threads, in order of first appearance. */
    private static final class Lanes {
        private final Map<String, Integer> processes = new LinkedHashMap<>();
        private final Map<String, Map<String, Integer>> threads = new LinkedHashMap<>();

        int process(String node) {
            return processes.computeIfAbsent(node, key -> processes.size() + 1);
        }

        int thread(String node, String thread) {
            var ofNode = threads.computeIfAbsent(node, key -> new LinkedHashMap<>());
            return ofNode.computeIfAbsent(thread, key -> ofNode.size() + 1);
        }

        /** A name for every process and thread: the node's address and OS process id where a run reported it. */
        void writeNames(JsonGenerator out, Report report) throws IOException {
            for (var node : processes.entrySet()) {
                var pid = report.runs().stream().flatMap(run -> run.nodeStats().stream())
                        .filter(stats -> stats.address().equals(node.getKey())).mapToLong(NodeStats::pid).findFirst();
                metadata(out, "process_name", node.getValue(), 0, "node " + node.getKey() + (pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : ""));
                for (var thread : threads.get(node.getKey()).entrySet()) {
                    metadata(out, "thread_name", node.getValue(), thread.getValue(), thread.getKey());
                }
            }
        }
    }
}
