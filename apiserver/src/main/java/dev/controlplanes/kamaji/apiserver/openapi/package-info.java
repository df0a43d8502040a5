/**
 * The served OpenAPI documents ({@code /openapi/v2}, {@code /openapi/v3} and one v3 document per
 * group version) and the rules for answering requests for them.
 *
 * <p>{@link dev.controlplanes.kamaji.apiserver.openapi.OpenApiDocuments} builds every document once
 * from a list of {@link dev.controlplanes.kamaji.apiserver.openapi.OpenApiResource}s; the output is
 * deterministic (sorted keys, no timestamps), so every replica serves the same bytes and hashes.
 * {@link dev.controlplanes.kamaji.apiserver.openapi.OpenApiResponder} turns a request into an
 * {@link dev.controlplanes.kamaji.apiserver.openapi.OpenApiResponse} without doing any I/O.
 */
package dev.controlplanes.kamaji.apiserver.openapi;
