package org.pekkolab.imagepipeline.cli;

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

    void validate() {
        if (host.isBlank()) {
            throw new UsageException("--host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535, got " + port);
        }
    }
}
