package dev.controlplanes.kamaji.apiserver.authz;

import static dev.controlplanes.kamaji.apiserver.authz.Attributes.datastore;
import static dev.controlplanes.kamaji.apiserver.authz.Attributes.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.apiserver.authn.UserInfo;
import org.junit.jupiter.api.Test;

class ForbiddenMessagesTest {

  private static final UserInfo ALICE = UserInfo.of("alice", "dev");

  @Test
  void namedObjectInANamespace() {
    ForbiddenMessages.Forbidden forbidden =
        ForbiddenMessages.forbidden(tcp(ALICE, "get", "tcp-test", "t1", ""), "");

    assertThat(forbidden.message())
        .isEqualTo(
            "tenantcontrolplanes.kamaji.clastix.io \"t1\" is forbidden: User \"alice\" cannot get"
                + " resource \"tenantcontrolplanes\" in API group \"kamaji.clastix.io\" in the"
                + " namespace \"tcp-test\"");
    assertThat(forbidden)
        .extracting(
            ForbiddenMessages.Forbidden::group,
            ForbiddenMessages.Forbidden::kind,
            ForbiddenMessages.Forbidden::name)
        .containsExactly("kamaji.clastix.io", "tenantcontrolplanes", "t1");
  }

  @Test
  void collection() {
    assertThat(ForbiddenMessages.message(tcp(ALICE, "list", "tcp-test", "", ""), ""))
        .isEqualTo(
            "tenantcontrolplanes.kamaji.clastix.io is forbidden: User \"alice\" cannot list"
                + " resource \"tenantcontrolplanes\" in API group \"kamaji.clastix.io\" in the"
                + " namespace \"tcp-test\"");
  }

  @Test
  void subresourceIsShownWithTheResource() {
    ForbiddenMessages.Forbidden forbidden =
        ForbiddenMessages.forbidden(tcp(ALICE, "update", "tcp-test", "t1", "status"), "");

    assertThat(forbidden.message())
        .isEqualTo(
            "tenantcontrolplanes.kamaji.clastix.io \"t1\" is forbidden: User \"alice\" cannot"
                + " update resource \"tenantcontrolplanes/status\" in API group"
                + " \"kamaji.clastix.io\" in the namespace \"tcp-test\"");
    assertThat(forbidden.kind()).isEqualTo("tenantcontrolplanes");
  }

  @Test
  void clusterScope() {
    assertThat(ForbiddenMessages.message(datastore(ALICE, "delete", "default"), ""))
        .isEqualTo(
            "datastores.kamaji.clastix.io \"default\" is forbidden: User \"alice\" cannot delete"
                + " resource \"datastores\" in API group \"kamaji.clastix.io\" at the cluster"
                + " scope");
  }

  @Test
  void nonResourcePath() {
    ForbiddenMessages.Forbidden forbidden =
        ForbiddenMessages.forbidden(
            AuthorizationAttributes.nonResource(ALICE, "get", "/openapi/v3"), "");

    assertThat(forbidden.message())
        .isEqualTo("forbidden: User \"alice\" cannot get path \"/openapi/v3\"");
    assertThat(forbidden)
        .extracting(
            ForbiddenMessages.Forbidden::group,
            ForbiddenMessages.Forbidden::kind,
            ForbiddenMessages.Forbidden::name)
        .containsExactly("", "", "");
  }

  @Test
  void authorizerReasonIsAppendedUnchanged() {
    assertThat(
            ForbiddenMessages.message(
                AuthorizationAttributes.nonResource(ALICE, "get", "/metrics"),
                "no RBAC policy matched & <nothing> else"))
        .isEqualTo(
            "forbidden: User \"alice\" cannot get path \"/metrics\": no RBAC policy matched &"
                + " <nothing> else");
  }

  @Test
  void generatedPartIsHtmlEscapedAndGoQuoted() {
    UserInfo odd = UserInfo.of("<b>\"x\"\n&");

    assertThat(ForbiddenMessages.message(datastore(odd, "get", "d\t1"), ""))
        .isEqualTo(
            "datastores.kamaji.clastix.io \"d\\t1\" is forbidden: User"
                + " \"&lt;b&gt;\\\"x\\\"\\n&amp;\" cannot get resource \"datastores\" in API group"
                + " \"kamaji.clastix.io\" at the cluster scope");
  }

  @Test
  void goQuoteEscapesLikeStrconvQuote() {
    assertThat(GoQuote.quote("a\\b")).isEqualTo("\"a\\\\b\"");
    assertThat(GoQuote.quote("\u0001\u007f")).isEqualTo("\"\\x01\\x7f\"");
    assertThat(GoQuote.quote("caf\u00e9 \u2713")).isEqualTo("\"caf\u00e9 \u2713\"");
    assertThat(GoQuote.quote("\u00a0\u200b")).isEqualTo("\"\\u00a0\\u200b\"");
  }
}
