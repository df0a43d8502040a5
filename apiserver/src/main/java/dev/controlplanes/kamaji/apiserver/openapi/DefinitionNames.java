package dev.controlplanes.kamaji.apiserver.openapi;

/** The standard names of the kube definitions the documents reference. */
final class DefinitionNames {

  private static final String META_V1 = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  private static final String AUTOSCALING_V1 = "io.k8s.api.autoscaling.v1.";

  static final String OBJECT_META = META_V1 + "ObjectMeta";
  static final String LIST_META = META_V1 + "ListMeta";
  static final String MANAGED_FIELDS_ENTRY = META_V1 + "ManagedFieldsEntry";
  static final String OWNER_REFERENCE = META_V1 + "OwnerReference";
  static final String TIME = META_V1 + "Time";
  static final String FIELDS_V1 = META_V1 + "FieldsV1";
  static final String STATUS = META_V1 + "Status";
  static final String STATUS_DETAILS = META_V1 + "StatusDetails";
  static final String STATUS_CAUSE = META_V1 + "StatusCause";
  static final String DELETE_OPTIONS = META_V1 + "DeleteOptions";
  static final String PRECONDITIONS = META_V1 + "Preconditions";
  static final String PATCH = META_V1 + "Patch";
  static final String WATCH_EVENT = META_V1 + "WatchEvent";
  static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
  static final String SCALE = AUTOSCALING_V1 + "Scale";
  static final String SCALE_SPEC = AUTOSCALING_V1 + "ScaleSpec";
  static final String SCALE_STATUS = AUTOSCALING_V1 + "ScaleStatus";

  static final GroupVersionKind SCALE_GVK = new GroupVersionKind("autoscaling", "v1", "Scale");

  private DefinitionNames() {}
}
