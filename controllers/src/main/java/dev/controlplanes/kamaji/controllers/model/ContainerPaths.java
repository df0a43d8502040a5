package dev.controlplanes.kamaji.controllers.model;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every path inside the control-plane containers that Kamaji's flags and mounts refer to, in one
 * place so a test that runs the components as local processes can map each to a temp dir.
 */
public final class ContainerPaths {

  /** kubeadm's certificates dir: the projected PKI volume. */
  public static final String PKI_DIR = "/etc/kubernetes/pki";

  /** Where the kubeconfig Secrets of the scheduler and the controller-manager are mounted. */
  public static final String KUBERNETES_DIR = "/etc/kubernetes";

  public static final String SCHEDULER_KUBECONFIG = KUBERNETES_DIR + "/scheduler.conf";
  public static final String CONTROLLER_MANAGER_KUBECONFIG =
      KUBERNETES_DIR + "/controller-manager.conf";
  public static final String KONNECTIVITY_KUBECONFIG = KUBERNETES_DIR + "/konnectivity-server.conf";

  /** The CA Secret is also mounted over the system trust directories. */
  public static final String ETC_CA_CERTIFICATES = "/etc/ca-certificates";

  public static final String USR_SHARE_CA_CERTIFICATES = "/usr/share/ca-certificates";
  public static final String USR_LOCAL_SHARE_CA_CERTIFICATES = "/usr/local/share/ca-certificates";

  /** kine's unix socket directory, shared by kine and kube-apiserver. */
  public static final String KINE_UDS_DIR = "/uds";

  public static final String KINE_SOCKET = KINE_UDS_DIR + "/kine";

  /** The datastore-certificate Secret as mounted for the chmod init container. */
  public static final String KINE_SOURCE_CERTS_DIR = "/kine";

  /** The copied (mode 600) datastore certificates kine reads. */
  public static final String KINE_CERTS_DIR = "/certs";

  /** konnectivity-server's unix socket directory, shared with kube-apiserver. */
  public static final String KONNECTIVITY_UDS_DIR = "/run/konnectivity";

  public static final String KONNECTIVITY_SOCKET =
      KONNECTIVITY_UDS_DIR + "/konnectivity-server.socket";

  public static final String EGRESS_SELECTOR_DIR = "/etc/kubernetes/konnectivity/configurations";
  public static final String EGRESS_SELECTOR_FILE =
      EGRESS_SELECTOR_DIR + "/egress-selector-configuration.yaml";

  private static final Pattern RELOCATABLE =
      Pattern.compile(
          "(?<=^|[=,; ]|unix://)(?:"
              + String.join(
                  "|",
                  directories().stream()
                      // longest first, so a nested directory is not cut at its parent
                      .sorted(Comparator.comparingInt(String::length).reversed())
                      .map(Pattern::quote)
                      .toList())
              + ")(?=/|$|[,;])");

  private ContainerPaths() {}

  /** The directories above (files live inside them), for a test to map. */
  public static List<String> directories() {
    return List.of(
        PKI_DIR,
        KUBERNETES_DIR,
        ETC_CA_CERTIFICATES,
        USR_SHARE_CA_CERTIFICATES,
        USR_LOCAL_SHARE_CA_CERTIFICATES,
        KINE_UDS_DIR,
        KINE_SOURCE_CERTS_DIR,
        KINE_CERTS_DIR,
        KONNECTIVITY_UDS_DIR,
        EGRESS_SELECTOR_DIR);
  }

  /**
   * {@code value} with every container path above moved under {@code root} (so {@code
   * --client-ca-file=/etc/kubernetes/pki/ca.crt} becomes {@code
   * --client-ca-file=<root>/etc/kubernetes/pki/ca.crt}, and {@code unix:///uds/kine} becomes {@code
   * unix://<root>/uds/kine}), for running the components as local processes. A path is recognised
   * at the start of the value or after {@code =}, {@code ,}, {@code ;}, a space or {@code unix://}.
   */
  public static String relocate(String value, Path root) {
    return RELOCATABLE.matcher(value).replaceAll(m -> Matcher.quoteReplacement(root + m.group()));
  }

  /** {@link #relocate} applied to each argument. */
  public static List<String> relocate(List<String> args, Path root) {
    return args.stream().map(a -> relocate(a, root)).toList();
  }

  /** A file under {@link #PKI_DIR}. */
  public static String pki(String file) {
    return PKI_DIR + "/" + file;
  }
}
