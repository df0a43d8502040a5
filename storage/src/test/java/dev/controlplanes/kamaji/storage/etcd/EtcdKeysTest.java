package dev.controlplanes.kamaji.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import org.junit.jupiter.api.Test;

class EtcdKeysTest {

  @Test
  void rangeEndIsThePrefixWithItsLastByteIncremented() {
    assertThat(EtcdKeys.rangeEnd("/a/b/")).isEqualTo(EtcdKeys.bytes("/a/b0"));
    assertThat(EtcdKeys.rangeEnd("/x")).isEqualTo(EtcdKeys.bytes("/y"));
  }

  @Test
  void emptyPrefixCoversTheWholeKeyspace() {
    ByteSequence zero = ByteSequence.from(new byte[] {0});
    assertThat(EtcdKeys.rangeEnd("")).isEqualTo(zero);
    assertThat(EtcdKeys.rangeStart("")).isEqualTo(zero);
  }

  @Test
  void keysAreUtf8() {
    assertThat(EtcdKeys.bytes("é").getBytes()).containsExactly(0xc3, 0xa9);
    // The last byte of a multi-byte character is incremented like any other.
    assertThat(EtcdKeys.rangeEnd("é").getBytes()).containsExactly(0xc3, 0xaa);
  }
}
