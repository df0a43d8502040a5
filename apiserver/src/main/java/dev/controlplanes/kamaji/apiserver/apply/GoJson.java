package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON text and value ordering as Go's {@code encoding/json} and structured-merge-diff produce
 * them, so that {@code k:}/{@code v:} keys, conflict paths and the last-applied annotation are
 * byte-for-byte what kube-apiserver writes: object keys sorted, {@code <>&} escaped, numbers in
 * Go's int64/float64 form.
 */
final class GoJson {

  private static final TypeAdapter<JsonElement> ELEMENTS = new Gson().getAdapter(JsonElement.class);

  private GoJson() {}

  /** Compact JSON with sorted object keys and Go's escaping (a Go map's encoding). */
  static String write(JsonElement value) {
    StringBuilder out = new StringBuilder();
    write(value, out, true);
    return out.toString();
  }

  /** Compact JSON keeping the object's key order (a Go struct's encoding). */
  static String writeInFieldOrder(JsonObject value) {
    StringBuilder out = new StringBuilder();
    write(value, out, false);
    return out.toString();
  }

  /** Go's {@code %q} of a string. */
  static String quoteString(String s) {
    return quote(s);
  }

  /** Parses one strict JSON value; trailing data or lenient syntax is an error. */
  static JsonElement parseStrict(String text) {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement value = ELEMENTS.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new IllegalArgumentException("unexpected trailing data after JSON value");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("invalid JSON " + text + ": " + e.getMessage(), e);
    }
  }

  /**
   * The canonical form of a scalar: integral numbers become longs and other numbers doubles, so
   * that {@code 1}, {@code 1.0} and {@code 1e0} compare, hash and print alike (Go decodes them all
   * to the same int64 or float64).
   */
  static JsonElement canonical(JsonElement value) {
    if (value instanceof JsonPrimitive p && p.isNumber()) {
      BigDecimal d = new BigDecimal(p.getAsString());
      try {
        return new JsonPrimitive(d.longValueExact());
      } catch (ArithmeticException notALong) {
        return new JsonPrimitive(d.doubleValue());
      }
    }
    return value;
  }

  /** A total order over JSON values, as structured-merge-diff's {@code value.Compare}. */
  static int compare(JsonElement a, JsonElement b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    return switch (ra) {
      case 0 -> number(a).compareTo(number(b));
      case 1 -> a.getAsString().compareTo(b.getAsString());
      case 2 -> Boolean.compare(a.getAsBoolean(), b.getAsBoolean());
      case 3 -> compareLists(a.getAsJsonArray(), b.getAsJsonArray());
      case 4 -> compareMaps(a.getAsJsonObject(), b.getAsJsonObject());
      default -> 0;
    };
  }

  /** Go's {@code %v} rendering of a value, as in conflict paths ({@code [name="a"]}). */
  static String display(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return "null";
    }
    if (value.isJsonArray()) {
      List<String> parts = new ArrayList<>();
      value.getAsJsonArray().forEach(v -> parts.add(display(v)));
      return "[" + String.join(",", parts) + "]";
    }
    if (value.isJsonObject()) {
      StringBuilder out = new StringBuilder();
      value.getAsJsonObject().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> out.append(e.getKey()).append('=').append(display(e.getValue())));
      return out.toString();
    }
    JsonPrimitive p = value.getAsJsonPrimitive();
    if (p.isString()) {
      return quote(p.getAsString());
    }
    return p.isNumber() ? number(canonical(p).getAsJsonPrimitive()) : p.getAsString();
  }

  private static void write(JsonElement value, StringBuilder out, boolean sortKeys) {
    if (value == null || value.isJsonNull()) {
      out.append("null");
    } else if (value.isJsonObject()) {
      out.append('{');
      Iterator<Map.Entry<String, JsonElement>> it =
          sortKeys
              ? value.getAsJsonObject().entrySet().stream()
                  .sorted(Map.Entry.comparingByKey())
                  .iterator()
              : value.getAsJsonObject().entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonElement> e = it.next();
        writeString(e.getKey(), out);
        out.append(':');
        write(e.getValue(), out, sortKeys);
        out.append(it.hasNext() ? "," : "");
      }
      out.append('}');
    } else if (value.isJsonArray()) {
      out.append('[');
      JsonArray array = value.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        out.append(i > 0 ? "," : "");
        write(array.get(i), out, sortKeys);
      }
      out.append(']');
    } else {
      JsonPrimitive p = value.getAsJsonPrimitive();
      if (p.isString()) {
        writeString(p.getAsString(), out);
      } else if (p.isNumber()) {
        out.append(number(canonical(p).getAsJsonPrimitive()));
      } else {
        out.append(p.getAsBoolean());
      }
    }
  }

  /** Go's float64/int64 text: integers plain, floats shortest, exponent outside [1e-6, 1e21). */
  private static String number(JsonPrimitive canonical) {
    Number n = canonical.getAsNumber();
    if (n instanceof Long l) {
      return Long.toString(l);
    }
    double d = n.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return BigDecimal.valueOf(d).toBigInteger().toString();
    }
    double abs = Math.abs(d);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      return goExponent(
          BigDecimal.valueOf(d).stripTrailingZeros().toString().toLowerCase(Locale.ROOT));
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** {@code 1E+21} / {@code 1.5e-7} in Go's shape: {@code 1e+21}, {@code 1.5e-07}. */
  private static String goExponent(String javaText) {
    int e = javaText.indexOf('e');
    if (e < 0) {
      return javaText;
    }
    String mantissa = javaText.substring(0, e);
    String exp = javaText.substring(e + 1);
    char sign = exp.startsWith("-") ? '-' : '+';
    String digits = exp.replaceFirst("^[+-]", "");
    return mantissa + "e" + sign + (digits.length() < 2 ? "0" + digits : digits);
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' ->
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Go's {@code %q} (strconv.Quote) for the strings found in keys and set values. */
  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 11 -> out.append("\\v");
                default -> {
                  if (cp < 0x20 || cp == 0x7f) {
                    out.append(String.format(Locale.ROOT, "\\x%02x", cp));
                  } else {
                    out.appendCodePoint(cp);
                  }
                }
              }
            });
    return out.append('"').toString();
  }

  private static int rank(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return 5;
    }
    if (e.isJsonArray()) {
      return 3;
    }
    if (e.isJsonObject()) {
      return 4;
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    return p.isNumber() ? 0 : p.isString() ? 1 : 2;
  }

  private static BigDecimal number(JsonElement e) {
    return new BigDecimal(e.getAsJsonPrimitive().getAsString());
  }

  private static int compareLists(JsonArray a, JsonArray b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareMaps(JsonObject a, JsonObject b) {
    List<String> ka = a.keySet().stream().sorted().toList();
    List<String> kb = b.keySet().stream().sorted().toList();
    for (int i = 0; i < Math.min(ka.size(), kb.size()); i++) {
      int c = ka.get(i).compareTo(kb.get(i));
      if (c == 0) {
        c = compare(a.get(ka.get(i)), b.get(kb.get(i)));
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(ka.size(), kb.size());
  }
}
