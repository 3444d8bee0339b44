package org.pekkolab.imagepipeline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.filters.Simd;
import org.pekkolab.imagepipeline.imageio.OutputFormat;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;
import org.pekkolab.imagepipeline.runtime.DispatcherPresets;

/** The dispatcher settings, the heap size and the filter kernels of an invocation reach the node JVMs it starts. */
class NodeLauncherTest {

    @TempDir
    Path work;

    @Test
    void aNodeJvmGetsTheHeapSizeOfTheJvmThatStartsIt() {
        // Surefire starts this JVM with -Xmx2g (pom.xml).
        var inherited = NodeLauncher.inheritedOptions(ManagementFactory.getRuntimeMXBean().getInputArguments());
        assertTrue(inherited.contains("-Xmx2g"), inherited.toString());
    }

    @Test
    void aNodeJvmGetsTheCoordinatorsJvmOptionsButNoAgentsDebuggersOrFilesTheyWouldShare() {
        var coordinator = List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC", "--add-modules=jdk.incubator.vector",
                "-Dpipeline.simd=false", "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:/opt/agent.jar",
                "-XX:StartFlightRecording=filename=rec.jfr", "-Xlog:gc:file=gc.log", "-Xlog:gc");
        assertEquals(List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC", "--add-modules=jdk.incubator.vector",
                "-Dpipeline.simd=false", "-Xlog:gc"), NodeLauncher.inheritedOptions(coordinator));
    }

    @Test
    void aNodeJvmGetsTheInvocationsThroughputOverItsConfigFileAndItsKernels() throws Exception {
        var coordinator = ConfigFactory.load().withValue(DispatcherPresets.THROUGHPUT, ConfigValueFactory.fromAnyRef(5));
        var options = NodeLauncher.dispatcherOptions(coordinator);
        assertTrue(options.contains("-D" + DispatcherPresets.THROUGHPUT + "=5"), options.toString());

        // A JVM started with those options reads its configuration as a node does: the --config file
        // (which sets another throughput here) must not win over what the coordinator passed.
        var configFile = Files.writeString(work.resolve("node.conf"), DispatcherPresets.THROUGHPUT + " = 2\n");
        var inputs = work.resolve("inputs");
        SyntheticImages.writeAll(inputs, 2, 32, 24, 1, OutputFormat.PNG, 90);
        var report = work.resolve("report");
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true"));
        command.addAll(options);
        command.addAll(Simd.jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.pekkolab.imagepipeline.cli.Main", "run",
                "--config", configFile.toString(), "-i", inputs.toString(), "-w", "1", "--warmup-ms", "0", "--report", report.toString()));
        var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the JVM did not finish");
        assertEquals(0, process.exitValue(), Files.readString(work.resolve("out.log")));

        var json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals(5, json.at("/dispatchers/fork-join/throughput").asInt());
        assertEquals(Simd.describe(), json.at("/host/kernels").asText());
    }
}
