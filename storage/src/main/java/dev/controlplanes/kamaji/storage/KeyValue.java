package dev.controlplanes.kamaji.storage;

/**
 * One stored value with the revisions etcd keeps for it.
 *
 * @param key the full key
 * @param value the stored bytes (for a deletion event: the last value before the delete)
 * @param createRevision revision at which the key was created
 * @param modRevision revision of the last change (for a deletion: the revision of the delete)
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {}
