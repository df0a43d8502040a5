package dev.controlplanes.kamaji.storage.etcd;

import dev.controlplanes.kamaji.storage.KeyValue;
import io.etcd.jetcd.ByteSequence;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Conversions between our UTF-8 string keys and jetcd's bytes. */
final class EtcdKeys {

  // etcd reads "\0" as a range end as "no upper bound", and rejects an empty key.
  private static final ByteSequence ZERO = ByteSequence.from(new byte[] {0});

  private EtcdKeys() {}

  static ByteSequence bytes(String key) {
    return ByteSequence.from(key, StandardCharsets.UTF_8);
  }

  /** Where a range over {@code prefix} (or continuing at {@code startKey}) begins. */
  static ByteSequence rangeStart(String startKey) {
    return startKey.isEmpty() ? ZERO : bytes(startKey);
  }

  /** The smallest key above every key that starts with {@code prefix}. */
  static ByteSequence rangeEnd(String prefix) {
    byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xff) {
        end = Arrays.copyOf(end, i + 1);
        end[i]++;
        return ByteSequence.from(end);
      }
    }
    return ZERO;
  }

  static KeyValue toKeyValue(io.etcd.jetcd.KeyValue kv) {
    return new KeyValue(
        kv.getKey().toString(StandardCharsets.UTF_8),
        kv.getValue().getBytes(),
        kv.getCreateRevision(),
        kv.getModRevision());
  }
}
