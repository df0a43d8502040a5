package dev.controlplanes.kamaji.controllers.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kamaji's checksums. They are MD5 because Kamaji's are (the values show up in labels and
 * annotations users compare across implementations); they detect changes, not tampering.
 */
public final class Checksums {

  private Checksums() {}

  /**
   * MD5 of the values concatenated in key order: the {@code kamaji.clastix.io/checksum} of a Secret
   * and the {@code component.kamaji.clastix.io/<secret>} pod label.
   */
  public static String ofSecretData(Map<String, byte[]> data) {
    MessageDigest md5 = md5();
    for (byte[] value : new TreeMap<>(data).values()) {
      md5.update(value);
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  /** The same checksum over a ConfigMap's string data. */
  public static String ofConfigMapData(Map<String, String> data) {
    MessageDigest md5 = md5();
    for (String value : new TreeMap<>(data).values()) {
      md5.update(value.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  /**
   * MD5 over the strings, each followed by a NUL, so {@code [ab, c]} and {@code [a, bc]} differ.
   */
  public static String ofStrings(List<String> values) {
    MessageDigest md5 = md5();
    for (String value : values) {
      md5.update(value.getBytes(StandardCharsets.UTF_8));
      md5.update((byte) 0);
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides MD5", e);
    }
  }
}
