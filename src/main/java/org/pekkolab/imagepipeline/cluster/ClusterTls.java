package org.pekkolab.imagepipeline.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Mutual TLS between the nodes of a cluster, with Artery's {@code tls-tcp} transport and Pekko's
 * {@code RotatingKeysSSLEngineProvider}, from a folder of three PEM files: {@code ca.crt} (the
 * cluster's certificate authority), {@code tls.crt} and {@code tls.key} (the node certificate it
 * signed, which every node of the cluster shares). A node accepts a peer only if the peer's
 * certificate was signed by the same authority and names the same node identity as its own.
 * {@link #writeCertificates} makes such a folder; the authority's private key is not kept, so no
 * other certificate can ever be signed into the cluster.
 */
public final class ClusterTls {

    public static final List<String> FILES = List.of("ca.crt", "tls.crt", "tls.key");
    /** The identity every node's certificate names, which each node checks its peers for. */
    static final String NODE_NAME = "pekko-image-pipeline-node";

    private static final String ENGINE = "pekko.remote.artery.ssl.rotating-keys-engine";

    private ClusterTls() {}

    /** Artery's settings for TLS from the files in {@code dir}. */
    public static Config settings(Path dir) {
        var absolute = dir.toAbsolutePath();
        return ConfigFactory.empty()
                .withValue("pekko.remote.artery.transport", ConfigValueFactory.fromAnyRef("tls-tcp"))
                .withValue("pekko.remote.artery.ssl.ssl-engine-provider",
                        ConfigValueFactory.fromAnyRef("org.apache.pekko.remote.artery.tcp.ssl.RotatingKeysSSLEngineProvider"))
                .withValue(ENGINE + ".ca-cert-file", ConfigValueFactory.fromAnyRef(absolute.resolve("ca.crt").toString()))
                .withValue(ENGINE + ".cert-file", ConfigValueFactory.fromAnyRef(absolute.resolve("tls.crt").toString()))
                .withValue(ENGINE + ".key-file", ConfigValueFactory.fromAnyRef(absolute.resolve("tls.key").toString()));
    }

    /** @throws IllegalArgumentException naming what is missing from {@code dir} */
    public static void check(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a folder: " + dir);
        }
        var missing = FILES.stream().filter(name -> !Files.isReadable(dir.resolve(name))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(dir + " has no readable " + String.join(", ", missing) + " (./run.sh certs --out DIR makes them)");
        }
    }

    /**
     * Writes a new certificate authority's certificate and a node certificate with its key into
     * {@code dir}, which must not hold them yet; the key readable by its owner only.
     *
     * @throws IllegalArgumentException when {@code dir} already holds one of the files
     */
    public static void writeCertificates(Path dir, Duration validity) throws IOException, GeneralSecurityException {
        for (var name : FILES) {
            if (Files.exists(dir.resolve(name))) {
                throw new IllegalArgumentException(dir.resolve(name) + " exists already; give a new folder");
            }
        }
        Files.createDirectories(dir);
        var random = new SecureRandom();
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        var authority = generator.generateKeyPair();
        var node = generator.generateKeyPair();
        var now = Instant.now();
        var authorityName = new X500Name("CN=pekko-image-pipeline cluster authority " + now.getEpochSecond());
        var authorityCert = certificate(authorityName, authority, authorityName, authority, now, validity, random, true);
        var nodeCert = certificate(new X500Name("CN=" + NODE_NAME), node, authorityName, authority, now, validity, random, false);
        Files.writeString(dir.resolve("ca.crt"), pem(authorityCert));
        Files.writeString(dir.resolve("tls.crt"), pem(nodeCert));
        var key = dir.resolve("tls.key");
        Files.writeString(key, pem(new PemObject("PRIVATE KEY", node.getPrivate().getEncoded())));
        try {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // A file system without POSIX permissions: the folder's own protection applies.
        }
    }

    private static X509Certificate certificate(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys, Instant from,
            Duration validity, SecureRandom random, boolean authority) throws GeneralSecurityException, IOException {
        var builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, random), Date.from(from.minus(Duration.ofMinutes(5))),
                Date.from(from.plus(validity)), subject, subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        if (authority) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, NODE_NAME)));
        }
        try {
            var signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(Object object) throws IOException {
        var text = new StringWriter();
        try (var writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
