package dev.controlplanes.kamaji.apiserver.openapi;

import java.util.List;

/**
 * A served path: its tag (from the group version in the path), the parameters every operation on it
 * shares ({@code name}, {@code namespace}, {@code pretty}) and its operations.
 */
record ApiPath(String path, String tag, List<Parameter> parameters, List<ApiOperation> operations) {

  ApiPath {
    parameters = List.copyOf(parameters);
    operations = List.copyOf(operations);
  }
}
