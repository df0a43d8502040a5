package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.time.GoDuration;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.ControllerOptions;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobCondition;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Job {@code migrate-<tcp uid>} that copies a tenant's data to the DataStore its spec now names
 * (Kamaji §4.1): in this server's namespace, with its service account and image, running {@code
 * migrate --tenant-control-plane=<ns>/<name> --target-datastore=<name>} and the options of the
 * TCP's migration annotations.
 */
public final class MigrationJob {

  /** Labels that lead a Job's events back to its TenantControlPlane. */
  public static final String TCP_NAME_LABEL = "tcp.kamaji.clastix.io/name";

  public static final String TCP_NAMESPACE_LABEL = "tcp.kamaji.clastix.io/namespace";
  public static final String COMPONENT = "migrate";

  /** Drop a copy the target may hold from an earlier migration before copying (a boolean). */
  public static final String CLEANUP_PRIOR_ANNOTATION = "kamaji.clastix.io/cleanup-prior-migration";

  /** The Job's bound on the copy (a Go duration; the command's default is 5m). */
  public static final String TIMEOUT_ANNOTATION = "kamaji.clastix.io/migration-timeout";

  private static final String TARGET_FLAG = "--target-datastore=";

  private MigrationJob() {}

  public static V1Job build(
      TenantControlPlane tcp, String targetDataStore, ControllerOptions.Migration migration) {
    SortedMap<String, String> labels = new TreeMap<>();
    labels.put(TCP_NAME_LABEL, tcp.getMetadata().getName());
    labels.put(TCP_NAMESPACE_LABEL, tcp.getMetadata().getNamespace());
    labels.put(Labels.COMPONENT, COMPONENT);
    return new V1Job()
        .apiVersion("batch/v1")
        .kind("Job")
        .metadata(
            new V1ObjectMeta()
                .name(Names.migrationJob(tcp))
                .namespace(migration.namespace())
                .labels(labels))
        .spec(
            new V1JobSpec()
                .template(
                    new V1PodTemplateSpec()
                        .spec(
                            new V1PodSpec()
                                .serviceAccountName(migration.serviceAccount())
                                .restartPolicy("OnFailure")
                                .containers(
                                    List.of(
                                        new V1Container()
                                            .name("migrate")
                                            .image(migration.image())
                                            .args(args(tcp, targetDataStore)))))));
  }

  /** The command line, as Kamaji writes it. */
  static List<String> args(TenantControlPlane tcp, String targetDataStore) {
    List<String> args = new ArrayList<>();
    args.add("migrate");
    args.add(
        "--tenant-control-plane="
            + tcp.getMetadata().getNamespace()
            + "/"
            + tcp.getMetadata().getName());
    args.add(TARGET_FLAG + targetDataStore);
    Map<String, String> annotations = tcp.getMetadata().getAnnotations();
    if (annotations != null) {
      args.add(
          "--cleanup-prior-migration="
              + Boolean.parseBoolean(annotations.get(CLEANUP_PRIOR_ANNOTATION)));
      timeout(annotations.get(TIMEOUT_ANNOTATION)).ifPresent(t -> args.add("--timeout=" + t));
    }
    return args;
  }

  /** A valid Go duration is passed on; anything else is ignored, as Kamaji ignores it. */
  private static Optional<String> timeout(String annotation) {
    if (annotation == null) {
      return Optional.empty();
    }
    try {
      GoDuration.parse(annotation);
      return Optional.of(annotation.strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The DataStore a migration Job copies to, from its arguments; null if it names none. */
  public static String target(V1Job job) {
    if (job.getSpec() == null
        || job.getSpec().getTemplate() == null
        || job.getSpec().getTemplate().getSpec() == null) {
      return null;
    }
    for (V1Container container : job.getSpec().getTemplate().getSpec().getContainers()) {
      for (String arg : container.getArgs() == null ? List.<String>of() : container.getArgs()) {
        if (arg.startsWith(TARGET_FLAG)) {
          return arg.substring(TARGET_FLAG.length());
        }
      }
    }
    return null;
  }

  /** Whether the Job has succeeded (its Complete condition is True). */
  public static boolean complete(V1Job job) {
    return condition(job, "Complete");
  }

  /** Whether the Job has given up (its Failed condition is True). */
  public static boolean failed(V1Job job) {
    return condition(job, "Failed");
  }

  private static boolean condition(V1Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return false;
    }
    for (V1JobCondition c : job.getStatus().getConditions()) {
      if (type.equals(c.getType()) && "True".equals(c.getStatus())) {
        return true;
      }
    }
    return false;
  }
}
