package org.pekkolab.imagepipeline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificates of a cluster: an authority, the node certificate it signed, and Artery's settings for them. */
class ClusterTlsTest {

    @TempDir
    Path work;

    private static X509Certificate read(Path file) throws IOException, GeneralSecurityException {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void theNodeCertificateIsSignedByTheAuthorityAndItsKeyIsPrivate() throws Exception {
        var dir = work.resolve("tls");

        ClusterTls.writeCertificates(dir, Duration.ofDays(30));

        var authority = read(dir.resolve("ca.crt"));
        var node = read(dir.resolve("tls.crt"));
        node.verify(authority.getPublicKey());
        authority.verify(authority.getPublicKey());
        assertTrue(authority.getBasicConstraints() >= 0, "the authority may sign");
        assertEquals(-1, node.getBasicConstraints(), "the node certificate may not");
        assertTrue(node.getSubjectAlternativeNames().stream().anyMatch(name -> name.get(1).equals(ClusterTls.NODE_NAME)));
        assertTrue(node.getExtendedKeyUsage().containsAll(java.util.List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")),
                "server and client authentication: the TLS is mutual");
        assertTrue(Files.readString(dir.resolve("tls.key")).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(dir.resolve("tls.key")));
        node.checkValidity();
    }

    @Test
    void twoFoldersHaveTwoAuthorities() throws Exception {
        ClusterTls.writeCertificates(work.resolve("a"), Duration.ofDays(1));
        ClusterTls.writeCertificates(work.resolve("b"), Duration.ofDays(1));

        var otherAuthority = read(work.resolve("b/ca.crt"));
        assertThrows(GeneralSecurityException.class, () -> read(work.resolve("a/tls.crt")).verify(otherAuthority.getPublicKey()));
    }

    @Test
    void aFolderWithCertificatesIsNotOverwritten() throws Exception {
        var dir = work.resolve("tls");
        ClusterTls.writeCertificates(dir, Duration.ofDays(1));
        var before = Files.readString(dir.resolve("tls.key"));

        var error = assertThrows(IllegalArgumentException.class, () -> ClusterTls.writeCertificates(dir, Duration.ofDays(1)));

        assertTrue(error.getMessage().contains("exists already"), error.getMessage());
        assertEquals(before, Files.readString(dir.resolve("tls.key")));
    }

    @Test
    void aFolderWithoutTheFilesIsNamedWithWhatIsMissing() throws IOException {
        var dir = Files.createDirectories(work.resolve("half"));
        Files.writeString(dir.resolve("ca.crt"), "x");

        var error = assertThrows(IllegalArgumentException.class, () -> ClusterTls.check(dir));

        assertTrue(error.getMessage().contains("tls.crt, tls.key"), error.getMessage());
    }

    @Test
    void arteryGetsMutualTlsFromTheFolder() {
        var settings = ClusterTls.settings(work);

        assertEquals("tls-tcp", settings.getString("pekko.remote.artery.transport"));
        assertEquals(work.resolve("ca.crt").toAbsolutePath().toString(),
                settings.getString("pekko.remote.artery.ssl.rotating-keys-engine.ca-cert-file"));
    }
}
