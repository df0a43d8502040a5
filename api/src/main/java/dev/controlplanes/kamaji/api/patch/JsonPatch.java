package dev.controlplanes.kamaji.api.patch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;

/**
 * RFC 6902 JSON patch ({@code application/json-patch+json}).
 *
 * <p>Pure: the target is never modified, the result is a new tree. Error classes follow
 * kube-apiserver: a patch that is not an array of objects is {@link PatchException.Reason#MALFORMED
 * MALFORMED} (400); more than {@value #MAX_OPERATIONS} operations is {@link
 * PatchException.Reason#TOO_MANY_OPERATIONS TOO_MANY_OPERATIONS} (413); everything else that goes
 * wrong while applying (unknown {@code op}, missing {@code path}/{@code from}/{@code value}, a
 * location that does not exist, a failed {@code test}, a bad array index) is {@link
 * PatchException.Reason#OPERATION_FAILED OPERATION_FAILED} (422).
 */
public final class JsonPatch {

  /** kube-apiserver's limit on operations in one JSON patch. */
  public static final int MAX_OPERATIONS = 10000;

  private JsonPatch() {}

  /**
   * Applies {@code patch}, which must be a JSON array of operation objects; any other shape is
   * {@link PatchException.Reason#MALFORMED MALFORMED}.
   */
  public static JsonElement apply(JsonElement target, JsonElement patch) {
    if (patch == null || !patch.isJsonArray()) {
      throw PatchException.malformed(
          "json: cannot unmarshal " + describe(patch) + " into Go value of type jsonpatch.Patch");
    }
    return apply(target, patch.getAsJsonArray());
  }

  /** Applies the operations in order to a copy of {@code target} and returns the copy. */
  public static JsonElement apply(JsonElement target, JsonArray ops) {
    for (JsonElement op : ops) {
      if (!op.isJsonObject()) {
        throw PatchException.malformed(
            "json: cannot unmarshal "
                + describe(op)
                + " into Go value of type jsonpatch.Operation");
      }
    }
    if (ops.size() > MAX_OPERATIONS) {
      throw new PatchException(
          PatchException.Reason.TOO_MANY_OPERATIONS,
          "The allowed maximum operations in a JSON patch is "
              + MAX_OPERATIONS
              + ", got "
              + ops.size());
    }
    JsonElement doc = target == null ? JsonNull.INSTANCE : target.deepCopy();
    for (JsonElement op : ops) {
      doc = applyOne(doc, op.getAsJsonObject());
    }
    return doc;
  }

  private static JsonElement applyOne(JsonElement doc, JsonObject op) {
    String kind = stringMember(op, "op", "");
    JsonPointer path = JsonPointer.parse(stringMember(op, "path", kind));
    return switch (kind) {
      case "add" -> add(doc, path, value(op, kind).deepCopy(), kind);
      case "remove" -> {
        remove(doc, path, kind);
        yield doc;
      }
      case "replace" -> replace(doc, path, value(op, kind).deepCopy());
      case "move" -> move(doc, JsonPointer.parse(stringMember(op, "from", kind)), path);
      case "copy" -> {
        JsonPointer from = JsonPointer.parse(stringMember(op, "from", kind));
        yield add(doc, path, get(doc, from, kind).deepCopy(), kind);
      }
      case "test" -> test(doc, path, value(op, kind));
      default -> throw PatchException.failed("Unexpected kind: " + kind);
    };
  }

  private static JsonElement add(JsonElement doc, JsonPointer path, JsonElement value, String op) {
    if (path.isRoot()) {
      return value;
    }
    JsonElement parent = get(doc, path.parent(), op);
    String token = path.lastToken();
    if (parent.isJsonObject()) {
      parent.getAsJsonObject().add(token, value);
    } else if (parent.isJsonArray()) {
      List<JsonElement> list = parent.getAsJsonArray().asList();
      int index = "-".equals(token) ? list.size() : index(token, list.size() + 1, path, op);
      list.add(index, value);
    } else {
      throw missing(op, path);
    }
    return doc;
  }

