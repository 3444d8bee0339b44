package org.pekkolab.imagepipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.cluster.ClusterTls;
import org.pekkolab.imagepipeline.settings.UsageException;

/** A node that other hosts can reach is told when it has no TLS; a --tls folder is checked before anything starts. */
class NodeAddressOptionsTest {

    @TempDir
    Path work;

    private static String warnings(String host, Path tls) {
        var options = new NodeAddressOptions();
        options.host = host;
        options.port = 0;
        options.tlsDir = tls;
        var err = new StringWriter();
        options.validate(new PrintWriter(err, true));
        return err.toString();
    }

    @Test
    void aNodeOthersCanReachWithoutTlsIsWarnedAbout() throws Exception {
        assertTrue(warnings("192.0.2.1", null).startsWith("warning: --host 192.0.2.1 is reachable from other hosts and there is no --tls"));
        assertEquals("", warnings("127.0.0.1", null));
        ClusterTls.writeCertificates(work.resolve("tls"), Duration.ofDays(1));
        assertEquals("", warnings("192.0.2.1", work.resolve("tls")));
    }

    @Test
    void aTlsFolderWithoutTheCertificatesIsAUsageError() {
        var error = assertThrows(UsageException.class, () -> warnings("127.0.0.1", work));

        assertTrue(error.getMessage().startsWith("--tls: " + work + " has no readable ca.crt, tls.crt, tls.key"), error.getMessage());
    }
}
