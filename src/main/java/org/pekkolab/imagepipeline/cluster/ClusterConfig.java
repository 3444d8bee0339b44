package org.pekkolab.imagepipeline.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The configuration of a cluster node: conf/cluster.conf over the run's configuration, plus its address and seeds. */
public final class ClusterConfig {

    public static final String SYSTEM_NAME = "pipeline";

    private ClusterConfig() {}

    /**
     * @param seedNodes HOST:PORT of the nodes to join; empty for a coordinator, which joins itself
     * @param tls the folder of the cluster's certificates ({@link ClusterTls}), for mutual TLS between the nodes
     */
    public static Config forNode(Config base, String host, int port, List<String> seedNodes, Optional<Path> tls) {
        var seeds = seedNodes.stream().map(ClusterConfig::address).toList();
        return tls.map(ClusterTls::settings).orElse(ConfigFactory.empty())
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
                .withFallback(ConfigFactory.parseResources("cluster.conf"))
                .withFallback(base)
                .resolve();
    }

    /** pekko://pipeline@HOST:PORT from HOST:PORT. */
    public static String address(String hostAndPort) {
        socketAddress(hostAndPort);
        return "pekko://" + SYSTEM_NAME + "@" + hostAndPort;
    }

    /** The host and port of HOST:PORT (a bracketed IPv6 host without its brackets), unresolved. */
    public static InetSocketAddress socketAddress(String hostAndPort) {
        var colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostAndPort.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + hostAndPort + "'");
        }
        int port;
        try {
            port = Integer.parseInt(hostAndPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + hostAndPort + "'");
        }
        return InetSocketAddress.createUnresolved(hostAndPort.substring(0, colon).replace("[", "").replace("]", ""), port);
    }
}
