package dev.controlplanes.kamaji.apiserver.authn;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.controlplanes.kamaji.apiserver.tls.PemFiles;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link AuthenticationConfig} snapshots from {@code
 * kube-system/extension-apiserver-authentication} (written by kube-apiserver) and explicit {@link
 * AuthenticationOptions}, with the precedence of k8s.io/apiserver's {@code
 * DelegatingAuthenticationOptions}:
 *
 * <ul>
 *   <li>{@code --client-ca-file} replaces the ConfigMap's {@code client-ca-file}.
 *   <li>{@code --requestheader-client-ca-file} replaces the ConfigMap's whole requestheader block:
 *       allowed names and header names then come from the options too (unset: Go's defaults). A CA
 *       and header names from two different sources could trust headers the CA's proxy never sets,
 *       so they are never mixed; requestheader options without the CA file are rejected rather than
 *       silently ignored as in Go.
 *   <li>{@code skipLookup}: the ConfigMap is not read at all.
 * </ul>
 *
 * <p>Without a front-proxy CA from either source, {@link #load()} fails (unless {@code
 * requestHeaderRequired} is off): every proxied request would otherwise be unauthenticated.
 */
public final class ExtensionApiserverAuthenticationLoader {

  public static final String NAMESPACE = "kube-system";
  public static final String NAME = "extension-apiserver-authentication";
  public static final String CLIENT_CA_FILE = "client-ca-file";
  public static final String REQUESTHEADER_CLIENT_CA_FILE = "requestheader-client-ca-file";
  public static final String REQUESTHEADER_ALLOWED_NAMES = "requestheader-allowed-names";
  public static final String REQUESTHEADER_USERNAME_HEADERS = "requestheader-username-headers";
  public static final String REQUESTHEADER_GROUP_HEADERS = "requestheader-group-headers";
  public static final String REQUESTHEADER_EXTRA_HEADERS_PREFIX =
      "requestheader-extra-headers-prefix";
  public static final String REQUESTHEADER_UID_HEADERS = "requestheader-uid-headers";

  private static final Logger LOG =
      LoggerFactory.getLogger(ExtensionApiserverAuthenticationLoader.class);
  private static final Gson GSON = new Gson();

  private final AuthenticationOptions options;
  private final Supplier<Map<String, String>> configMapReader;

  /** Reads the ConfigMap through {@code client} (unless the options make that unnecessary). */
  public ExtensionApiserverAuthenticationLoader(ApiClient client, AuthenticationOptions options) {
    this(options, new ConfigMapReader(new CoreV1Api(Objects.requireNonNull(client, "client"))));
  }

  private ExtensionApiserverAuthenticationLoader(
      AuthenticationOptions options, Supplier<Map<String, String>> configMapReader) {
    this.options = Objects.requireNonNull(options, "options");
    this.configMapReader = configMapReader;
  }

  /** Uses only the files named in {@code options}: for local runs and tests without a cluster. */
  public static ExtensionApiserverAuthenticationLoader withoutCluster(
      AuthenticationOptions options) {
    return new ExtensionApiserverAuthenticationLoader(options, Map::of);
  }

  /**
   * Reads the files and, if needed, the ConfigMap, and returns a validated snapshot. Blocks on the
   * network.
   *
   * @throws AuthenticationConfigException when the configuration is unusable
   */
  public AuthenticationConfig load() {
    if (options.hasRequestHeaderSettingsWithoutCa()) {
      throw new AuthenticationConfigException(
          "--requestheader-allowed-names and --requestheader-*-headers need"
              + " --requestheader-client-ca-file; without it every requestheader setting comes"
              + " from configmap "
              + NAMESPACE
              + "/"
              + NAME);
    }
    return resolve(options, needsConfigMap() ? readConfigMap() : Map.of());
  }

  /** Pure merge of explicit options over ConfigMap data (empty map: nothing from the cluster). */
  static AuthenticationConfig resolve(AuthenticationOptions options, Map<String, String> data) {
    List<X509Certificate> clientCa =
        options.clientCaFile().isPresent()
            ? readFile(options.clientCaFile().get(), "--client-ca-file")
            : pemOrEmpty(data.get(CLIENT_CA_FILE), CLIENT_CA_FILE);
    Optional<RequestHeaderConfig> requestHeader =
        options.requestHeaderClientCaFile().isPresent()
            ? Optional.of(fromOptions(options))
            : fromConfigMap(data);
    if (requestHeader.isEmpty() && options.requestHeaderRequired()) {
      throw new AuthenticationConfigException(
          "no requestheader client CA: configmap "
              + NAMESPACE
              + "/"
              + NAME
              + " has no "
              + REQUESTHEADER_CLIENT_CA_FILE
              + " (is kube-apiserver running with --requestheader-client-ca-file?) and"
              + " --requestheader-client-ca-file is not set; every request proxied by"
              + " kube-apiserver would be unauthenticated");
    }
    try {
      return new AuthenticationConfig(clientCa, requestHeader);
    } catch (IllegalArgumentException e) {
      throw new AuthenticationConfigException(e.getMessage(), e);
    }
  }

