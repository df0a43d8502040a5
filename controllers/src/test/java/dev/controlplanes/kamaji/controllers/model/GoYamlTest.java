package dev.controlplanes.kamaji.controllers.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class GoYamlTest {

  @Test
  void stringsThatYamlWouldReadAsSomethingElseAreQuoted() {
    assertThat(GoYaml.scalar("")).isEqualTo("\"\"");
    assertThat(GoYaml.scalar("0")).isEqualTo("\"0\"");
    assertThat(GoYaml.scalar("1.5")).isEqualTo("\"1.5\"");
    assertThat(GoYaml.scalar("true")).isEqualTo("\"true\"");
    assertThat(GoYaml.scalar("no")).isEqualTo("\"no\"");
    assertThat(GoYaml.scalar("null")).isEqualTo("\"null\"");
    assertThat(GoYaml.scalar("2026-11-22")).isEqualTo("\"2026-11-22\"");
    assertThat(GoYaml.scalar("::")).isEqualTo("'::'");
    assertThat(GoYaml.scalar("*")).isEqualTo("'*'");
    assertThat(GoYaml.scalar("a: b")).isEqualTo("'a: b'");
    assertThat(GoYaml.scalar(" padded")).isEqualTo("' padded'");
  }

  @Test
  void ordinaryStringsArePlain() {
    assertThat(GoYaml.scalar("10.96.0.0/16")).isEqualTo("10.96.0.0/16");
    assertThat(GoYaml.scalar("0.0.0.0")).isEqualTo("0.0.0.0");
    assertThat(GoYaml.scalar("2m0s")).isEqualTo("2m0s");
    assertThat(GoYaml.scalar("unix:///run/containerd/containerd.sock"))
        .isEqualTo("unix:///run/containerd/containerd.sock");
    assertThat(GoYaml.scalar("-conf")).isEqualTo("-conf");
    assertThat(GoYaml.scalar("fd00::10")).isEqualTo("fd00::10");
  }

  @Test
  void blocksFollowGoEncodersLayout() {
    String yaml =
        GoYaml.write(
            JsonParser.parseString(
                    "{\"b\": [{\"name\": \"x\", \"value\": \"1\"}, \"s\"], \"a\": {},"
                        + " \"c\": [], \"d\": {\"e\": null, \"f\": \"line\\nnext\\n\"}}")
                .getAsJsonObject());

    assertThat(yaml)
        .isEqualTo(
            "a: {}\n"
                + "b:\n"
                + "- name: x\n"
                + "  value: \"1\"\n"
                + "- s\n"
                + "c: []\n"
                + "d:\n"
                + "  e: null\n"
                + "  f: |\n"
                + "    line\n"
                + "    next\n");
  }
}
