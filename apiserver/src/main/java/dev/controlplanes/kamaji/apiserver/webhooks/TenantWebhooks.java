package dev.controlplanes.kamaji.apiserver.webhooks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The admission webhooks that tenant API servers call (Kamaji §4.3): {@code /write-permission} (a
 * TenantControlPlane whose writes are limited) and {@code /migrate} (one being migrated). Both
 * always deny, with Kamaji's messages, as an {@code admission.k8s.io/v1} AdmissionReview. Tenant
 * API servers call without credentials, so these paths are served before authentication, as the
 * health probes are: they read nothing but the review's uid, write nothing and only ever say no.
 */
public final class TenantWebhooks {

  public static final String WRITE_PERMISSION = "/write-permission";
  public static final String MIGRATE = "/migrate";

  private static final Map<String, String> DENIALS =
      Map.of(
          WRITE_PERMISSION,
          "the current Control Plane has limited write permissions, current changes are blocked: "
              + "removing the webhook may lead to an inconsistent state upon its completion",
          MIGRATE,
          "the current Control Plane is in freezing mode due to a maintenance mode, all the changes"
              + " are blocked: removing the webhook may lead to an inconsistent state upon its"
              + " completion");

  public static boolean isWebhookPath(String path) {
    return DENIALS.containsKey(path);
  }

  /** The denial of the AdmissionReview in {@code request}'s body. */
  public ApiResponse handle(ApiRequest request) {
    if (!request.method().equals("POST")) {
      throw new StatusException(
          405,
          "MethodNotAllowed",
          request.method() + " is not supported on " + request.path(),
          null);
    }
    JsonObject review;
    try {
      JsonElement parsed = JsonParser.parseString(request.bodyAsString());
      review = parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
    } catch (JsonParseException e) {
      review = null;
    }
    JsonObject admission =
        review == null || !review.has("request") || !review.get("request").isJsonObject()
            ? null
            : review.getAsJsonObject("request");
    if (admission == null || !admission.has("uid") || !admission.get("uid").isJsonPrimitive()) {
      throw Statuses.badRequest("the body must be an admission.k8s.io/v1 AdmissionReview request");
    }
    JsonObject status = new JsonObject();
    status.add("metadata", new JsonObject());
    status.addProperty("message", DENIALS.get(request.path()));
    status.addProperty("reason", "Forbidden");
    status.addProperty("code", 403);
    JsonObject response = new JsonObject();
    response.add("uid", admission.get("uid"));
    response.addProperty("allowed", false);
    response.add("status", status);
    JsonObject answer = new JsonObject();
    answer.addProperty("apiVersion", "admission.k8s.io/v1");
    answer.addProperty("kind", "AdmissionReview");
    answer.add("response", response);
    return ApiResponse.json(200, answer.toString().getBytes(StandardCharsets.UTF_8));
  }
}
