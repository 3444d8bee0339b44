package org.pekkolab.imagepipeline.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.pekkolab.imagepipeline.results.Backpressure;
import org.pekkolab.imagepipeline.results.CpuUse;
import org.pekkolab.imagepipeline.results.HeapUse;
import org.pekkolab.imagepipeline.results.ImageCounts;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;
import org.pekkolab.imagepipeline.results.RunResult;
import org.pekkolab.imagepipeline.results.RunSetup;
import org.pekkolab.imagepipeline.results.Speed;
import org.pekkolab.imagepipeline.results.Timeline;

/**
 * Writes everything one invocation measured into a directory: {@code report.json} (docs/reference.md, plus an
 * {@code analysis} object), {@code runs.csv}, {@code images.csv}, the charts of {@link ChartWriter} and
 * {@code trace.json} ({@link TraceWriter}).
 * Per-image timings go to the CSV only: in JSON they would dwarf the rest of the report.
 */
public final class ReportWriter {

    public static final String REPORT_JSON = "report.json";
    public static final String RUNS_CSV = "runs.csv";
    public static final String IMAGES_CSV = "images.csv";

    /** Rounds figures for people and writes undefined ones as null; shared by every JSON file of a report. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new SimpleModule("rounding").setSerializerModifier(new RoundDoubles()))
            .addMixIn(RunResult.class, RunResultJson.class)
            .addMixIn(RunSetup.class, RunSetupJson.class)
            .addMixIn(RunKind.class, RunKindJson.class)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** The columns of {@code runs.csv}, named as the JSON properties they mirror. */
    private static final List<Column> RUN_COLUMNS = List.of(
            new Column("label", RunResult::label),
            new Column("mode", run -> run.setup().kind().label()),
            new Column("dispatcher", run -> run.setup().dispatcher()),
            new Column("distribution", run -> run.setup().distribution()),
            new Column("reads", run -> run.setup().reads()),
            new Column("control", run -> run.setup().control()),
            new Column("controlSetting", run -> run.setup().controlSetting()),
            new Column("nodes", run -> run.setup().nodes()),
            new Column("workers", run -> run.setup().workers()),
            new Column("images", run -> run.counts().images()),
            new Column("failed", run -> run.counts().failed()),
            new Column("retried", run -> run.counts().retried()),
            new Column("lost", run -> run.counts().lost()),
            new Column("restarts", run -> run.counts().restarts()),
            new Column("redelivered", run -> run.counts().redelivered()),
            new Column("peakInFlight", run -> run.backpressure().peakInFlight()),
            new Column("overflowed", run -> run.backpressure().overflowed()),
            new Column("peakMailbox", run -> run.backpressure().peakMailbox()),
            new Column("heldBackMs", run -> run.backpressure().heldBackMs()),
            new Column("peakHeapMb", run -> run.heap().peakHeapMb()),
            new Column("liveHeapMb", run -> run.heap().liveHeapMb()),
            new Column("wallMs", run -> run.speed().wallMs()),
            new Column("imagesPerSec", run -> run.speed().imagesPerSec()),
            new Column("speedup", run -> run.speed().speedup()),
            new Column("efficiency", run -> run.speed().efficiency()),
            new Column("efficiencyPerCore", run -> run.speed().efficiencyPerCore()),
            new Column("cpuLoadMean", run -> run.cpu().cpuLoadMean()),
            new Column("threadsSeen", run -> run.cpu().threadsSeen()),
            new Column("coresSeen", run -> run.cpu().coresSeen()),
            new Column("voluntarySwitchesPerImage", run -> run.cpu().voluntarySwitchesPerImage()),
            new Column("involuntarySwitchesPerImage", run -> run.cpu().involuntarySwitchesPerImage()));

    private ReportWriter() {}

