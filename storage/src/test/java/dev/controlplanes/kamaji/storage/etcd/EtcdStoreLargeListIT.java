package dev.controlplanes.kamaji.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.storage.ListOptions;
import dev.controlplanes.kamaji.storage.ListResult;
import dev.controlplanes.kamaji.storage.testing.EtcdExtension;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A list whose etcd response is larger than gRPC's default 4 MiB message limit. */
class EtcdStoreLargeListIT {

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  @Test
  void listsMoreThanFourMebibytesInOneResponse() {
    byte[] value = new byte[1024 * 1024];
    Arrays.fill(value, (byte) 'x');
    for (int i = 0; i < 6; i++) {
      ETCD.store().create(ETCD.prefix() + "big-" + i, value);
    }

    ListResult all = ETCD.store().list(ETCD.prefix(), new ListOptions(0, 0, null));

    assertThat(all.items()).hasSize(6);
    assertThat(all.more()).isFalse();
  }
}
