package dev.controlplanes.kamaji.api.v1alpha1;

/** Values of {@code status.kubernetesResources.version.status}. */
public final class VersionState {
  public static final String UNKNOWN = "Unknown";
  public static final String PROVISIONING = "Provisioning";
  public static final String CERTIFICATE_AUTHORITY_ROTATING = "CertificateAuthorityRotating";
  public static final String UPGRADING = "Upgrading";
  public static final String MIGRATING = "Migrating";
  public static final String READY = "Ready";
  public static final String NOT_READY = "NotReady";
  public static final String SLEEPING = "Sleeping";
  public static final String WRITE_LIMITED = "WriteLimited";

  private VersionState() {}
}
