package dev.controlplanes.kamaji.apiserver.testing;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The api module's valid sample manifests ({@code api/src/test/resources/samples}), renamed for a
 * test, and the paths to post them to.
 */
public final class Samples {

  public static final String GV = "/apis/kamaji.clastix.io/v1alpha1";

  private Samples() {}

  /** A sample manifest as JSON. */
  public static JsonObject load(String file) {
    Path dir = samplesDir();
    try {
      return Codec.parseYaml(Files.readAllBytes(dir.resolve(file))).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code tcp-basic.yaml} as {@code namespace/name}, with its labels kept. */
  public static JsonObject tcp(String namespace, String name) {
    JsonObject tcp = load("tcp-basic.yaml");
    JsonObject meta = tcp.getAsJsonObject("metadata");
    meta.addProperty("name", name);
    meta.addProperty("namespace", namespace);
    meta.getAsJsonObject("labels").addProperty("tenant.clastix.io", name);
    return tcp;
  }

  /** {@code datastore-etcd.yaml} named {@code name}. */
  public static JsonObject dataStore(String name) {
    JsonObject ds = load("datastore-etcd.yaml");
    ds.getAsJsonObject("metadata").addProperty("name", name);
    return ds;
  }

  public static String tcps(String namespace) {
    return GV + "/namespaces/" + namespace + "/tenantcontrolplanes";
  }

  public static String tcpPath(String namespace, String name, String... subresource) {
    return tcps(namespace) + "/" + name + (subresource.length == 0 ? "" : "/" + subresource[0]);
  }

  public static String dataStores() {
    return GV + "/datastores";
  }

  public static String dataStorePath(String name) {
    return dataStores() + "/" + name;
  }

  /** Creates the DataStore {@code default} that TenantControlPlanes get by default, if absent. */
  public static void ensureDefaultDataStore(RestClient client) {
    RestClient.Response r = client.post(dataStores(), dataStore("default").toString());
    if (r.status() != 201 && r.status() != 409) {
      throw new AssertionError("cannot create DataStore default: " + r.status() + " " + r.body());
    }
  }

  private static Path samplesDir() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("api/src/test/resources/samples");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("api/src/test/resources/samples not found");
  }
}
