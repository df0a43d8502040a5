package dev.controlplanes.kamaji.controllers.model;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Kamaji's label and annotation keys, and the label set put on every managed object. */
public final class Labels {

  public static final String PROJECT = "kamaji.clastix.io/project";
  public static final String PROJECT_VALUE = "kamaji";
  public static final String NAME = "kamaji.clastix.io/name";
  public static final String COMPONENT = "kamaji.clastix.io/component";
  public static final String CERTIFICATE_LIFECYCLE =
      "kamaji.clastix.io/certificate_lifecycle_controller";

  /** Annotation holding the MD5 of a ConfigMap's or Secret's values (see {@link Checksums}). */
  public static final String CHECKSUM_ANNOTATION = "kamaji.clastix.io/checksum";

  /** Annotation holding the checksum of {@code extraArgs.apiServer} on the Deployment. */
  public static final String API_SERVER_ARGS_ANNOTATION = "kube-apiserver.kamaji.clastix.io/args";

  /** Pod-template annotations that roll the pods when the datastore config or cert changes. */
  public static final String STORAGE_CONFIG_ANNOTATION = "storage.kamaji.clastix.io/config";

  public static final String STORAGE_CERTIFICATE_ANNOTATION =
      "storage.kamaji.clastix.io/certificate";

  /** Prefix of the pod-template labels that carry the MD5 of each mounted Secret. */
  public static final String COMPONENT_HASH_PREFIX = "component.kamaji.clastix.io/";

  private Labels() {}

  /** {@code project=kamaji, name=<tcp>, component=<component>}. */
  public static SortedMap<String, String> kamaji(String tcpName, String component) {
    SortedMap<String, String> labels = new TreeMap<>();
    labels.put(PROJECT, PROJECT_VALUE);
    labels.put(NAME, tcpName);
    labels.put(COMPONENT, component);
    return labels;
  }

  /** The control-plane pods' selector: {@code kamaji.clastix.io/name=<tcp>}. */
  public static SortedMap<String, String> selector(String tcpName) {
    SortedMap<String, String> labels = new TreeMap<>();
    labels.put(NAME, tcpName);
    return labels;
  }

  /** Merges maps left to right (later ones win) into a sorted map; null maps are skipped. */
  @SafeVarargs
  public static SortedMap<String, String> merge(Map<String, String>... maps) {
    SortedMap<String, String> out = new TreeMap<>();
    for (Map<String, String> m : maps) {
      if (m != null) {
        out.putAll(m);
      }
    }
    return out;
  }
}
