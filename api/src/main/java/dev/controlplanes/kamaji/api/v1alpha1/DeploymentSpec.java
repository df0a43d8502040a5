package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1DeploymentStrategy;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V1TopologySpreadConstraint;
import io.kubernetes.client.openapi.models.V1Volume;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code spec.controlPlane.deployment}: the control-plane Deployment. */
public final class DeploymentSpec {
  private RegistrySettings registrySettings;
  private Integer replicas;
  private Map<String, String> nodeSelector;
  private String runtimeClassName;
  private V1DeploymentStrategy strategy;
  private List<V1Toleration> tolerations;
  private V1Affinity affinity;
  private List<V1TopologySpreadConstraint> topologySpreadConstraints;
  private ControlPlaneComponentsResources resources;
  private ControlPlaneExtraArgs extraArgs;
  private AdditionalMetadata additionalMetadata;
  private AdditionalMetadata podAdditionalMetadata;
  private List<V1Container> additionalInitContainers;
  private List<V1Container> additionalContainers;
  private List<V1Volume> additionalVolumes;
  private AdditionalVolumeMounts additionalVolumeMounts;
  private DeploymentProbes probes;
  private String serviceAccountName;
  private Boolean automountServiceAccountToken;
  private ControlPlaneContainerSecurityContexts containerSecurityContexts;
  private V1PodSecurityContext podSecurityContext;

  public DeploymentSpec registrySettings(RegistrySettings registrySettings) {
    this.registrySettings = registrySettings;
    return this;
  }

  public RegistrySettings getRegistrySettings() {
    return registrySettings;
  }

  public void setRegistrySettings(RegistrySettings registrySettings) {
    this.registrySettings = registrySettings;
  }

  public DeploymentSpec replicas(Integer replicas) {
    this.replicas = replicas;
    return this;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public DeploymentSpec nodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
    return this;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public DeploymentSpec runtimeClassName(String runtimeClassName) {
    this.runtimeClassName = runtimeClassName;
    return this;
  }

  public String getRuntimeClassName() {
    return runtimeClassName;
  }

  public void setRuntimeClassName(String runtimeClassName) {
    this.runtimeClassName = runtimeClassName;
  }

  public DeploymentSpec strategy(V1DeploymentStrategy strategy) {
    this.strategy = strategy;
    return this;
  }

  public V1DeploymentStrategy getStrategy() {
    return strategy;
  }

  public void setStrategy(V1DeploymentStrategy strategy) {
    this.strategy = strategy;
  }

  public DeploymentSpec tolerations(List<V1Toleration> tolerations) {
    this.tolerations = tolerations;
    return this;
  }

  public List<V1Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<V1Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public DeploymentSpec affinity(V1Affinity affinity) {
    this.affinity = affinity;
    return this;
  }

  public V1Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(V1Affinity affinity) {
    this.affinity = affinity;
  }

  public DeploymentSpec topologySpreadConstraints(
      List<V1TopologySpreadConstraint> topologySpreadConstraints) {
    this.topologySpreadConstraints = topologySpreadConstraints;
    return this;
  }

  public List<V1TopologySpreadConstraint> getTopologySpreadConstraints() {
    return topologySpreadConstraints;
  }

  public void setTopologySpreadConstraints(
      List<V1TopologySpreadConstraint> topologySpreadConstraints) {
    this.topologySpreadConstraints = topologySpreadConstraints;
  }

  public DeploymentSpec resources(ControlPlaneComponentsResources resources) {
    this.resources = resources;
    return this;
  }

  public ControlPlaneComponentsResources getResources() {
    return resources;
  }

  public void setResources(ControlPlaneComponentsResources resources) {
    this.resources = resources;
  }

  public DeploymentSpec extraArgs(ControlPlaneExtraArgs extraArgs) {
    this.extraArgs = extraArgs;
    return this;
  }

  public ControlPlaneExtraArgs getExtraArgs() {
    return extraArgs;
  }

  public void setExtraArgs(ControlPlaneExtraArgs extraArgs) {
    this.extraArgs = extraArgs;
  }

  public DeploymentSpec additionalMetadata(AdditionalMetadata additionalMetadata) {
    this.additionalMetadata = additionalMetadata;
    return this;
  }

  public AdditionalMetadata getAdditionalMetadata() {
    return additionalMetadata;
  }

  public void setAdditionalMetadata(AdditionalMetadata additionalMetadata) {
    this.additionalMetadata = additionalMetadata;
  }

  public DeploymentSpec podAdditionalMetadata(AdditionalMetadata podAdditionalMetadata) {
    this.podAdditionalMetadata = podAdditionalMetadata;
    return this;
  }

  public AdditionalMetadata getPodAdditionalMetadata() {
    return podAdditionalMetadata;
  }

  public void setPodAdditionalMetadata(AdditionalMetadata podAdditionalMetadata) {
    this.podAdditionalMetadata = podAdditionalMetadata;
  }

  public DeploymentSpec additionalInitContainers(List<V1Container> additionalInitContainers) {
    this.additionalInitContainers = additionalInitContainers;
    return this;
  }

  public List<V1Container> getAdditionalInitContainers() {
    return additionalInitContainers;
  }

  public void setAdditionalInitContainers(List<V1Container> additionalInitContainers) {
    this.additionalInitContainers = additionalInitContainers;
  }

  public DeploymentSpec additionalContainers(List<V1Container> additionalContainers) {
    this.additionalContainers = additionalContainers;
    return this;
  }

  public List<V1Container> getAdditionalContainers() {
    return additionalContainers;
  }

  public void setAdditionalContainers(List<V1Container> additionalContainers) {
    this.additionalContainers = additionalContainers;
  }

  public DeploymentSpec additionalVolumes(List<V1Volume> additionalVolumes) {
    this.additionalVolumes = additionalVolumes;
    return this;
  }

  public List<V1Volume> getAdditionalVolumes() {
    return additionalVolumes;
  }

  public void setAdditionalVolumes(List<V1Volume> additionalVolumes) {
    this.additionalVolumes = additionalVolumes;
  }

  public DeploymentSpec additionalVolumeMounts(AdditionalVolumeMounts additionalVolumeMounts) {
    this.additionalVolumeMounts = additionalVolumeMounts;
    return this;
  }

  public AdditionalVolumeMounts getAdditionalVolumeMounts() {
    return additionalVolumeMounts;
  }

  public void setAdditionalVolumeMounts(AdditionalVolumeMounts additionalVolumeMounts) {
    this.additionalVolumeMounts = additionalVolumeMounts;
  }

  public DeploymentSpec probes(DeploymentProbes probes) {
    this.probes = probes;
    return this;
  }

  public DeploymentProbes getProbes() {
    return probes;
  }

  public void setProbes(DeploymentProbes probes) {
    this.probes = probes;
  }

  public DeploymentSpec serviceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
    return this;
  }

