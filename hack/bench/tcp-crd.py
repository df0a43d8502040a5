#!/usr/bin/env python3
"""Prints a CustomResourceDefinition (JSON) for TenantControlPlane in group crd.kamaji.clastix.io,
whose openAPIV3Schema is our schema (tenantcontrolplane.json) made acceptable to kube-apiserver:
private extensions (x-kamaji-*) and keys a CRD schema rejects are dropped. Usage: tcp-crd.py SCHEMA
"""
import json
import sys

# Keys apiextensions.k8s.io/v1 JSONSchemaProps accepts (others are rejected as unknown fields).
ALLOWED = {
    "description", "type", "format", "title", "default", "maximum", "exclusiveMaximum", "minimum",
    "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
    "multipleOf", "enum", "maxProperties", "minProperties", "required", "items", "allOf", "oneOf",
    "anyOf", "not", "properties", "additionalProperties", "nullable",
    "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
    "x-kubernetes-int-or-string", "x-kubernetes-list-map-keys", "x-kubernetes-list-type",
    "x-kubernetes-map-type", "x-kubernetes-validations",
}
dropped = {}


def clean(node, in_properties=False):
    if isinstance(node, list):
        return [clean(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if in_properties:  # keys are property names, values are schemas
            out[key] = clean(value)
        elif key not in ALLOWED:
            dropped[key] = dropped.get(key, 0) + 1
        elif key == "properties":
            out[key] = clean(value, in_properties=True)
        elif key in ("default", "enum", "required", "x-kubernetes-list-map-keys"):
            out[key] = value  # values, not schemas
        else:
            out[key] = clean(value)
    return out


schema = clean(json.load(open(sys.argv[1])))
# kube-apiserver owns metadata: a CRD schema may only say it is an object.
schema["properties"]["metadata"] = {"type": "object"}
print("tcp-crd.py: dropped keys: %s" % dropped, file=sys.stderr)
crd = {
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": "tenantcontrolplanes.crd.kamaji.clastix.io"},
    "spec": {
        "group": "crd.kamaji.clastix.io",
        "scope": "Namespaced",
        "names": {"plural": "tenantcontrolplanes", "singular": "tenantcontrolplane",
                  "kind": "TenantControlPlane", "listKind": "TenantControlPlaneList",
                  "shortNames": ["crdtcp"]},
        "versions": [{"name": "v1alpha1", "served": True, "storage": True,
                      "subresources": {"status": {}},
                      "schema": {"openAPIV3Schema": schema}}],
    },
}
json.dump(crd, sys.stdout)
