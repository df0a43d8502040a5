package dev.controlplanes.kamaji.controllers.pki;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Renders and reads kubeconfig files with embedded credentials, laid out as kubeadm writes them:
 * one cluster, one user, one context {@code <user>@<cluster>} which is the current context.
 */
public final class Kubeconfigs {

  private Kubeconfigs() {}

  /**
   * One kubeconfig's content.
   *
   * @param clusterName cluster entry name
   * @param server API server URL
   * @param userName user entry name (kubeadm uses the certificate's CN)
   * @param certificateAuthority CA bundle PEM ({@code certificate-authority-data})
   * @param clientCertificate client certificate PEM ({@code client-certificate-data})
   * @param clientKey client private key PEM ({@code client-key-data})
   */
  public record Kubeconfig(
      String clusterName,
      String server,
      String userName,
      byte[] certificateAuthority,
      byte[] clientCertificate,
      byte[] clientKey) {

    public Kubeconfig {
      Objects.requireNonNull(clusterName, "clusterName");
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(userName, "userName");
      Objects.requireNonNull(certificateAuthority, "certificateAuthority");
      Objects.requireNonNull(clientCertificate, "clientCertificate");
      Objects.requireNonNull(clientKey, "clientKey");
    }

    /** {@code <user>@<cluster>}. */
    public String contextName() {
      return userName + "@" + clusterName;
    }

    @Override
    public String toString() {
      return "Kubeconfig[" + contextName() + " " + server + "]";
    }
  }

  /** The kubeconfig YAML for {@code kubeconfig}. */
  public static byte[] render(Kubeconfig kubeconfig) {
    Base64.Encoder base64 = Base64.getEncoder();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("apiVersion", "v1");
    root.put(
        "clusters",
        List.of(
            entry(
                "cluster",
                ordered(
                    "certificate-authority-data",
                    base64.encodeToString(kubeconfig.certificateAuthority()),
                    "server",
                    kubeconfig.server()),
                kubeconfig.clusterName())));
    root.put(
        "contexts",
        List.of(
            entry(
                "context",
                ordered("cluster", kubeconfig.clusterName(), "user", kubeconfig.userName()),
                kubeconfig.contextName())));
    root.put("current-context", kubeconfig.contextName());
    root.put("kind", "Config");
    root.put("preferences", Map.of());
    root.put(
        "users",
        List.of(
            userEntry(
                kubeconfig.userName(),
                ordered(
                    "client-certificate-data",
                    base64.encodeToString(kubeconfig.clientCertificate()),
                    "client-key-data",
                    base64.encodeToString(kubeconfig.clientKey())))));
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndicatorIndent(0);
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    return new Yaml(options).dump(root).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads the current context's cluster and user.
   *
   * @throws PemException if the YAML is unreadable or lacks the embedded credentials
   */
  public static Kubeconfig parse(byte[] yaml) {
    try {
      Object loaded =
          new Yaml(new SafeConstructor(new LoaderOptions()))
              .load(new String(yaml, StandardCharsets.UTF_8));
      Map<?, ?> root = asMap(loaded);
      String current = string(root.get("current-context"));
      Map<?, ?> context = named(root.get("contexts"), current, "context");
      String clusterName = string(context.get("cluster"));
      String userName = string(context.get("user"));
      Map<?, ?> cluster = named(root.get("clusters"), clusterName, "cluster");
      Map<?, ?> user = named(root.get("users"), userName, "user");
      Base64.Decoder base64 = Base64.getMimeDecoder();
      return new Kubeconfig(
          clusterName,
          string(cluster.get("server")),
          userName,
          base64.decode(string(cluster.get("certificate-authority-data"))),
          base64.decode(string(user.get("client-certificate-data"))),
          base64.decode(string(user.get("client-key-data"))));
    } catch (YAMLException | IllegalArgumentException | ClassCastException e) {
      if (e instanceof PemException pem) {
        throw pem;
      }
      // The message of a YAML error may quote content, which includes keys: keep only the type.
      throw new PemException("unreadable kubeconfig (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Map<String, Object> entry(String key, Object value, String name) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(key, value);
    map.put("name", name);
    return map;
  }

  private static Map<String, Object> userEntry(String name, Object user) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name);
    map.put("user", user);
    return map;
  }

  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static Map<?, ?> named(Object list, String name, String field) {
    if (list instanceof List<?> entries) {
      for (Object entry : entries) {
        Map<?, ?> map = asMap(entry);
        if (Objects.equals(map.get("name"), name)) {
          return asMap(map.get(field));
        }
      }
    }
    throw new PemException("kubeconfig has no " + field + " for the current context");
  }

  private static Map<?, ?> asMap(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw new PemException("kubeconfig is not a YAML mapping where one is expected");
  }

  private static String string(Object value) {
    if (value instanceof String text) {
      return text;
    }
    throw new PemException("kubeconfig lacks a required string field");
  }
}
