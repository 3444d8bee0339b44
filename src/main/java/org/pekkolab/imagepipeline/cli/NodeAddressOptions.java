package org.pekkolab.imagepipeline.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import org.pekkolab.imagepipeline.cluster.ClusterTls;
import org.pekkolab.imagepipeline.settings.UsageException;
import picocli.CommandLine.Option;

/** Where a cluster node binds and what it advertises: shared by {@code cluster} and {@code node}. */
final class NodeAddressOptions {

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = {"Address this node binds to and advertises. Default: ${DEFAULT-VALUE}.", "Example: --host 10.0.0.1"})
    String host;

    @Option(names = "--port", paramLabel = "P", defaultValue = "0",
            description = {"Port of this node; 0 picks a free one, so concurrent runs never clash.",
                "Default: ${DEFAULT-VALUE}.", "Example: --port 25520"})
    int port;

    @Option(names = "--tls", paramLabel = "DIR",
            description = {"Mutual TLS between the nodes, from ca.crt, tls.crt, tls.key in DIR (./run.sh certs).",
                "Every node of the cluster needs the same folder.", "Example: --tls ~/pipeline-tls"})
    Path tlsDir;

    /** Checks the options, and warns on {@code err} when the node is reachable from other hosts without TLS. */
    void validate(PrintWriter err) {
        if (host.isBlank()) {
            throw new UsageException("--host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535, got " + port);
        }
        if (tlsDir != null) {
            try {
                ClusterTls.check(tlsDir);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--tls: " + e.getMessage());
            }
        } else if (!isLoopback(host)) {
            err.println("warning: --host " + host + " is reachable from other hosts and there is no --tls: anyone who can reach this"
                    + " port can join the cluster and send it messages (./run.sh certs --out DIR, then --tls DIR on every node)");
        }
    }

    Optional<Path> tls() {
        return Optional.ofNullable(tlsDir);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
