package org.pekkolab.imagepipeline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pekkolab.imagepipeline.cli.Main;

/** {@code ./run.sh node} that cannot join: it gives up after --join-timeout and says why in one line, exit status 1. */
class NodeJoinIT {

    /** A line of a stack trace: a frame, a cause, an uncaught exception, or an exception's own first line. */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "^(\tat |\\s+at [\\w$.]+\\(|Caused by: |Exception in thread |([a-z_][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error)(: .*)?$).*");

    @Test
    @Timeout(90)
    void aNodeWithNobodyAtItsSeedNodesGivesUpAfterTheJoinTimeoutWithOneLine() throws Exception {
        int port = freePort();
        long started = System.nanoTime();
        var node = PipelineProcess.start("node", "--seed-nodes", "127.0.0.1:" + port, "--join-timeout", "5");
        try {
            int status = node.awaitExit(Duration.ofSeconds(60));
            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            node.awaitLine(line -> line.startsWith("error: "), Duration.ofSeconds(5));
            Thread.sleep(300); // the output reader drains what the process wrote before it exited
            var output = node.output();
            assertNotEquals(0, status, output);
            assertEquals(1, status, output);

            var lines = output.lines().filter(line -> !line.isBlank()).toList();
            var last = lines.get(lines.size() - 1);
            assertEquals("error: could not join the cluster at 127.0.0.1:" + port
                    + " within 5 s (nobody answered at the seed nodes: nothing listens on that port)", last, output);
            assertEquals(1, lines.stream().filter(line -> line.startsWith("error: ")).count(), output);
            assertNoStackTrace(lines, output);
            // The join timeout, not Pekko's own limit (a minute): a few seconds for the JVM and the actor system on top.
            assertTrue(elapsed.compareTo(Duration.ofSeconds(40)) < 0, "exited after " + elapsed + "\n" + output);
        } finally {
            node.close();
        }
    }

    @Test
    void aJoinTimeoutBelowOneSecondIsAUsageError() {
        var out = new StringWriter();
        var err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "node", "--seed-nodes", "127.0.0.1:1", "--join-timeout", "0");
        assertEquals(2, status, err.toString());
        assertTrue(err.toString().startsWith("error: --join-timeout must be at least 1 second, got 0"), err.toString());
    }

    private static void assertNoStackTrace(List<String> lines, String output) {
        for (var line : lines) {
            assertFalse(STACK_TRACE.matcher(line).matches(), "a stack trace line: '" + line + "'\n" + output);
        }
    }

    /** A port that was free a moment ago, so that nobody listens on it. */
    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
