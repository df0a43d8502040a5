package dev.controlplanes.kamaji.controllers.kube;

import com.google.gson.JsonElement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Content checksums for the checksum annotation and the status fields Kamaji fills with them. */
public final class Checksums {

  private Checksums() {}

  /** SHA-256 of the canonical (key-sorted) JSON. */
  public static String of(JsonElement element) {
    return hex(KubeJson.canonical(element).toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Checksum of a Secret's or ConfigMap's data, independent of map order. */
  public static String ofData(Map<String, byte[]> data) {
    MessageDigest digest = sha256();
    if (data != null) {
      for (Map.Entry<String, byte[]> e : new TreeMap<>(data).entrySet()) {
        digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(e.getValue() == null ? new byte[0] : e.getValue());
        digest.update((byte) 0);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Checksum of string data (ConfigMaps). */
  public static String ofStrings(Map<String, String> data) {
    Map<String, byte[]> bytes = new TreeMap<>();
    if (data != null) {
      data.forEach((k, v) -> bytes.put(k, v == null ? null : v.getBytes(StandardCharsets.UTF_8)));
    }
    return ofData(bytes);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
