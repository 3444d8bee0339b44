package org.pekkolab.imagepipeline.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.pekkolab.imagepipeline.cluster.ClusterTls;
import org.pekkolab.imagepipeline.settings.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./run.sh certs}: the PEM files of mutual TLS between a cluster's nodes ({@code --tls DIR}). */
@Command(
        name = "certs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        optionListHeading = "%nOptions:%n",
        description = {"Make a cluster's TLS certificates (ca.crt, tls.crt, tls.key) for --tls DIR of cluster and node.",
            "Copy the folder to every host of the cluster; keep tls.key private.",
            "The authority's own key is not kept: no other certificate can join this cluster."},
        footer = {"", "Example:", "  ./run.sh certs --out ~/pipeline-tls"})
public final class CertsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = {"Folder to write into (created if missing; must not hold the files yet).", "Example: --out ~/pipeline-tls"})
    Path out;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365",
            description = {"How long the certificates are valid. Default: ${DEFAULT-VALUE}.", "Example: --days 30"})
    int days;

    @Override
    public Integer call() {
        if (days < 1 || days > 3650) {
            throw new UsageException("--days must be between 1 and 3650, got " + days);
        }
        try {
            ClusterTls.writeCertificates(out, Duration.ofDays(days));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException | GeneralSecurityException e) {
            throw new UsageException("cannot write the certificates into " + out + ": " + e.getMessage());
        }
        spec.commandLine().getOut().printf("Wrote %s to %s: pass --tls %s to cluster and to every node.%n",
                String.join(", ", ClusterTls.FILES), out.toAbsolutePath().normalize(), out);
        return ExitStatus.OK;
    }
}
