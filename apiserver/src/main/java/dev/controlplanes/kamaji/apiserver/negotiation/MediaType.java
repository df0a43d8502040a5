package dev.controlplanes.kamaji.apiserver.negotiation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One media range of an Accept or Content-Type header, with its parameters. */
public record MediaType(String type, String subtype, Map<String, String> params) {

  public static MediaType parse(String value) {
    String[] parts = value.split(";");
    String full = parts[0].trim().toLowerCase(Locale.ROOT);
    int slash = full.indexOf('/');
    String type = slash < 0 ? full : full.substring(0, slash);
    String subtype = slash < 0 ? "*" : full.substring(slash + 1);
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0) {
        params.put(
            p.substring(0, eq).trim().toLowerCase(Locale.ROOT),
            p.substring(eq + 1).trim().replace("\"", ""));
      }
    }
    return new MediaType(type, subtype, Map.copyOf(params));
  }

  /** Parses a comma-separated Accept header in order; a missing header accepts anything. */
  public static List<MediaType> parseAccept(String header) {
    List<MediaType> ranges = new ArrayList<>();
    if (header == null || header.isBlank()) {
      ranges.add(new MediaType("*", "*", Map.of()));
      return ranges;
    }
    for (String range : header.split(",")) {
      if (!range.isBlank()) {
        ranges.add(parse(range));
      }
    }
    return ranges;
  }

  public String essence() {
    return type + "/" + subtype;
  }

  public String param(String name) {
    return params.get(name);
  }
}
