package dev.controlplanes.kamaji.apiserver;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;

/**
 * The completed, validated configuration of one server process.
 *
 * @param sslContext the serving TLS context (null only in tests of the HTTP layer)
 * @param etcdPrefix the key root of our objects in etcd, like kube's {@code --etcd-prefix}
 * @param bookmarkIntervalMillis how often watches that allow bookmarks get one
 * @param minRequestTimeoutSeconds watches without timeoutSeconds end after [min, 2*min] seconds
 * @param watchHistory how many recent changes per resource a watch can resume from
 */
public record ServerConfig(
    InetSocketAddress bindAddress,
    SslContext sslContext,
    String etcdPrefix,
    int handlerThreads,
    long bookmarkIntervalMillis,
    long minRequestTimeoutSeconds,
    int watchHistory) {}
