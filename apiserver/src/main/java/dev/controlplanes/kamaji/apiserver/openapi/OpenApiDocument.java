package dev.controlplanes.kamaji.apiserver.openapi;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** One encoded, immutable document with its hash; safe to share between threads. */
public final class OpenApiDocument {

  private final byte[] bytes;
  private final String hash;

  OpenApiDocument(byte[] bytes) {
    this.bytes = bytes.clone();
    this.hash = CanonicalJson.sha512Hex(this.bytes);
  }

  /** A read-only view of the bytes, positioned at the start; every call returns a new view. */
  public ByteBuffer content() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** The upper-case hex SHA-512 of the bytes, as kube-openapi computes it. */
  public String hash() {
    return hash;
  }

  /** The strong entity tag: the hash in double quotes. */
  public String etag() {
    return '"' + hash + '"';
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OpenApiDocument document && Arrays.equals(bytes, document.bytes);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "OpenApiDocument[" + bytes.length + " bytes, hash " + hash.substring(0, 12) + "…]";
  }
}
