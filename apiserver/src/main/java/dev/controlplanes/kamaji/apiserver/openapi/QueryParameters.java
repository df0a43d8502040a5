package dev.controlplanes.kamaji.apiserver.openapi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The query options each kind of operation declares, named and typed as kube's ListOptions,
 * GetOptions, CreateOptions, UpdateOptions, PatchOptions and DeleteOptions; descriptions are ours.
 */
final class QueryParameters {

  static final Parameter PRETTY =
      Parameter.query("pretty", "string", "If 'true', the response body is pretty-printed.");

  private static final Parameter ALLOW_WATCH_BOOKMARKS =
      Parameter.query(
          "allowWatchBookmarks",
          "boolean",
          "Ask for BOOKMARK events in a watch; the server may still send none. Ignored unless"
              + " watching.");
  private static final Parameter CONTINUE =
      Parameter.query(
          "continue",
          "string",
          "The continue token of the previous page, to read the next page of a paginated list.");
  private static final Parameter FIELD_SELECTOR =
      Parameter.query(
          "fieldSelector",
          "string",
          "Select objects by field (metadata.name, metadata.namespace). Defaults to all objects.");
  private static final Parameter LABEL_SELECTOR =
      Parameter.query(
          "labelSelector", "string", "Select objects by their labels. Defaults to all objects.");
  private static final Parameter LIMIT =
      Parameter.query(
          "limit",
          "integer",
          "The maximum number of items to return; when more exist the list carries a continue"
              + " token.");
  private static final Parameter LIST_RESOURCE_VERSION =
      Parameter.query(
          "resourceVersion",
          "string",
          "Which resource versions the list may be served at (see resourceVersionMatch), or where a"
              + " watch starts. Unset means the most recent.");
  private static final Parameter RESOURCE_VERSION_MATCH =
      Parameter.query(
          "resourceVersionMatch",
          "string",
          "How resourceVersion applies to a list: Exact or NotOlderThan.");
  private static final Parameter SEND_INITIAL_EVENTS =
      Parameter.query(
          "sendInitialEvents",
          "boolean",
          "With watch=true, start with synthetic ADDED events for the current objects, ended by a"
              + " bookmark annotated k8s.io/initial-events-end.");
  private static final Parameter TIMEOUT_SECONDS =
      Parameter.query(
          "timeoutSeconds", "integer", "How long a list or watch call may last, in seconds.");
  private static final Parameter WATCH =
      Parameter.query(
          "watch", "boolean", "Answer with a stream of change events instead of a list.");
  private static final Parameter GET_RESOURCE_VERSION =
      Parameter.query(
          "resourceVersion",
          "string",
          "Which resource version the object may be served at. Unset means the most recent.");
  private static final Parameter DRY_RUN =
      Parameter.query(
          "dryRun",
          "string",
          "If set, run the request without persisting anything. The only valid value is All.");
  private static final Parameter FIELD_MANAGER =
      Parameter.query(
          "fieldManager",
          "string",
          "The name of the actor making the change, recorded in managedFields; required for apply"
              + " patches.");
  private static final Parameter FIELD_VALIDATION =
      Parameter.query(
          "fieldValidation",
          "string",
          "How unknown or duplicate fields in the body are handled: Ignore (drop them), Warn (drop"
              + " them with a warning, the default) or Strict (fail the request).");
  private static final Parameter FORCE =
      Parameter.query(
          "force",
          "boolean",
          "For apply patches only: take ownership of fields another manager owns instead of"
              + " failing with a conflict.");
  private static final Parameter GRACE_PERIOD_SECONDS =
      Parameter.query(
          "gracePeriodSeconds",
          "integer",
          "Seconds to wait before deletion; zero deletes immediately. Unset uses the default.");
  private static final Parameter IGNORE_STORE_READ_ERROR =
      Parameter.query(
          "ignoreStoreReadErrorWithClusterBreakingPotential",
          "boolean",
          "Delete an object whose stored data cannot be read or decoded, skipping finalizers and"
              + " preconditions. Unsafe: use only to remove corrupt objects.");
  private static final Parameter ORPHAN_DEPENDENTS =
      Parameter.query(
          "orphanDependents",
          "boolean",
          "Deprecated, use propagationPolicy: whether dependents are orphaned.");
  private static final Parameter PROPAGATION_POLICY =
      Parameter.query(
          "propagationPolicy",
          "string",
          "Whether and how dependents are garbage collected: Orphan, Background or Foreground.");

  static final List<Parameter> LIST =
      sorted(
          ALLOW_WATCH_BOOKMARKS,
          CONTINUE,
          FIELD_SELECTOR,
          LABEL_SELECTOR,
          LIMIT,
          LIST_RESOURCE_VERSION,
          RESOURCE_VERSION_MATCH,
          SEND_INITIAL_EVENTS,
          TIMEOUT_SECONDS,
          WATCH);
  static final List<Parameter> GET = sorted(GET_RESOURCE_VERSION);
  static final List<Parameter> CREATE = sorted(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION);
  static final List<Parameter> UPDATE = CREATE;
  static final List<Parameter> PATCH = sorted(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE);
  static final List<Parameter> DELETE =
      sorted(
          DRY_RUN,
          GRACE_PERIOD_SECONDS,
          IGNORE_STORE_READ_ERROR,
          ORPHAN_DEPENDENTS,
          PROPAGATION_POLICY);

  /** As kube: the list options without the watch-only ones, plus the delete options. */
  static final List<Parameter> DELETE_COLLECTION =
      sorted(
          CONTINUE,
          FIELD_SELECTOR,
          LABEL_SELECTOR,
          LIMIT,
          LIST_RESOURCE_VERSION,
          RESOURCE_VERSION_MATCH,
          SEND_INITIAL_EVENTS,
          TIMEOUT_SECONDS,
          DRY_RUN,
          GRACE_PERIOD_SECONDS,
          IGNORE_STORE_READ_ERROR,
          ORPHAN_DEPENDENTS,
          PROPAGATION_POLICY);

  private QueryParameters() {}

  private static List<Parameter> sorted(Parameter... parameters) {
    List<Parameter> list = new ArrayList<>(List.of(parameters));
    list.sort(Comparator.comparing(Parameter::name));
    return List.copyOf(list);
  }
}
