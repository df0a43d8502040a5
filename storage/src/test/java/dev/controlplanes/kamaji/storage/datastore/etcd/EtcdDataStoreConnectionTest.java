package dev.controlplanes.kamaji.storage.datastore.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EtcdDataStoreConnectionTest {

  @Test
  void prefixEndIsTheNextKeyAfterThePrefix() {
    assertThat(end("/tenant/")).isEqualTo(ByteSequence.from("/tenant0", StandardCharsets.UTF_8));
    assertThat(end(new byte[] {'a', (byte) 0xff})).isEqualTo(ByteSequence.from(new byte[] {'b'}));
    assertThat(end(new byte[] {(byte) 0xff})).isEqualTo(ByteSequence.from(new byte[] {0}));
  }

  private static ByteSequence end(String prefix) {
    return EtcdDataStoreConnection.prefixEnd(ByteSequence.from(prefix, StandardCharsets.UTF_8));
  }

  private static ByteSequence end(byte[] prefix) {
    return EtcdDataStoreConnection.prefixEnd(ByteSequence.from(prefix));
  }
}
