package dev.controlplanes.kamaji.controllers.errors;

/** A LoadBalancer Service has no ingress address yet, so there is no endpoint to certify. */
public final class LoadBalancerPendingException extends RequeueException {

  private static final long serialVersionUID = 1L;

  public LoadBalancerPendingException(String service) {
    super("waiting for a load balancer address on Service " + service);
  }
}
