// Wrapper module pinning the Gateway API, whose CustomResourceDefinitions (Gateway, GatewayClass,
// TLSRoute of the standard channel) the end-to-end tests install to expose tenants through a
// Gateway. Nothing is built; hack/build-upstream.sh copies the CRDs from the module.
module kamaji-java/hack/upstream/gateway-api

go 1.24.0

require (
	sigs.k8s.io/gateway-api v1.5.1
)
