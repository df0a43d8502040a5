package dev.controlplanes.kamaji.konnectivity.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AffineEventLoopGroupTest {

  private final EventLoopGroup loops =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final AtomicReference<Thread> preferred = new AtomicReference<>();
  private final AffineEventLoopGroup affine = new AffineEventLoopGroup(loops, preferred::get);

  @AfterEach
  void stop() {
    loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void aNewChannelGoesToTheLoopOfThePreferredThread() throws Exception {
    List<EventLoop> all = new ArrayList<>();
    for (EventExecutor e : loops) {
      all.add((EventLoop) e);
    }
    EventLoop second = all.get(1);
    preferred.set(second.submit(Thread::currentThread).get());

    for (int i = 0; i < 10; i++) {
      assertThat(affine.next()).isSameAs(second);
    }
  }

  @Test
  void withoutAPreferenceChannelsAreSpreadAsTheGroupSpreadsThem() {
    Set<EventLoop> used = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      used.add(affine.next());
    }
    assertThat(used).hasSize(2);

    preferred.set(new Thread("not a loop"));
    used.clear();
    for (int i = 0; i < 10; i++) {
      used.add(affine.next());
    }
    assertThat(used).hasSize(2);
  }
}
