package dev.controlplanes.kamaji.controllers.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes a JSON tree as YAML the way Kubernetes' Go encoders do ({@code sigs.k8s.io/yaml}: keys
 * sorted, block style, sequences at their key's indentation, strings quoted only where YAML 1.1
 * would read them as something else). Workers read the ConfigMaps kubeadm uploads (the cluster
 * configuration, the kubelet's) as text, so ours are written as kubeadm writes them.
 */
public final class GoYaml {

  private static final Pattern NON_STRING =
      Pattern.compile(
          String.join(
              "|",
              "~|null|Null|NULL",
              "[yY]|yes|Yes|YES|[nN]|no|No|NO|true|True|TRUE|false|False|FALSE",
              "on|On|ON|off|Off|OFF",
              "[-+]?(0|[1-9][0-9_]*)",
              "[-+]?0x[0-9a-fA-F_]+|[-+]?0o?[0-7_]+|[-+]?0b[01_]+",
              "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?",
              "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)",
              "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?",
              "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?"));

  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  private GoYaml() {}

  /** The YAML document of a JSON object, ending with a newline. */
  public static String write(JsonObject document) {
    StringBuilder out = new StringBuilder();
    mapping(out, document, 0);
    return out.toString();
  }

  private static void mapping(StringBuilder out, JsonObject object, int indent) {
    Map<String, JsonElement> sorted = new TreeMap<>();
    object.entrySet().forEach(e -> sorted.put(e.getKey(), e.getValue()));
    for (Map.Entry<String, JsonElement> entry : sorted.entrySet()) {
      out.append(" ".repeat(indent)).append(scalar(entry.getKey())).append(':');
      value(out, entry.getValue(), indent, indent + 2);
    }
  }

  /**
   * The rest of the line after {@code key:} or {@code -}: a scalar, an empty collection, or a
   * newline and the nested block ({@code sequenceIndent} for sequences under a key, which Go's
   * encoder does not indent).
   */
  private static void value(StringBuilder out, JsonElement value, int sequenceIndent, int indent) {
    if (value.isJsonObject()) {
      if (value.getAsJsonObject().size() == 0) {
        out.append(" {}\n");
      } else {
        out.append('\n');
        mapping(out, value.getAsJsonObject(), indent);
      }
    } else if (value.isJsonArray()) {
      if (value.getAsJsonArray().isEmpty()) {
        out.append(" []\n");
      } else {
        out.append('\n');
        sequence(out, value.getAsJsonArray(), sequenceIndent);
      }
    } else if (value.isJsonNull()) {
      out.append(" null\n");
    } else if (value.getAsJsonPrimitive().isString() && value.getAsString().contains("\n")) {
      literal(out, value.getAsString(), indent);
    } else {
      out.append(' ').append(primitive(value.getAsJsonPrimitive())).append('\n');
    }
  }

  private static void sequence(StringBuilder out, JsonArray array, int indent) {
    for (JsonElement item : array) {
      if (item.isJsonObject() && item.getAsJsonObject().size() > 0) {
        // The item's first key goes on the dash's line.
        StringBuilder block = new StringBuilder();
        mapping(block, item.getAsJsonObject(), indent + 2);
        out.append(" ".repeat(indent)).append("- ").append(block, indent + 2, block.length());
      } else {
        out.append(" ".repeat(indent)).append('-');
        value(out, item, indent + 2, indent + 2);
      }
    }
  }

  private static void literal(StringBuilder out, String text, int indent) {
    out.append(text.endsWith("\n") ? " |\n" : " |-\n");
    List<String> lines = text.lines().toList();
    for (String line : lines) {
      out.append(line.isEmpty() ? "" : " ".repeat(indent) + line).append('\n');
    }
  }

  private static String primitive(JsonPrimitive value) {
    return value.isString() ? scalar(value.getAsString()) : value.getAsString();
  }

  /** A string as Go's YAML encoder writes it: plain, double-quoted or single-quoted. */
  static String scalar(String text) {
    if (text.isEmpty() || NON_STRING.matcher(text).matches()) {
      return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (!plainAllowed(text)) {
      return "'" + text.replace("'", "''") + "'";
    }
    return text;
  }

  private static boolean plainAllowed(String text) {
    char first = text.charAt(0);
    if (Character.isWhitespace(first) || Character.isWhitespace(text.charAt(text.length() - 1))) {
      return false;
    }
    if (INDICATORS.indexOf(first) >= 0) {
      // "-x", "?x" and ":x" are plain; a lone indicator or one before a space is not.
      boolean dashLike = first == '-' || first == '?' || first == ':';
      if (!dashLike || text.length() == 1 || text.charAt(1) == ' ') {
        return false;
      }
    }
    return !text.contains(": ")
        && !text.contains(" #")
        && !text.endsWith(":")
        && text.chars().noneMatch(c -> c == '\t' || c < 0x20);
  }
}
