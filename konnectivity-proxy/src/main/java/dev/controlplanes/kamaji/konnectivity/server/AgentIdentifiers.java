package dev.controlplanes.kamaji.konnectivity.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code agentidentifiers} header: URL-query encoded {@code type=value} pairs. Unknown types
 * are ignored, as upstream does, so newer agents still connect.
 */
public record AgentIdentifiers(
    List<String> ipv4, List<String> ipv6, List<String> hosts, boolean defaultRoute) {

  public static final AgentIdentifiers NONE =
      new AgentIdentifiers(List.of(), List.of(), List.of(), false);

  public static AgentIdentifiers parse(String header) {
    if (header == null || header.isBlank()) {
      return NONE;
    }
    List<String> ipv4 = new ArrayList<>();
    List<String> ipv6 = new ArrayList<>();
    List<String> hosts = new ArrayList<>();
    Boolean defaultRoute = null;
    for (String pair : header.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      switch (key) {
        case "ipv4" -> ipv4.add(value);
        case "ipv6" -> ipv6.add(value);
        case "host" -> hosts.add(value);
        case "default-route" -> {
          if (defaultRoute == null) {
            defaultRoute = Boolean.parseBoolean(value);
          }
        }
        default -> {}
      }
    }
    return new AgentIdentifiers(
        List.copyOf(ipv4),
        List.copyOf(ipv6),
        List.copyOf(hosts),
        Boolean.TRUE.equals(defaultRoute));
  }

  /** True if a dial to {@code host} (no port, no brackets) matches one of the identifiers. */
  public boolean matchesHost(String host) {
    return ipv4.contains(host) || ipv6.contains(host) || hosts.contains(host);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
