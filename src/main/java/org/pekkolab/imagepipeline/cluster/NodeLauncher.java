package org.pekkolab.imagepipeline.cluster;

import com.typesafe.config.Config;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pekkolab.imagepipeline.filters.Simd;
import org.pekkolab.imagepipeline.runtime.DispatcherPresets;

/**
 * Starts cluster node JVMs on this host: the same Java, the same class path, the {@code node}
 * command. Each child is told the coordinator's PID and stops when that process ends, however it
 * ends, so no node outlives the command that started it.
 */
final class NodeLauncher {

    private static final String MAIN_CLASS = "org.pekkolab.imagepipeline.cli.Main";

    /** System properties that size the JVM's virtual-thread scheduler (jdk.virtualThreadScheduler.parallelism, ...). */
    private static final String VIRTUAL_THREAD_SCHEDULER = "jdk.virtualThreadScheduler.";

    private NodeLauncher() {}

    /** @param config the coordinator's configuration: the node gets its dispatcher throughput */
    static Process launch(int index, String seed, String host, Optional<Path> configFile, Config config, Path logFile) throws IOException {
        var java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        var command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true"));
        command.addAll(dispatcherOptions(config));
        command.addAll(heapOptions());
        command.addAll(Simd.jvmOptions());
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"),
                MAIN_CLASS,
                "node",
                "--seed-nodes", seed,
                "--host", host,
                "--port", "0",
                "--parent-pid", Long.toString(ProcessHandle.current().pid())));
        configFile.ifPresent(file -> command.addAll(List.of("--config", file.toAbsolutePath().toString())));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
    }

    /**
     * This JVM's heap sizing (-Xms, -Xmx, -Xmn; run.sh fixes the heap's size), so that a node's rows
     * collect garbage as the coordinator's do.
     */
    static List<String> heapOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-Xms") || argument.startsWith("-Xmx") || argument.startsWith("-Xmn"))
                .toList();
    }

    /**
     * What makes a node's dispatchers like the coordinator's: the invocation's throughput (set by
     * --throughput, which the node's own configuration does not have), the virtual-thread scheduler
     * settings of this JVM, and on Java 21+ the access Pekko's virtual-thread executor needs to
     * find that scheduler (without it, it logs a warning with a stack trace; run.sh adds it too).
     */
    static List<String> dispatcherOptions(Config config) {
        var options = new ArrayList<String>();
        options.add("-D" + DispatcherPresets.THROUGHPUT + "=" + config.getInt(DispatcherPresets.THROUGHPUT));
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(VIRTUAL_THREAD_SCHEDULER))
                .sorted()
                .forEach(name -> options.add("-D" + name + "=" + System.getProperty(name)));
        if (DispatcherPresets.virtualThreads()) {
            options.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        }
        return options;
    }
}
