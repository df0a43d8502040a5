package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** Image overrides of the CoreDNS or kube-proxy addon. */
public final class AddonSpec {
  private String imageRepository;
  private String imageTag;

  public AddonSpec imageRepository(String imageRepository) {
    this.imageRepository = imageRepository;
    return this;
  }

  public String getImageRepository() {
    return imageRepository;
  }

  public void setImageRepository(String imageRepository) {
    this.imageRepository = imageRepository;
  }

  public AddonSpec imageTag(String imageTag) {
    this.imageTag = imageTag;
    return this;
  }

  public String getImageTag() {
    return imageTag;
  }

  public void setImageTag(String imageTag) {
    this.imageTag = imageTag;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    AddonSpec that = (AddonSpec) o;
    return Objects.equals(imageRepository, that.imageRepository)
        && Objects.equals(imageTag, that.imageTag);
  }

  @Override
  public int hashCode() {
    return Objects.hash(imageRepository, imageTag);
  }

  @Override
  public String toString() {
    return "AddonSpec{imageRepository=" + imageRepository + ", imageTag=" + imageTag + "}";
  }
}
