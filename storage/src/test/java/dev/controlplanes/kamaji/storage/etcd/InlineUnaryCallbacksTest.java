package dev.controlplanes.kamaji.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InlineUnaryCallbacksTest {

  /** Records the options a call was made with; the calls themselves are never started. */
  private static final class RecordingChannel extends Channel {
    final AtomicReference<CallOptions> options = new AtomicReference<>();

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions callOptions) {
      options.set(callOptions);
      return null;
    }

    @Override
    public String authority() {
      return "etcd";
    }
  }

  @Test
  void unaryCallsRunTheirCallbacksOnTheThreadThatDeliversThem() {
    RecordingChannel channel = new RecordingChannel();

    new InlineUnaryCallbacks()
        .interceptCall(method(MethodType.UNARY), CallOptions.DEFAULT, channel);

    Executor executor = channel.options.get().getExecutor();
    assertThat(executor).isNotNull();
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    executor.execute(() -> ranOn.set(Thread.currentThread()));
    assertThat(ranOn.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void streamingCallsKeepTheChannelsExecutor() {
    for (MethodType type :
        new MethodType[] {MethodType.BIDI_STREAMING, MethodType.SERVER_STREAMING}) {
      RecordingChannel channel = new RecordingChannel();
      CallOptions given = CallOptions.DEFAULT.withDeadlineAfter(1, TimeUnit.SECONDS);

      new InlineUnaryCallbacks().interceptCall(method(type), given, channel);

      assertThat(channel.options.get()).as(type.name()).isSameAs(given);
    }
  }

  private static MethodDescriptor<InputStream, InputStream> method(MethodType type) {
    MethodDescriptor.Marshaller<InputStream> raw =
        new MethodDescriptor.Marshaller<>() {
          @Override
          public InputStream stream(InputStream value) {
            return value;
          }

          @Override
          public InputStream parse(InputStream stream) {
            return stream;
          }
        };
    return MethodDescriptor.<InputStream, InputStream>newBuilder()
        .setType(type)
        .setFullMethodName("etcdserverpb.KV/Range")
        .setRequestMarshaller(raw)
        .setResponseMarshaller(raw)
        .build();
  }
}
