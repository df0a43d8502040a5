package dev.controlplanes.kamaji.controllers.errors;

/** The TCP's DataStore is missing or not validated yet. */
public final class DataStoreNotReadyException extends RequeueException {

  private static final long serialVersionUID = 1L;

  public DataStoreNotReadyException(String dataStore, String why) {
    super("DataStore " + dataStore + " is not ready: " + why);
  }
}
