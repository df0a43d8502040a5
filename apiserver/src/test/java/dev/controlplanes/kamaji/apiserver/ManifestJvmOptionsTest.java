package dev.controlplanes.kamaji.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The Deployment runs the server with the JVM options that local runs and benchmarks use. */
class ManifestJvmOptionsTest {

  @Test
  void theDeploymentStartsWithTheOptionsOfTheArgumentFile() throws IOException {
    List<String> fromFile =
        Files.readAllLines(Path.of("jvm.options")).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    assertThat(fromFile).isNotEmpty().allMatch(option -> option.startsWith("-XX:"));

    List<String> fromManifest =
        Arrays.asList(javaToolOptions(Path.of("../manifests/base/deployment.yaml")).split("\\s+"));

    assertThat(fromManifest.subList(0, fromFile.size())).isEqualTo(fromFile);
  }

  @SuppressWarnings("unchecked")
  private static String javaToolOptions(Path deployment) throws IOException {
    Map<String, Object> root = new Yaml().load(Files.readString(deployment));
    Map<String, Object> podSpec =
        (Map<String, Object>)
            ((Map<String, Object>) ((Map<String, Object>) root.get("spec")).get("template"))
                .get("spec");
    for (Map<String, Object> container : (List<Map<String, Object>>) podSpec.get("containers")) {
      for (Map<String, Object> env : (List<Map<String, Object>>) container.get("env")) {
        if ("JAVA_TOOL_OPTIONS".equals(env.get("name"))) {
          return ((String) env.get("value")).strip();
        }
      }
    }
    throw new AssertionError("no JAVA_TOOL_OPTIONS in " + deployment);
  }
}
