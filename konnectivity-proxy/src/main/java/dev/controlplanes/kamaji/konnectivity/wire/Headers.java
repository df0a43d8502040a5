package dev.controlplanes.kamaji.konnectivity.wire;

import io.grpc.Metadata;

/** gRPC metadata keys of the konnectivity protocol, lower-case as they travel on the wire. */
public final class Headers {

  public static final Metadata.Key<String> AGENT_ID =
      Metadata.Key.of("agentid", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> AGENT_IDENTIFIERS =
      Metadata.Key.of("agentidentifiers", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> SERVER_ID =
      Metadata.Key.of("serverid", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> SERVER_COUNT =
      Metadata.Key.of("servercount", Metadata.ASCII_STRING_MARSHALLER);

  private Headers() {}
}
