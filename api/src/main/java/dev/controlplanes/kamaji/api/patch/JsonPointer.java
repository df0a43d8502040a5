package dev.controlplanes.kamaji.api.patch;

import java.util.ArrayList;
import java.util.List;

/** An RFC 6901 JSON pointer, parsed into unescaped reference tokens. */
record JsonPointer(String text, List<String> tokens) {

  JsonPointer {
    tokens = List.copyOf(tokens);
  }

  /** Parses {@code ""} (the whole document) or {@code /a/b~1c/0}; bad syntax fails the op. */
  static JsonPointer parse(String text) {
    if (text.isEmpty()) {
      return new JsonPointer(text, List.of());
    }
    if (text.charAt(0) != '/') {
      throw PatchException.failed("JSON pointer must be empty or start with '/': \"" + text + "\"");
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : text.substring(1).split("/", -1)) {
      tokens.add(unescape(raw, text));
    }
    return new JsonPointer(text, tokens);
  }

  boolean isRoot() {
    return tokens.isEmpty();
  }

  JsonPointer parent() {
    return new JsonPointer(text.substring(0, text.lastIndexOf('/')), tokens.subList(0, last()));
  }

  String lastToken() {
    return tokens.get(last());
  }

  /** True when this pointer designates a location strictly inside {@code other}'s value. */
  boolean isProperChildOf(JsonPointer other) {
    return tokens.size() > other.tokens.size()
        && tokens.subList(0, other.tokens.size()).equals(other.tokens);
  }

  @Override
  public String toString() {
    return text;
  }

  private int last() {
    return tokens.size() - 1;
  }

  private static String unescape(String raw, String text) {
    if (raw.indexOf('~') < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '~') {
        out.append(c);
        continue;
      }
      char next = i + 1 < raw.length() ? raw.charAt(i + 1) : 0;
      if (next != '0' && next != '1') {
        throw PatchException.failed("invalid escape sequence in JSON pointer \"" + text + "\"");
      }
      out.append(next == '0' ? '~' : '/');
      i++;
    }
    return out.toString();
  }
}
