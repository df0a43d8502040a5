package dev.controlplanes.kamaji.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admission webhooks tenant API servers call (Kamaji's {@code /write-permission} and {@code
 * /migrate}): no credentials needed, every review denied with Kamaji's message, bad input a 4xx.
 */
class TenantWebhooksIT {

  @RegisterExtension static final ApiServerExtension api = new ApiServerExtension();

  private final RestClient anonymous = RestClient.anonymous(api);

  private static final String REVIEW =
      """
      {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
       "request": {"uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
                   "kind": {"group": "", "version": "v1", "kind": "Namespace"},
                   "resource": {"group": "", "version": "v1", "resource": "namespaces"},
                   "name": "new", "operation": "CREATE",
                   "userInfo": {"username": "admin"}, "object": {"metadata": {"name": "new"}}}}
      """;

  @Test
  void writePermissionDeniesEveryReview() {
    JsonObject review =
        anonymous
            .post("/write-permission", REVIEW, "Content-Type", "application/json")
            .expect(200)
            .json();

    assertThat(review.get("apiVersion").getAsString()).isEqualTo("admission.k8s.io/v1");
    assertThat(review.get("kind").getAsString()).isEqualTo("AdmissionReview");
    JsonObject response = review.getAsJsonObject("response");
    assertThat(response.get("uid").getAsString()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(response.get("allowed").getAsBoolean()).isFalse();
    assertThat(response.getAsJsonObject("status").get("code").getAsInt()).isEqualTo(403);
    assertThat(response.getAsJsonObject("status").get("message").getAsString())
        .startsWith("the current Control Plane has limited write permissions");
  }

  @Test
  void migrateFreezesEverything() {
    JsonObject response =
        anonymous
            .post("/migrate", REVIEW, "Content-Type", "application/json")
            .expect(200)
            .json()
            .getAsJsonObject("response");

    assertThat(response.get("allowed").getAsBoolean()).isFalse();
    assertThat(response.getAsJsonObject("status").get("message").getAsString())
        .startsWith("the current Control Plane is in freezing mode");
  }

  @Test
  void anythingButAReviewIsRefused() {
    JsonObject status =
        anonymous
            .post("/write-permission", "{\"kind\": \"Pod\"}", "Content-Type", "application/json")
            .expect(400)
            .json();
    assertThat(status.get("kind").getAsString()).isEqualTo("Status");
    assertThat(status.get("message").getAsString()).contains("AdmissionReview");
    anonymous.post("/write-permission", "not json", "Content-Type", "application/json").expect(400);
    anonymous.get("/write-permission").expect(405);
  }
}
