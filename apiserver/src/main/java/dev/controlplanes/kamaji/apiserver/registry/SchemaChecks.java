package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.field.FieldError;
import dev.controlplanes.kamaji.api.schema.Schema;
import dev.controlplanes.kamaji.api.schema.SchemaDefaulter;
import dev.controlplanes.kamaji.api.schema.SchemaPruner;
import dev.controlplanes.kamaji.apiserver.errors.StatusException.Cause;
import java.util.List;

/**
 * Pruning and defaulting driven by a kind's structural schema. Validation, including the schema's
 * and ObjectMeta's, is the strategy's: the api module validates a whole object in one call.
 */
public final class SchemaChecks implements ObjectChecks {

  private final Schema schema;

  public SchemaChecks(Schema schema) {
    this.schema = schema;
  }

  @Override
  public List<String> prune(JsonObject object) {
    return SchemaPruner.prune(object, schema);
  }

  @Override
  public void applyDefaults(JsonObject object) {
    SchemaDefaulter.apply(object, schema);
  }

  /** Field errors from the api module as Status causes. */
  public static List<Cause> causes(List<FieldError> errors) {
    return errors.stream().map(e -> new Cause(e.type().reason(), e.message(), e.field())).toList();
  }
}
