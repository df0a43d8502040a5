package dev.controlplanes.kamaji.apiserver.health;

import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * /healthz, /livez and /readyz with kube's output format: "ok", or per-check lines with {@code
 * ?verbose}, {@code ?exclude=<name>} and {@code /<endpoint>/<check>}. Liveness does not depend on
 * etcd, so a storage outage never restarts the server.
 */
public final class HealthHandler {

  private final Map<String, Map<String, BooleanSupplier>> endpoints = new LinkedHashMap<>();

  public HealthHandler(
      Map<String, BooleanSupplier> livenessChecks, Map<String, BooleanSupplier> readinessChecks) {
    endpoints.put("livez", livenessChecks);
    endpoints.put("healthz", readinessChecks);
    endpoints.put("readyz", readinessChecks);
  }

  public static boolean isHealthPath(String path) {
    return path.equals("/healthz")
        || path.equals("/livez")
        || path.equals("/readyz")
        || path.startsWith("/healthz/")
        || path.startsWith("/livez/")
        || path.startsWith("/readyz/");
  }

  public ApiResponse handle(ApiRequest request) {
    String[] parts = request.path().substring(1).split("/", 2);
    Map<String, BooleanSupplier> checks = endpoints.get(parts[0]);
    if (parts.length == 2) {
      BooleanSupplier single = checks.get(parts[1]);
      if (single == null) {
        return ApiResponse.text(404, "404 page not found\n");
      }
      return single.getAsBoolean()
          ? ApiResponse.text(200, "ok")
          : ApiResponse.text(500, "internal server error: " + parts[1] + " check failed\n");
    }
    List<String> excluded = request.query().getOrDefault("exclude", List.of());
    boolean verbose = request.hasParam("verbose");
    List<String> lines = new ArrayList<>();
    boolean healthy = true;
    for (Map.Entry<String, BooleanSupplier> check : checks.entrySet()) {
      if (excluded.contains(check.getKey())) {
        lines.add("[+]" + check.getKey() + " excluded: ok");
        continue;
      }
      boolean ok = check.getValue().getAsBoolean();
      healthy &= ok;
      lines.add(
          ok
              ? "[+]" + check.getKey() + " ok"
              : "[-]" + check.getKey() + " failed: reason withheld");
    }
    if (healthy && !verbose) {
      return ApiResponse.text(200, "ok");
    }
    lines.add(parts[0] + " check " + (healthy ? "passed" : "failed"));
    return ApiResponse.text(healthy ? 200 : 500, String.join("\n", lines) + "\n");
  }
}
