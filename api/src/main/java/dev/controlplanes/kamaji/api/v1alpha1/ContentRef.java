package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** Inline base64 content, or a reference to a Secret key; inline content wins. */
public final class ContentRef {
  private String content;
  private SecretReference secretReference;

  public ContentRef content(String content) {
    this.content = content;
    return this;
  }

  public String getContent() {
    return content;
  }

  public void setContent(String content) {
    this.content = content;
  }

  public ContentRef secretReference(SecretReference secretReference) {
    this.secretReference = secretReference;
    return this;
  }

  public SecretReference getSecretReference() {
    return secretReference;
  }

  public void setSecretReference(SecretReference secretReference) {
    this.secretReference = secretReference;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    ContentRef that = (ContentRef) o;
    return Objects.equals(content, that.content)
        && Objects.equals(secretReference, that.secretReference);
  }

  @Override
  public int hashCode() {
    return Objects.hash(content, secretReference);
  }

  @Override
  public String toString() {
    return "ContentRef{content="
        + (content == null ? "null" : "<redacted>")
        + ", secretReference="
        + secretReference
        + "}";
  }
}
