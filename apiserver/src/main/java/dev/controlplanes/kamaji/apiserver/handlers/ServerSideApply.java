package dev.controlplanes.kamaji.apiserver.handlers;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.schema.SchemaPruner;
import dev.controlplanes.kamaji.apiserver.apply.Applier;
import dev.controlplanes.kamaji.apiserver.apply.ApplyConflictException;
import dev.controlplanes.kamaji.apiserver.apply.ApplyException;
import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.registry.GenericStore;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.registry.WriteOptions;
import dev.controlplanes.kamaji.apiserver.registry.WriteResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Server-side apply over the generic store: merges the applied configuration into the live object
 * with field ownership, creating the object when it does not exist (201).
 */
public final class ServerSideApply implements PatchHandler.ApplyEngine {

  private static final int ATTEMPTS = 8;

  private final Clock clock;

  public ServerSideApply(Clock clock) {
    this.clock = clock;
  }

  @Override
  public WriteResult apply(
      ResourceEndpoint endpoint,
      String namespace,
      String name,
      JsonObject applied,
      boolean force,
      WriteOptions options,
      Runnable beforeCreate) {
    GenericStore store = endpoint.store();
    ResourceType type = store.type();
    List<String> warnings = new ArrayList<>();
    JsonObject config = applied.deepCopy();
    List<String> unknown = SchemaPruner.prune(config, type.schema());
    if (!unknown.isEmpty() && options.strict()) {
      throw Statuses.badRequest(
          "error strict decoding patch: unknown field \""
              + String.join("\", unknown field \"", unknown)
              + "\"");
    }
    if (options.warn()) {
      unknown.forEach(path -> warnings.add("unknown field \"" + path + "\""));
    }
    WriteOptions tracked = options.tracked();
    try {
      for (int attempt = 0; ; attempt++) {
        Optional<JsonObject> live = store.find(namespace, name);
        if (live.isEmpty()) {
          if (options.status()) {
            throw Statuses.notFound(type.qualified(), name);
          }
          beforeCreate.run();
          JsonObject created =
              Applier.apply(
                  null,
                  config,
                  options.fieldManager(),
                  force,
                  type.schema(),
                  options.subresource(),
                  clock.instant());
          try {
            WriteResult result = store.create(namespace, created, tracked);
            return withWarnings(result, true, warnings);
          } catch (StatusException e) {
            if (e.code() == 409 && "AlreadyExists".equals(e.reason()) && attempt < ATTEMPTS) {
              continue;
            }
            throw e;
          }
        }
        WriteResult result =
            store.guaranteedUpdate(
                namespace,
                name,
                current ->
                    Applier.apply(
                        current,
                        config,
                        options.fieldManager(),
                        force,
                        type.schema(),
                        options.subresource(),
                        clock.instant()),
                tracked);
        return withWarnings(result, false, warnings);
      }
    } catch (ApplyConflictException e) {
      throw Statuses.conflictWithCauses(
          e.getMessage(),
          type.qualified(),
          name,
          e.causes().stream()
              .map(c -> new StatusException.Cause(c.reason(), c.message(), c.field()))
              .toList());
    } catch (ApplyException e) {
      throw e.httpStatus() == 400
          ? Statuses.badRequest(e.getMessage())
          : Statuses.internal(
              "failed to create typed patch object ("
                  + namespace
                  + "/"
                  + name
                  + "; "
                  + type.apiVersion()
                  + ", Kind="
                  + type.kind()
                  + "): "
                  + e.getMessage());
    }
  }

  private static WriteResult withWarnings(
      WriteResult result, boolean created, List<String> warnings) {
    List<String> all = new ArrayList<>(warnings);
    all.addAll(result.warnings());
    return new WriteResult(result.object(), created, all);
  }
}
