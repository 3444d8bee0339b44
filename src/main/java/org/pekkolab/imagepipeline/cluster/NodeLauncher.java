package org.pekkolab.imagepipeline.cluster;

import com.typesafe.config.Config;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pekkolab.imagepipeline.filters.Simd;
import org.pekkolab.imagepipeline.runtime.DispatcherPresets;

/**
 * Starts cluster node JVMs on this host: the same Java, the same class path, the {@code node}
 * command, the same JVM options. Each child is told the coordinator's PID and stops when that process
 * ends, however it ends, so no node outlives the command that started it.
 */
final class NodeLauncher {

    private static final String MAIN_CLASS = "org.pekkolab.imagepipeline.cli.Main";

    /** JVM options a node does not get from the coordinator. */
    private static final List<String> NOT_INHERITED = List.of("-agentlib", "-agentpath", "-javaagent", "-Xrunjdwp", "-Xdebug",
            "-XX:StartFlightRecording", "-XX:FlightRecorderOptions");

    /** System properties that size the JVM's virtual-thread scheduler (jdk.virtualThreadScheduler.parallelism, ...). */
    private static final String VIRTUAL_THREAD_SCHEDULER = "jdk.virtualThreadScheduler.";

    private NodeLauncher() {}

    /** @param config the coordinator's configuration: the node gets its dispatcher throughput */
    static Process launch(int index, String seed, ClusterSession.Layout layout, Config config, Path logFile) throws IOException {
        var java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        var command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true"));
        command.addAll(inheritedOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.addAll(dispatcherOptions(config));
        command.addAll(Simd.jvmOptions());
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"),
                MAIN_CLASS,
                "node",
                "--seed-nodes", seed,
                "--host", layout.host(),
                "--port", "0",
                "--parent-pid", Long.toString(ProcessHandle.current().pid())));
        layout.configFile().ifPresent(file -> command.addAll(List.of("--config", file.toAbsolutePath().toString())));
        layout.tls().ifPresent(dir -> command.addAll(List.of("--tls", dir.toAbsolutePath().toString())));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
    }

    /**
     * The options of this JVM that a node JVM gets too, so that a node runs as the coordinator does:
     * its heap (run.sh fixes the size and pre-touches it), its garbage collector, its JIT settings,
     * JAVA_OPTS. Left out are those that would clash between JVMs on one host or that attach tools:
     * agents and debuggers (their ports), flight recordings and logs written to a file (one file).
     */
    static List<String> inheritedOptions(List<String> arguments) {
        return arguments.stream().filter(argument -> NOT_INHERITED.stream().noneMatch(argument::startsWith))
                .filter(argument -> !(argument.startsWith("-Xlog") && argument.contains("file=")))
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
