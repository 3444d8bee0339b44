package org.pekkolab.imagepipeline.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts cluster node JVMs on this host: the same Java, the same class path, the {@code node}
 * command. Each child is told the coordinator's PID and stops when that process ends, however it
 * ends, so no node outlives the command that started it.
 */
final class NodeLauncher {

    private static final String MAIN_CLASS = "org.pekkolab.imagepipeline.cli.Main";

    private NodeLauncher() {}

    static Process launch(int index, String seed, String host, Optional<Path> configFile, Path logFile) throws IOException {
        var java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        var command = new ArrayList<>(List.of(
                java,
                "-Djava.awt.headless=true",
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
}
