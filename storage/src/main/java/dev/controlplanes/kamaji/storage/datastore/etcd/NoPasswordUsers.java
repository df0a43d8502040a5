package dev.controlplanes.kamaji.storage.datastore.etcd;

import com.google.protobuf.UnknownFieldSet;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Adds etcd users that have no password ({@code UserAddOptions.no_password}), as Kamaji does: such
 * a user can only authenticate by a client certificate, and etcd skips the bcrypt hash (about 75 ms
 * of server CPU per user) that a password costs.
 *
 * <p>jetcd 0.8.7 cannot send that option: its {@code AuthUserAddRequest} predates field 3, {@code
 * options}. The request is sent on a gRPC channel of its own, built from the same target and TLS
 * context as the jetcd client, with the option carried as an unknown field, which protobuf-java
 * serializes after the known ones and etcd decodes as the real field.
 *
 * <p>With a user name and password, calls carry etcd's auth token in the {@code token} metadata
 * key. The token is kept and fetched again once if etcd calls it invalid: a simple token expires
 * after five idle minutes. User management is an admin operation, so the auth revision in a JWT
 * token is not checked against later auth changes.
 */
final class NoPasswordUsers implements AutoCloseable {

  /** {@code etcdserverpb.AuthUserAddRequest.options}, an {@code authpb.UserAddOptions}. */
  static final int OPTIONS_FIELD = 3;

  /** {@code authpb.UserAddOptions.no_password}, a bool. */
  static final int NO_PASSWORD_FIELD = 1;

  private static final Metadata.Key<String> TOKEN =
      Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel channel;
  private final Duration timeout;
  private final String user;
  private final String password;
  private String token;

  private NoPasswordUsers(ManagedChannel channel, Duration timeout, String user, String password) {
    this.channel = channel;
    this.timeout = timeout;
    this.user = user;
    this.password = password;
  }

  /**
   * A channel to the endpoints of {@code jetcd}, with its TLS context and, if set, its user and
   * password. Like jetcd's, the channel connects at the first call.
   */
  static NoPasswordUsers open(ClientBuilder jetcd, Duration timeout) {
    NettyChannelBuilder channel = NettyChannelBuilder.forTarget(jetcd.target());
    if (jetcd.sslContext() != null) {
      channel.sslContext(jetcd.sslContext());
    } else {
      channel.usePlaintext();
    }
    return new NoPasswordUsers(
        channel.build(),
        timeout,
        jetcd.user() == null ? null : jetcd.user().toString(StandardCharsets.UTF_8),
        jetcd.password() == null ? null : jetcd.password().toString(StandardCharsets.UTF_8));
  }

  /**
   * Adds {@code name} without a password.
   *
   * @throws StatusRuntimeException as etcd answered, e.g. {@code FAILED_PRECONDITION: etcdserver:
   *     user name already exists}
   */
  void add(String name) {
    AuthUserAddRequest request = request(name);
    try {
      stub().userAdd(request);
    } catch (StatusRuntimeException e) {
      if (user == null || !isInvalidToken(e)) {
        throw e;
      }
      forgetToken();
      stub().userAdd(request);
    }
  }

  /** The request, with {@code options.no_password = true} and an empty password. */
  static AuthUserAddRequest request(String name) {
    UnknownFieldSet options =
        UnknownFieldSet.newBuilder()
            .addField(NO_PASSWORD_FIELD, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
            .build();
    return AuthUserAddRequest.newBuilder()
        .setName(name)
        .setUnknownFields(
            UnknownFieldSet.newBuilder()
                .addField(
                    OPTIONS_FIELD,
                    UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(options.toByteString())
                        .build())
                .build())
        .build();
  }

  private AuthGrpc.AuthBlockingStub stub() {
    AuthGrpc.AuthBlockingStub stub = deadline(AuthGrpc.newBlockingStub(channel));
    if (user == null) {
      return stub; // etcd takes the user from the client certificate's CN
    }
    Metadata headers = new Metadata();
    headers.put(TOKEN, token());
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private synchronized String token() {
    if (token == null) {
      token =
          deadline(AuthGrpc.newBlockingStub(channel))
              .authenticate(
                  AuthenticateRequest.newBuilder().setName(user).setPassword(password).build())
              .getToken();
    }
    return token;
  }

  private synchronized void forgetToken() {
    token = null;
  }

  private AuthGrpc.AuthBlockingStub deadline(AuthGrpc.AuthBlockingStub stub) {
    return stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static boolean isInvalidToken(StatusRuntimeException e) {
    // etcd's ErrGRPCInvalidAuthToken.
    return e.getStatus().getCode() == Status.Code.UNAUTHENTICATED
        && String.valueOf(e.getStatus().getDescription()).contains("invalid auth token");
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
