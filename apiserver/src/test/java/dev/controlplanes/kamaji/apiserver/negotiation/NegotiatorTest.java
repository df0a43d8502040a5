package dev.controlplanes.kamaji.apiserver.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import org.junit.jupiter.api.Test;

class NegotiatorTest {

  @Test
  void readsMayBeYaml() {
    assertThat(Negotiator.negotiate("application/yaml", false))
        .isEqualTo(new Output(Output.Shape.OBJECT, true));
  }

  @Test
  void streamsSkipYaml() {
    assertThat(Negotiator.negotiateStream("application/yaml, application/json"))
        .isEqualTo(Output.JSON);
    assertThat(
            Negotiator.negotiateStream(
                "application/yaml;as=Table;v=v1;g=meta.k8s.io,"
                    + "application/json;as=Table;v=v1;g=meta.k8s.io"))
        .isEqualTo(new Output(Output.Shape.TABLE, false));
    assertThatThrownBy(() -> Negotiator.negotiateStream("application/yaml"))
        .isInstanceOf(StatusException.class)
        .hasMessage("only the following media types are accepted: application/json");
  }

  @Test
  void metadataClientsGetTheJsonAlternativeOfProtobuf() {
    assertThat(
            Negotiator.negotiateStream(
                "application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,"
                    + "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,"
                    + "application/json"))
        .isEqualTo(new Output(Output.Shape.PARTIAL_METADATA, false));
  }
}
