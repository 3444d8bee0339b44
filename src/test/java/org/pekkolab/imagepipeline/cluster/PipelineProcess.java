package org.pekkolab.imagepipeline.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.pekkolab.imagepipeline.filters.Simd;
import org.pekkolab.imagepipeline.image.RasterImage;
import org.pekkolab.imagepipeline.imageio.ImageEncoder;
import org.pekkolab.imagepipeline.imageio.OutputFormat;

/**
 * The packaged jar run as a separate JVM, the way a user runs it, for the multi-JVM tests. Its
 * output is collected line by line; {@link #close()} kills it and every process it started.
 */
final class PipelineProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private PipelineProcess(Process process) {
        this.process = process;
        var reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process is gone; what it printed is kept.
            }
        }, "pipeline-output");
        reader.setDaemon(true);
        reader.start();
    }

    static PipelineProcess start(String... args) throws IOException {
        return startIn(List.of(), args);
    }

    /** Started inside a Linux network namespace ({@code ip netns exec NAME}), which stands for another host. */
    static PipelineProcess startInNamespace(String namespace, String... args) throws IOException {
        return startIn(List.of("ip", "netns", "exec", namespace), args);
    }

    private static PipelineProcess startIn(List<String> prefix, String... args) throws IOException {
        var jar = Path.of(System.getProperty("pipeline.jar", "target/pekko-image-pipeline.jar")).toAbsolutePath();
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The JIT's warm-up waits for it to settle, up to half a minute (two in cluster mode): the tests need no settled JIT.
        // Their rows take the input once, as the tests count it, and one trial.
        var command = new ArrayList<>(prefix);
        command.addAll(List.of(java, "-Djava.awt.headless=true", "-Xmx1g", "-Dpipeline.warmup-max=2s",
                "-Dpipeline.cluster.warmup-max=2s", "-Dpipeline.min-row-time=0", "-Dpipeline.trials=1"));
        // The kernels this test JVM runs, as the cluster command passes them on to its node JVMs.
        command.addAll(Simd.jvmOptions());
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return new PipelineProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    long pid() {
        return process.pid();
    }

    List<ProcessHandle> children() {
        return process.toHandle().children().toList();
    }

    /** Waits until a printed line matches, or fails after {@code timeout}. */
    String awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (var line : lines) {
                if (matches.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching line within " + timeout + "; output:\n" + output());
    }

    /** Waits for the exit status, or fails after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Writes {@code noise-large.png} into {@code dir}: 1400x1000 of random noise, which does not
     * compress, so the file is several MB, far above Artery's ordinary 256 KiB frames.
     */
    static Path writeLargeNoisePng(Path dir, long seed) throws IOException {
        var random = new Random(seed);
        var planes = new byte[3][1400 * 1000];
        for (var plane : planes) {
            random.nextBytes(plane);
        }
        var file = dir.resolve("noise-large.png");
        ImageEncoder.write(new RasterImage(1400, 1000, planes), file, OutputFormat.PNG, 90);
        return file;
    }

    /** Waits until a process has ended. */
    static boolean awaitGone(ProcessHandle handle, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handle.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return !handle.isAlive();
    }
}
