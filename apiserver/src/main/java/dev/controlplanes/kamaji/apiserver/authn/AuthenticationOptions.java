package dev.controlplanes.kamaji.apiserver.authn;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Explicit authentication settings, named after the Go library's flags. Unset values come from
 * {@code kube-system/extension-apiserver-authentication}; see {@link
 * ExtensionApiserverAuthenticationLoader} for the precedence.
 *
 * @param clientCaFile {@code --client-ca-file}
 * @param requestHeaderClientCaFile {@code --requestheader-client-ca-file}; when set, every
 *     requestheader setting comes from these options (unset header names take the Go defaults)
 * @param requestHeaderAllowedNames {@code --requestheader-allowed-names}
 * @param requestHeaderUsernameHeaders {@code --requestheader-username-headers}
 * @param requestHeaderGroupHeaders {@code --requestheader-group-headers}
 * @param requestHeaderExtraHeadersPrefix {@code --requestheader-extra-headers-prefix}
 * @param requestHeaderUidHeaders {@code --requestheader-uid-headers}
 * @param skipLookup {@code --authentication-skip-lookup}: never read the ConfigMap
 * @param tolerateLookupFailure {@code --authentication-tolerate-lookup-failure}: an unreadable
 *     ConfigMap counts as an empty one
 * @param requestHeaderRequired fail when no front-proxy CA is configured; true by default, because
 *     without it every proxied request is unauthenticated and denied. Turn it off only for a server
 *     that is never behind kube-apiserver (local runs).
 * @param tokenCacheTtl {@code --authentication-token-webhook-cache-ttl}
 * @param reloadInterval how often the ConfigMap and files are read again
 */
public record AuthenticationOptions(
    Optional<Path> clientCaFile,
    Optional<Path> requestHeaderClientCaFile,
    Optional<List<String>> requestHeaderAllowedNames,
    Optional<List<String>> requestHeaderUsernameHeaders,
    Optional<List<String>> requestHeaderGroupHeaders,
    Optional<List<String>> requestHeaderExtraHeadersPrefix,
    Optional<List<String>> requestHeaderUidHeaders,
    boolean skipLookup,
    boolean tolerateLookupFailure,
    boolean requestHeaderRequired,
    Duration tokenCacheTtl,
    Duration reloadInterval) {

  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(30);

  /** Defaults: everything from the ConfigMap, front-proxy CA required, 10 s token cache. */
  public static final AuthenticationOptions DEFAULT = builder().build();

  public AuthenticationOptions {
    Objects.requireNonNull(clientCaFile, "clientCaFile");
    Objects.requireNonNull(requestHeaderClientCaFile, "requestHeaderClientCaFile");
    requestHeaderAllowedNames = requestHeaderAllowedNames.map(List::copyOf);
    requestHeaderUsernameHeaders = requestHeaderUsernameHeaders.map(List::copyOf);
    requestHeaderGroupHeaders = requestHeaderGroupHeaders.map(List::copyOf);
    requestHeaderExtraHeadersPrefix = requestHeaderExtraHeadersPrefix.map(List::copyOf);
    requestHeaderUidHeaders = requestHeaderUidHeaders.map(List::copyOf);
    Objects.requireNonNull(tokenCacheTtl, "tokenCacheTtl");
    if (reloadInterval.isZero() || reloadInterval.isNegative()) {
      throw new IllegalArgumentException("reloadInterval must be positive: " + reloadInterval);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True when any requestheader setting other than the CA file was given explicitly. */
  boolean hasRequestHeaderSettingsWithoutCa() {
    return requestHeaderClientCaFile.isEmpty()
        && (requestHeaderAllowedNames.isPresent()
            || requestHeaderUsernameHeaders.isPresent()
            || requestHeaderGroupHeaders.isPresent()
            || requestHeaderExtraHeadersPrefix.isPresent()
            || requestHeaderUidHeaders.isPresent());
  }

  /** Builds {@link AuthenticationOptions}; every setting is optional. */
  public static final class Builder {
    private Path clientCaFile;
    private Path requestHeaderClientCaFile;
    private List<String> allowedNames;
    private List<String> usernameHeaders;
    private List<String> groupHeaders;
    private List<String> extraHeadersPrefix;
    private List<String> uidHeaders;
    private boolean skipLookup;
    private boolean tolerateLookupFailure;
    private boolean requestHeaderRequired = true;
    private Duration tokenCacheTtl = TokenReviewAuthenticator.DEFAULT_CACHE_TTL;
    private Duration reloadInterval = DEFAULT_RELOAD_INTERVAL;

    private Builder() {}

    public Builder clientCaFile(Path file) {
      this.clientCaFile = file;
      return this;
    }

    public Builder requestHeaderClientCaFile(Path file) {
      this.requestHeaderClientCaFile = file;
      return this;
    }

    public Builder requestHeaderAllowedNames(List<String> names) {
      this.allowedNames = names;
      return this;
    }

    public Builder requestHeaderUsernameHeaders(List<String> headers) {
      this.usernameHeaders = headers;
      return this;
    }

    public Builder requestHeaderGroupHeaders(List<String> headers) {
      this.groupHeaders = headers;
      return this;
    }

    public Builder requestHeaderExtraHeadersPrefix(List<String> prefixes) {
      this.extraHeadersPrefix = prefixes;
      return this;
    }

    public Builder requestHeaderUidHeaders(List<String> headers) {
      this.uidHeaders = headers;
      return this;
    }

    public Builder skipLookup(boolean skip) {
      this.skipLookup = skip;
      return this;
    }

    public Builder tolerateLookupFailure(boolean tolerate) {
      this.tolerateLookupFailure = tolerate;
      return this;
    }

    public Builder requestHeaderRequired(boolean required) {
      this.requestHeaderRequired = required;
      return this;
    }

    public Builder tokenCacheTtl(Duration ttl) {
      this.tokenCacheTtl = ttl;
      return this;
    }

    public Builder reloadInterval(Duration interval) {
      this.reloadInterval = interval;
      return this;
    }

    public AuthenticationOptions build() {
      return new AuthenticationOptions(
          Optional.ofNullable(clientCaFile),
          Optional.ofNullable(requestHeaderClientCaFile),
          Optional.ofNullable(allowedNames),
          Optional.ofNullable(usernameHeaders),
          Optional.ofNullable(groupHeaders),
          Optional.ofNullable(extraHeadersPrefix),
          Optional.ofNullable(uidHeaders),
          skipLookup,
          tolerateLookupFailure,
          requestHeaderRequired,
          tokenCacheTtl,
          reloadInterval);
    }
  }
}
