package dev.controlplanes.kamaji.konnectivity.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The loops of another group, handing each new channel to the loop that runs a preferred thread
 * (see {@link LoopAffinity}), or as the group itself would when there is none. Its lifecycle is the
 * other group's: shutting this down shuts that down.
 */
final class AffineEventLoopGroup extends AbstractEventExecutorGroup implements EventLoopGroup {

  private final EventLoopGroup loops;
  private final Supplier<Thread> preferredThread;

  AffineEventLoopGroup(EventLoopGroup loops, Supplier<Thread> preferredThread) {
    this.loops = loops;
    this.preferredThread = preferredThread;
  }

  @Override
  public EventLoop next() {
    Thread preferred = preferredThread.get();
    if (preferred != null) {
      for (EventExecutor loop : loops) {
        if (loop.inEventLoop(preferred)) {
          return (EventLoop) loop;
        }
      }
    }
    return loops.next();
  }

  @Override
  public ChannelFuture register(Channel channel) {
    return next().register(channel);
  }

  @Override
  public ChannelFuture register(ChannelPromise promise) {
    return next().register(promise);
  }

  @Deprecated
  @Override
  public ChannelFuture register(Channel channel, ChannelPromise promise) {
    return next().register(channel, promise);
  }

  @Override
  public Iterator<EventExecutor> iterator() {
    return loops.iterator();
  }

  @Override
  public boolean isShuttingDown() {
    return loops.isShuttingDown();
  }

  @Override
  public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
    return loops.shutdownGracefully(quietPeriod, timeout, unit);
  }

  @Override
  public Future<?> terminationFuture() {
    return loops.terminationFuture();
  }

  @Deprecated
  @Override
  public void shutdown() {
    loops.shutdown();
  }

  @Override
  public boolean isShutdown() {
    return loops.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return loops.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return loops.awaitTermination(timeout, unit);
  }
}