    /** Creates {@code dir} if needed and returns the files written, in writing order. */
    public static List<Path> write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Analysis analysis = Analysis.of(report);
        List<Path> written = new ArrayList<>();
        written.add(writeJson(report, analysis, dir.resolve(REPORT_JSON)));
        written.add(writeCsv(dir.resolve(RUNS_CSV), runsCsv(report)));
        written.add(writeCsv(dir.resolve(IMAGES_CSV), imagesCsv(report)));
        written.addAll(ChartWriter.write(report, analysis, dir));
        written.add(TraceWriter.write(report, dir));
        return List.copyOf(written);
    }

    private static Path writeJson(Report report, Analysis analysis, Path file) throws IOException {
        ObjectNode root = JSON.valueToTree(report);
        root.set("analysis", JSON.valueToTree(analysis));
        root.set("clusterRows", JSON.valueToTree(clusterRows(report)));
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    /**
     * Every cluster row's time per node (the images' work, between images, idle, in us per image) and
     * what it paid against the single row with as many workers, where there is one.
     */
    private static List<ClusterRow> clusterRows(Report report) {
        var comparisons = ClusterComparison.of(report);
        return report.runs().stream()
                .filter(run -> run.setup().kind() == RunKind.CLUSTER)
                .map(run -> new ClusterRow(run.label(), TimeBreakdown.byNode(run, report.filters().size()),
                        comparisons.stream().filter(c -> c.cluster().equals(run.label())).findFirst().orElse(null)))
                .toList();
    }

    /** @param againstSingle null where the sweep has no single row with as many workers */
    private record ClusterRow(String label, List<TimeBreakdown> nodes, ClusterComparison againstSingle) {}

    private static Path writeCsv(Path file, Stream<List<?>> records) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (List<?> record : (Iterable<List<?>>) records::iterator) {
                out.write(Csv.line(record));
            }
        }
        return file;
    }

    private static Stream<List<?>> runsCsv(Report report) {
        Stream<List<?>> header = Stream.of(RUN_COLUMNS.stream().map(Column::name).toList());
        Stream<List<?>> rows = report.runs().stream().map(run -> RUN_COLUMNS.stream().map(c -> c.cell(run)).toList());
        return Stream.concat(header, rows);
    }

    private static Stream<List<?>> imagesCsv(Report report) {
        List<String> header = new ArrayList<>(List.of("run", "image", "worker", "node", "thread", "core", "decode_us"));
        report.filters().forEach(filter -> header.add(filter + "_us"));
        header.addAll(List.of("total_us", "cpu_us", "pixels", "alloc_bytes", "start_us", "end_us"));
        Stream<List<?>> rows = report.runs().stream()
                .flatMap(run -> run.imageTimings() == null ? Stream.empty()
                        : run.imageTimings().stream().map(t -> imageRow(run, t, report.filters().size())));
        return Stream.concat(Stream.of(header), rows);
    }

    /** Filter cells missing from a shorter {@code filterMicros} list stay empty rather than shifting columns. */
    private static List<?> imageRow(RunResult run, ImageTiming t, int filters) {
        List<Object> row = new ArrayList<>(List.of(run.label(), t.image(), t.worker(), t.node(), t.thread(), t.core(), t.decodeMicros()));
        for (int i = 0; i < filters; i++) {
            row.add(i < t.filterMicros().size() ? t.filterMicros().get(i) : null);
        }
        row.add(t.totalMicros());
        row.add(t.cpuKnown() ? (t.cpuAtEndNanos() - t.cpuAtStartNanos()) / 1_000 : null);
        row.add(t.pixels());
        row.add(t.allocationKnown() ? t.allocatedBytes() : null);
        long start = t.startedAtMicros() - run.timeline().startedAtMicros();
        row.add(start);
        row.add(start + t.totalMicros());
        return row;
    }

    private record Column(String name, Function<RunResult, Object> value) {
        Object cell(RunResult run) {
            Object v = value.apply(run);
            return v instanceof Double d ? Numbers.fixed(d, Numbers.decimals(name)) : v;
        }
    }

    /**
     * Keeps the model annotation-free: a run is one flat object, its label first, its groups of figures
     * unwrapped in their order; the per-image timings are left to {@code images.csv}.
     */
    @JsonPropertyOrder({"label"})
    @JsonIgnoreProperties("imageTimings")
    private interface RunResultJson {
        @JsonProperty("label")
        String label();

        @JsonUnwrapped
        RunSetup setup();

        @JsonUnwrapped
        ImageCounts counts();

        @JsonUnwrapped
        Backpressure backpressure();

        @JsonUnwrapped
        HeapUse heap();

        @JsonUnwrapped
        Speed speed();

        @JsonUnwrapped
        CpuUse cpu();

        @JsonUnwrapped
        Timeline timeline();
    }

    /** The kind is written as {@code mode}, the name report.json has always had. */
    private interface RunSetupJson {
        @JsonProperty("mode")
        RunKind kind();
    }

    /** A kind is written as reports show it, e.g. {@code single}. */
    private interface RunKindJson {
        @JsonValue
        String label();
    }

    /** Rounds every double property by its name ({@link Numbers#decimals}); non-finite values become null. */
    private static final class RoundDoubles extends BeanSerializerModifier {
        @Override
        public List<BeanPropertyWriter> changeProperties(
                SerializationConfig config, BeanDescription bean, List<BeanPropertyWriter> properties) {
            for (BeanPropertyWriter property : properties) {
                Class<?> type = property.getType().getRawClass();
                if (type == double.class || type == Double.class) {
                    property.assignSerializer(new Rounded(Numbers.decimals(property.getName())));
                }
            }
            return properties;
        }
    }

    private static final class Rounded extends StdSerializer<Object> {
        private final int decimals;

        Rounded(int decimals) {
            super(Object.class);
            this.decimals = decimals;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                gen.writeNumber(Numbers.round(d, decimals));
            } else {
                gen.writeNull();
            }
        }
    }
}
