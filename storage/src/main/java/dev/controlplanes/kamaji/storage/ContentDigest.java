package dev.controlplanes.kamaji.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a sequence of inputs, each prefixed by its length (-1 for null), so that no two
 * different sequences hash the same bytes (e.g. {@code ["ab", "c"]} and {@code ["a", "bc"]}, or
 * null and empty). A key for "the same content", never holding the content itself.
 */
public final class ContentDigest {

  private final MessageDigest sha256;

  private ContentDigest() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ContentDigest sha256() {
    return new ContentDigest();
  }

  public ContentDigest bytes(byte[] input) {
    int length = input == null ? -1 : input.length;
    sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(length).array());
    if (input != null) {
      sha256.update(input);
    }
    return this;
  }

  /** UTF-8 text, or null. */
  public ContentDigest text(String input) {
    return bytes(input == null ? null : input.getBytes(StandardCharsets.UTF_8));
  }

  /** The digest; the builder must not be used afterwards. */
  public byte[] digest() {
    return sha256.digest();
  }

  /** {@link #digest()} in lower-case hex. */
  public String hex() {
    return HexFormat.of().formatHex(digest());
  }
}
