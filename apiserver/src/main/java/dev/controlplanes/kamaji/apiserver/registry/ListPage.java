package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a list: decoded objects (read from etcd) or the encoded JSON of cached objects, which
 * a JSON response can copy as they are.
 */
public final class ListPage {

  private List<JsonObject> items;
  private final List<byte[]> encoded;
  private final long revision;
  private final String continueToken;
  private final Long remainingItemCount;

  /**
   * @param continueToken the token for the next page, or null
   * @param remainingItemCount items beyond this page, or null when unknown (selectors)
   */
  public ListPage(
      List<JsonObject> items, long revision, String continueToken, Long remainingItemCount) {
    this(items, null, revision, continueToken, remainingItemCount);
  }

  private ListPage(
      List<JsonObject> items,
      List<byte[]> encoded,
      long revision,
      String continueToken,
      Long remainingItemCount) {
    this.items = items;
    this.encoded = encoded;
    this.revision = revision;
    this.continueToken = continueToken;
    this.remainingItemCount = remainingItemCount;
  }

  /** A complete list served from the watch cache: each item is its JSON with resourceVersion. */
  public static ListPage encoded(List<byte[]> json, long revision) {
    return new ListPage(null, json, revision, null, null);
  }

  /**
   * A page whose items are their JSON with resourceVersion.
   *
   * @param continueToken the token for the next page, or null
   * @param remainingItemCount items beyond this page, or null when unknown (selectors)
   */
  public static ListPage encoded(
      List<byte[]> json, long revision, String continueToken, Long remainingItemCount) {
    return new ListPage(null, json, revision, continueToken, remainingItemCount);
  }

  /** The items as objects (decoded on first use for cached pages). */
  public synchronized List<JsonObject> items() {
    if (items == null) {
      List<JsonObject> decoded = new ArrayList<>(encoded.size());
      for (byte[] json : encoded) {
        decoded.add(Codec.parseJson(json).getAsJsonObject());
      }
      items = decoded;
    }
    return items;
  }

  /** The items' JSON when the page was made of encoded items, else null. */
  public List<byte[]> encodedItems() {
    return encoded;
  }

  public long revision() {
    return revision;
  }

  public String continueToken() {
    return continueToken;
  }

  public Long remainingItemCount() {
    return remainingItemCount;
  }
}