  public String getServiceAccountName() {
    return serviceAccountName;
  }

  public void setServiceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
  }

  public DeploymentSpec automountServiceAccountToken(Boolean automountServiceAccountToken) {
    this.automountServiceAccountToken = automountServiceAccountToken;
    return this;
  }

  public Boolean getAutomountServiceAccountToken() {
    return automountServiceAccountToken;
  }

  public void setAutomountServiceAccountToken(Boolean automountServiceAccountToken) {
    this.automountServiceAccountToken = automountServiceAccountToken;
  }

  public DeploymentSpec containerSecurityContexts(
      ControlPlaneContainerSecurityContexts containerSecurityContexts) {
    this.containerSecurityContexts = containerSecurityContexts;
    return this;
  }

  public ControlPlaneContainerSecurityContexts getContainerSecurityContexts() {
    return containerSecurityContexts;
  }

  public void setContainerSecurityContexts(
      ControlPlaneContainerSecurityContexts containerSecurityContexts) {
    this.containerSecurityContexts = containerSecurityContexts;
  }

  public DeploymentSpec podSecurityContext(V1PodSecurityContext podSecurityContext) {
    this.podSecurityContext = podSecurityContext;
    return this;
  }

  public V1PodSecurityContext getPodSecurityContext() {
    return podSecurityContext;
  }

  public void setPodSecurityContext(V1PodSecurityContext podSecurityContext) {
    this.podSecurityContext = podSecurityContext;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    DeploymentSpec that = (DeploymentSpec) o;
    return Objects.equals(registrySettings, that.registrySettings)
        && Objects.equals(replicas, that.replicas)
        && Objects.equals(nodeSelector, that.nodeSelector)
        && Objects.equals(runtimeClassName, that.runtimeClassName)
        && Objects.equals(strategy, that.strategy)
        && Objects.equals(tolerations, that.tolerations)
        && Objects.equals(affinity, that.affinity)
        && Objects.equals(topologySpreadConstraints, that.topologySpreadConstraints)
        && Objects.equals(resources, that.resources)
        && Objects.equals(extraArgs, that.extraArgs)
        && Objects.equals(additionalMetadata, that.additionalMetadata)
        && Objects.equals(podAdditionalMetadata, that.podAdditionalMetadata)
        && Objects.equals(additionalInitContainers, that.additionalInitContainers)
        && Objects.equals(additionalContainers, that.additionalContainers)
        && Objects.equals(additionalVolumes, that.additionalVolumes)
        && Objects.equals(additionalVolumeMounts, that.additionalVolumeMounts)
        && Objects.equals(probes, that.probes)
        && Objects.equals(serviceAccountName, that.serviceAccountName)
        && Objects.equals(automountServiceAccountToken, that.automountServiceAccountToken)
        && Objects.equals(containerSecurityContexts, that.containerSecurityContexts)
        && Objects.equals(podSecurityContext, that.podSecurityContext);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        registrySettings,
        replicas,
        nodeSelector,
        runtimeClassName,
        strategy,
        tolerations,
        affinity,
        topologySpreadConstraints,
        resources,
        extraArgs,
        additionalMetadata,
        podAdditionalMetadata,
        additionalInitContainers,
        additionalContainers,
        additionalVolumes,
        additionalVolumeMounts,
        probes,
        serviceAccountName,
        automountServiceAccountToken,
        containerSecurityContexts,
        podSecurityContext);
  }

  @Override
  public String toString() {
    return "DeploymentSpec{registrySettings="
        + registrySettings
        + ", replicas="
        + replicas
        + ", nodeSelector="
        + nodeSelector
        + ", runtimeClassName="
        + runtimeClassName
        + ", strategy="
        + strategy
        + ", tolerations="
        + tolerations
        + ", affinity="
        + affinity
        + ", topologySpreadConstraints="
        + topologySpreadConstraints
        + ", resources="
        + resources
        + ", extraArgs="
        + extraArgs
        + ", additionalMetadata="
        + additionalMetadata
        + ", podAdditionalMetadata="
        + podAdditionalMetadata
        + ", additionalInitContainers="
        + additionalInitContainers
        + ", additionalContainers="
        + additionalContainers
        + ", additionalVolumes="
        + additionalVolumes
        + ", additionalVolumeMounts="
        + additionalVolumeMounts
        + ", probes="
        + probes
        + ", serviceAccountName="
        + serviceAccountName
        + ", automountServiceAccountToken="
        + automountServiceAccountToken
        + ", containerSecurityContexts="
        + containerSecurityContexts
        + ", podSecurityContext="
        + podSecurityContext
        + "}";
  }
}
