package dev.controlplanes.kamaji.api.validation;

import static dev.controlplanes.kamaji.api.Fixtures.json;
import static dev.controlplanes.kamaji.api.validation.TenantControlPlaneValidationTest.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.Edits;
import dev.controlplanes.kamaji.api.field.FieldError;
import dev.controlplanes.kamaji.api.field.FieldError.Type;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DataStoreValidationTest {

  static final String REF = "{secretReference: {name: 's', namespace: 'ns', keyPath: 'k'}}";

  static final JsonObject ETCD =
      json(
          """
          {apiVersion: 'kamaji.clastix.io/v1alpha1', kind: 'DataStore',
           metadata: {name: 'etcd', resourceVersion: '3'},
           spec: {driver: 'etcd', endpoints: ['etcd-0:2379'],
                  tlsConfig: {certificateAuthority: {certificate: %1$s, privateKey: %1$s},
                              clientCertificate: {certificate: %1$s, privateKey: {content: 'a2V5'}}}}}
          """
              .formatted(REF));

  static final JsonObject POSTGRES =
      json(
          """
          {apiVersion: 'kamaji.clastix.io/v1alpha1', kind: 'DataStore',
           metadata: {name: 'pg', resourceVersion: '3'},
           spec: {driver: 'PostgreSQL', endpoints: ['pg:5432'],
                  basicAuth: {username: {content: 'cG9zdGdyZXM='}, password: %1$s}}}
          """
              .formatted(REF));

  static Arguments bad(
      String name, JsonObject base, String field, Type type, String detail, String... edits) {
    return Arguments.of(name, base, edits, field, type, detail);
  }

  static Stream<Arguments> cases() {
    String tls = "spec.tlsConfig.";
    return Stream.of(
        bad(
            "unknown driver",
            ETCD,
            "spec.driver",
            Type.NOT_SUPPORTED,
            "supported values: \"etcd\", \"MySQL\", \"PostgreSQL\", \"NATS\"",
            "spec.driver='redis'"),
        bad(
            "no endpoints",
            ETCD,
            "spec.endpoints",
            Type.INVALID,
            "spec.endpoints in body should have at least 1 items",
            "spec.endpoints=[]"),
        bad("endpoints missing", ETCD, "spec.endpoints", Type.REQUIRED, "", "-spec.endpoints"),
        bad(
            "namespaced",
            ETCD,
            "metadata.namespace",
            Type.FORBIDDEN,
            "not allowed on this type",
            "metadata.namespace='default'"),
        bad(
            "name not a subdomain",
            ETCD,
            "metadata.name",
            Type.INVALID,
            null,
            "metadata.name='Etcd'"),
        bad(
            "etcd without tlsConfig",
            ETCD,
            "spec.tlsConfig",
            Type.REQUIRED,
            null,
            "-spec.tlsConfig"),
        bad(
            "etcd without CA key",
            ETCD,
            tls + "certificateAuthority.privateKey",
            Type.REQUIRED,
            "certificateAuthority privateKey must have secretReference or content when driver is"
                + " etcd",
            "-" + tls + "certificateAuthority.privateKey"),
        bad(
            "etcd with an empty CA key",
            ETCD,
            tls + "certificateAuthority.privateKey",
            Type.REQUIRED,
            null,
            tls + "certificateAuthority.privateKey={}"),
        bad(
            "etcd without client certificate",
            ETCD,
            tls + "clientCertificate",
            Type.REQUIRED,
            "clientCertificate must have secretReference or content when driver is etcd",
            "-" + tls + "clientCertificate"),
        bad(
            "etcd client certificate without content",
            ETCD,
            tls + "clientCertificate.certificate",
            Type.REQUIRED,
            "clientCertificate must have secretReference or content when driver is etcd",
            tls + "clientCertificate.certificate={content: ''}"),
        bad(
            "etcd client key without content",
            ETCD,
            tls + "clientCertificate.privateKey",
            Type.REQUIRED,
            "clientCertificate privateKey must have secretReference or content when driver is etcd",
            tls + "clientCertificate.privateKey={}"),
        bad(
            "CA certificate without content",
            ETCD,
            tls + "certificateAuthority.certificate",
            Type.REQUIRED,
            "certificateAuthority certificate must have secretReference or content",
            tls + "certificateAuthority.certificate={}"),
        bad(
            "secret reference without namespace",
            ETCD,
            tls + "certificateAuthority.certificate.secretReference.namespace",
            Type.REQUIRED,
            "the Secret namespace is required",
            tls + "certificateAuthority.certificate={secretReference: {name: 'a', keyPath: 'k'}}"),
        bad(
            "secret reference without keyPath",
            ETCD,
            tls + "certificateAuthority.certificate.secretReference.keyPath",
            Type.REQUIRED,
            "",
            tls
                + "certificateAuthority.certificate={secretReference: {name: 'a', namespace: 'b'}}"),
        bad(
            "content not base64",
            ETCD,
            tls + "clientCertificate.privateKey.content",
            Type.TYPE_INVALID,
            null,
            tls + "clientCertificate.privateKey={content: '%%%'}"),
        bad(
            "SQL without credentials",
            POSTGRES,
            "spec",
            Type.REQUIRED,
            "When driver is not etcd, either tlsConfig or basicAuth must be provided",
            "-spec.basicAuth"),
        bad(
            "SQL password without content",
            POSTGRES,
            "spec.basicAuth.password",
            Type.REQUIRED,
            "When driver is not etcd and basicAuth exists, password must have secretReference or"
                + " content",
            "spec.basicAuth.password={}"),
        bad(
            "SQL username without content",
            POSTGRES,
            "spec.basicAuth.username",
            Type.REQUIRED,
            "When driver is not etcd and basicAuth exists, username must have secretReference or"
                + " content",
            "spec.basicAuth.username={content: ''}"),
        bad(
            "SQL basicAuth without password",
            POSTGRES,
            "spec.basicAuth.password",
            Type.REQUIRED,
            "",
            "-spec.basicAuth.password"),
        bad(
            "SQL client certificate without content",
            POSTGRES,
            tls + "clientCertificate.certificate",
            Type.REQUIRED,
            "When driver is not etcd and tlsConfig exists, clientCertificate must be null or"
                + " contain valid content",
            "spec.tlsConfig={certificateAuthority: {certificate: {content: 'Y2E='}},"
                + " clientCertificate: {certificate: {}, privateKey: {content: 'a2V5'}}}"),
        bad(
            "status ready missing",
            POSTGRES,
            "status.ready",
            Type.REQUIRED,
            "",
            "status={usedBy: []}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rule(String name, JsonObject base, String[] edits, String field, Type type, String detail) {
    assertSingle(DataStoreValidation.validate(Edits.apply(base, edits)), field, type, detail);
  }

  @Test
  void acceptsValidDataStores() {
    assertThat(DataStoreValidation.validate(ETCD)).isEmpty();
    assertThat(DataStoreValidation.validate(POSTGRES)).isEmpty();
    assertThat(
            DataStoreValidation.validate(
                Edits.apply(
                    POSTGRES,
                    "-spec.basicAuth",
                    "spec.driver='NATS'",
                    "spec.tlsConfig={certificateAuthority: {certificate: {content: 'Y2E='}}}")))
        .isEmpty();
  }

  @Test
  void driverIsImmutable() {
    JsonObject next = Edits.apply(POSTGRES, "spec.driver='MySQL'");

    assertThat(DataStoreValidation.validateUpdate(next, POSTGRES))
        .extracting(FieldError::toString)
        .containsExactly("spec.driver: Invalid value: \"MySQL\": Datastore driver is immutable");
    assertThat(DataStoreValidation.validateUpdate(POSTGRES, POSTGRES)).isEmpty();
  }

  @Test
  void statusUpdateValidatesStatusOnly() {
    JsonObject old = Edits.apply(POSTGRES, "-spec.basicAuth");
    JsonObject next =
        Edits.apply(
            old,
            "status={ready: true, conditions: [{type: 'kamaji.clastix.io/DataStoreValidation',"
                + " status: 'Maybe', reason: 'DataStoreIsValid', message: '',"
                + " lastTransitionTime: '2026-08-01T10:00:00Z'}]}");

    assertThat(DataStoreValidation.validateStatusUpdate(next, old))
        .extracting(FieldError::toString)
        .containsExactly(
            "status.conditions[0].status: Unsupported value: \"Maybe\": supported values:"
                + " \"True\", \"False\", \"Unknown\"");
  }
}