  private static JsonElement remove(JsonElement doc, JsonPointer path, String op) {
    if (path.isRoot()) {
      throw PatchException.failed(
          op + " operation does not apply: cannot remove the whole document");
    }
    JsonElement parent = get(doc, path.parent(), op);
    String token = path.lastToken();
    if (parent.isJsonObject() && parent.getAsJsonObject().has(token)) {
      return parent.getAsJsonObject().remove(token);
    }
    if (parent.isJsonArray()) {
      JsonArray array = parent.getAsJsonArray();
      return array.remove(index(token, array.size(), path, op));
    }
    throw missing(op, path);
  }

  private static JsonElement replace(JsonElement doc, JsonPointer path, JsonElement value) {
    get(doc, path, "replace");
    if (path.isRoot()) {
      return value;
    }
    JsonElement parent = get(doc, path.parent(), "replace");
    if (parent.isJsonObject()) {
      parent.getAsJsonObject().add(path.lastToken(), value);
    } else {
      JsonArray array = parent.getAsJsonArray();
      array.set(index(path.lastToken(), array.size(), path, "replace"), value);
    }
    return doc;
  }

  private static JsonElement move(JsonElement doc, JsonPointer from, JsonPointer path) {
    if (path.isProperChildOf(from)) {
      throw PatchException.failed(
          "move operation does not apply: \"" + path + "\" is a child of \"" + from + "\"");
    }
    if (path.equals(from)) {
      get(doc, from, "move");
      return doc;
    }
    if (from.isRoot()) {
      throw missing("move", from);
    }
    JsonElement value = remove(doc, from, "move");
    return add(doc, path, value, "move");
  }

  private static JsonElement test(JsonElement doc, JsonPointer path, JsonElement expected) {
    if (!get(doc, path, "test").equals(expected)) {
      throw PatchException.failed("testing value " + path + " failed: test failed");
    }
    return doc;
  }

  /** Resolves a pointer; a location that does not exist fails the operation. */
  private static JsonElement get(JsonElement doc, JsonPointer pointer, String op) {
    JsonElement current = doc;
    for (int i = 0; i < pointer.tokens().size(); i++) {
      String token = pointer.tokens().get(i);
      if (current.isJsonObject() && current.getAsJsonObject().has(token)) {
        current = current.getAsJsonObject().get(token);
      } else if (current.isJsonArray()) {
        JsonArray array = current.getAsJsonArray();
        current = array.get(index(token, array.size(), pointer, op));
      } else {
        throw missing(op, pointer);
      }
    }
    return current;
  }

  /** Parses an RFC 6901 array index (no sign, no leading zero) below {@code bound}. */
  private static int index(String token, int bound, JsonPointer path, String op) {
    boolean digits = !token.isEmpty() && token.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits || (token.length() > 1 && token.charAt(0) == '0') || token.length() > 9) {
      throw PatchException.failed(
          op + " operation does not apply: invalid array index \"" + token + "\" in " + path);
    }
    int index = Integer.parseInt(token);
    if (index >= bound) {
      throw PatchException.failed(
          op + " operation does not apply: index " + index + " out of bounds in " + path);
    }
    return index;
  }

  private static PatchException missing(String op, JsonPointer path) {
    return PatchException.failed(
        op + " operation does not apply: doc is missing path: \"" + path + "\"");
  }

  private static JsonElement value(JsonObject op, String kind) {
    JsonElement value = op.get("value");
    if (value == null) {
      throw PatchException.failed(kind + " operation is missing \"value\"");
    }
    return value;
  }

  private static String stringMember(JsonObject op, String member, String kind) {
    JsonElement value = op.get(member);
    if (value instanceof JsonPrimitive p && p.isString()) {
      return p.getAsString();
    }
    String what = kind.isEmpty() ? "operation" : kind + " operation";
    throw PatchException.failed(what + " is missing a string \"" + member + "\"");
  }

  private static String describe(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return "null";
    }
    if (e.isJsonObject()) {
      return "object";
    }
    if (e.isJsonArray()) {
      return "array";
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    return p.isString() ? "string" : p.isNumber() ? "number" : "bool";
  }
}
