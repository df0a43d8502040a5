/**
 * Typed model of {@code kamaji.clastix.io/v1alpha1}: plain data classes that (de)serialize with
 * client-java's {@code io.kubernetes.client.openapi.JSON} to exactly the field names of the schemas
 * in {@code dev/controlplanes/kamaji/api/schemas/}. Embedded Kubernetes structs use client-java's
 * model types. Absent fields are {@code null}; nothing is defaulted here (defaulting lives in
 * {@code dev.controlplanes.kamaji.api.defaulting} on JSON trees).
 */
package dev.controlplanes.kamaji.api.v1alpha1;
