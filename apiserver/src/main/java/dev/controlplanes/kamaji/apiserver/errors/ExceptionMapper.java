package dev.controlplanes.kamaji.apiserver.errors;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.controlplanes.kamaji.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns anything thrown while serving a request into a {@code metav1.Status}.
 *
 * <p>Expected failures arrive as {@link StatusException}. Storage failures are normally translated
 * by the registry, which knows the operation; the ones that reach this class are store-wide
 * (unreachable, timeout). Anything else is a bug: it is logged with its stack trace here, once, and
 * the client gets a 500 without internals.
 */
public final class ExceptionMapper {

  private static final Logger LOG = LoggerFactory.getLogger(ExceptionMapper.class);

  private ExceptionMapper() {}

  public static StatusException toStatus(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof StatusException status) {
      return status;
    }
    if (e instanceof StorageException storage) {
      return switch (storage.code()) {
        case UNREACHABLE, TIMEOUT ->
            Statuses.serviceUnavailable("the storage backend is unavailable, please try again");
        case EXPIRED -> Statuses.expired("The resourceVersion for the provided list is too old.");
        default -> internalError(e);
      };
    }
    if (e instanceof JsonParseException
        || e instanceof IllegalStateException
            && e.getMessage() != null
            && e.getMessage().startsWith("Not a JSON")) {
      return Statuses.badRequest("the body could not be decoded: " + safeMessage(e));
    }
    return internalError(e);
  }

  /** Renders a Status object as kube-apiserver does. */
  public static JsonObject toJson(StatusException e) {
    JsonObject status = new JsonObject();
    status.addProperty("kind", "Status");
    status.addProperty("apiVersion", "v1");
    status.add("metadata", new JsonObject());
    status.addProperty("status", e.code() < 400 ? "Success" : "Failure");
    status.addProperty("message", e.getMessage());
    status.addProperty("reason", e.reason());
    StatusException.Details d = e.details();
    JsonObject details = new JsonObject();
    if (d.name() != null) {
      details.addProperty("name", d.name());
    }
    if (d.group() != null) {
      details.addProperty("group", d.group());
    }
    if (d.kind() != null) {
      details.addProperty("kind", d.kind());
    }
    if (d.uid() != null) {
      details.addProperty("uid", d.uid());
    }
    if (!d.causes().isEmpty()) {
      JsonArray causes = new JsonArray();
      for (StatusException.Cause c : d.causes()) {
        JsonObject cause = new JsonObject();
        if (c.reason() != null) {
          cause.addProperty("reason", c.reason());
        }
        if (c.message() != null) {
          cause.addProperty("message", c.message());
        }
        if (c.field() != null) {
          cause.addProperty("field", c.field());
        }
        causes.add(cause);
      }
      details.add("causes", causes);
    }
    if (d.retryAfterSeconds() != null) {
      details.addProperty("retryAfterSeconds", d.retryAfterSeconds());
    }
    if (details.size() > 0) {
      status.add("details", details);
    }
    status.addProperty("code", e.code());
    return status;
  }

  private static StatusException internalError(Throwable e) {
    LOG.error("unexpected error while serving a request", e);
    return Statuses.internal("an error on the server prevented the request from succeeding");
  }

  private static String safeMessage(Throwable e) {
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    // Gson appends its own troubleshooting URL; keep the part that describes the input.
    int see = message.indexOf("\nSee https://");
    return see > 0 ? message.substring(0, see) : message;
  }

  private static Throwable unwrap(Throwable e) {
    Throwable current = e;
    while ((current instanceof java.util.concurrent.CompletionException
            || current instanceof java.util.concurrent.ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