  private boolean needsConfigMap() {
    return !options.skipLookup()
        && (options.clientCaFile().isEmpty() || options.requestHeaderClientCaFile().isEmpty());
  }

  private Map<String, String> readConfigMap() {
    try {
      return configMapReader.get();
    } catch (AuthenticationConfigException e) {
      if (!options.tolerateLookupFailure()) {
        throw e;
      }
      LOG.warn(
          "{}; continuing without it (--authentication-tolerate-lookup-failure)", e.getMessage());
      return Map.of();
    }
  }

  private static RequestHeaderConfig fromOptions(AuthenticationOptions options) {
    return newRequestHeaderConfig(
        readFile(options.requestHeaderClientCaFile().get(), "--requestheader-client-ca-file"),
        options.requestHeaderAllowedNames().orElse(List.of()),
        options.requestHeaderUsernameHeaders().orElse(RequestHeaderConfig.DEFAULT_USERNAME_HEADERS),
        options.requestHeaderUidHeaders().orElse(List.of()),
        options.requestHeaderGroupHeaders().orElse(RequestHeaderConfig.DEFAULT_GROUP_HEADERS),
        options
            .requestHeaderExtraHeadersPrefix()
            .orElse(RequestHeaderConfig.DEFAULT_EXTRA_HEADER_PREFIXES));
  }

  /** As kube-apiserver writes it: absent keys mean "none", not Go's flag defaults. */
  private static Optional<RequestHeaderConfig> fromConfigMap(Map<String, String> data) {
    String caPem = data.get(REQUESTHEADER_CLIENT_CA_FILE);
    if (caPem == null || caPem.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        newRequestHeaderConfig(
            pemOrEmpty(caPem, REQUESTHEADER_CLIENT_CA_FILE),
            jsonStrings(data, REQUESTHEADER_ALLOWED_NAMES),
            jsonStrings(data, REQUESTHEADER_USERNAME_HEADERS),
            jsonStrings(data, REQUESTHEADER_UID_HEADERS),
            jsonStrings(data, REQUESTHEADER_GROUP_HEADERS),
            jsonStrings(data, REQUESTHEADER_EXTRA_HEADERS_PREFIX)));
  }

  private static RequestHeaderConfig newRequestHeaderConfig(
      List<X509Certificate> ca,
      List<String> allowedNames,
      List<String> usernameHeaders,
      List<String> uidHeaders,
      List<String> groupHeaders,
      List<String> extraPrefixes) {
    try {
      return new RequestHeaderConfig(
          ca, allowedNames, usernameHeaders, uidHeaders, groupHeaders, extraPrefixes);
    } catch (IllegalArgumentException e) {
      throw new AuthenticationConfigException(e.getMessage(), e);
    }
  }

  /** The ConfigMap stores string lists as JSON arrays, e.g. {@code ["X-Remote-User"]}. */
  static List<String> jsonStrings(Map<String, String> data, String key) {
    String json = data.get(key);
    if (json == null || json.isBlank()) {
      return List.of();
    }
    String[] values;
    try {
      values = GSON.fromJson(json, String[].class);
    } catch (JsonParseException e) {
      throw notStringArray(key, e);
    }
    if (values == null || Arrays.asList(values).contains(null)) {
      throw notStringArray(key, null);
    }
    return List.of(values);
  }

  private static AuthenticationConfigException notStringArray(String key, Exception cause) {
    return new AuthenticationConfigException(
        "configmap " + NAMESPACE + "/" + NAME + " key " + key + " is not a JSON string array",
        cause);
  }

  private static List<X509Certificate> pemOrEmpty(String pem, String key) {
    if (pem == null || pem.isBlank()) {
      return List.of();
    }
    try {
      return PemFiles.parseCertificates(pem);
    } catch (IOException e) {
      throw new AuthenticationConfigException(
          "configmap " + NAMESPACE + "/" + NAME + " key " + key + ": " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> readFile(Path file, String flag) {
    try {
      return PemFiles.readCertificates(file);
    } catch (IOException e) {
      throw new AuthenticationConfigException(flag + ": " + e.getMessage(), e);
    }
  }

  /** Reads the ConfigMap's data; a missing ConfigMap is empty data, other failures throw. */
  private record ConfigMapReader(CoreV1Api api) implements Supplier<Map<String, String>> {
    @Override
    public Map<String, String> get() {
      try {
        V1ConfigMap configMap = api.readNamespacedConfigMap(NAME, NAMESPACE).execute();
        Map<String, String> data = configMap == null ? null : configMap.getData();
        return data == null ? Map.of() : Map.copyOf(data);
      } catch (ApiException e) {
        if (e.getCode() == 404) {
          return Map.of();
        }
        String detail = e.getCode() == 0 ? String.valueOf(e.getCause()) : "HTTP " + e.getCode();
        throw new AuthenticationConfigException(
            "cannot read configmap " + NAMESPACE + "/" + NAME + ": " + detail, e);
      } catch (RuntimeException e) {
        throw new AuthenticationConfigException(
            "cannot decode configmap " + NAMESPACE + "/" + NAME + ": " + e.getMessage(), e);
      }
    }
  }
}
