# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Kubernetes API twin against a real API server's verdicts: names, labels, strict field validation, messages.

Each case: an object, whether it is sent with fieldValidation=Strict, and the
expected outcome: None (accepted) or the text the real API server's error
carries (field path and reason).  Sources:
  NAMES   kubernetes.io/docs/concepts/overview/working-with-objects/names/ (namespaces: RFC 1123 labels;
          Services: RFC 1035 labels; most kinds: DNS subdomains) and the messages of
          k8s.io/apimachinery/pkg/util/validation (IsDNS1123Label, IsDNS1035Label, IsDNS1123Subdomain).
  LABELS  kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
  STRICT  kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
          ('strict decoding error: unknown field "spec.x"', paths with list indexes).
Grow this table whenever the twin and a real API server disagree.
"""

import json

import pytest

from lab.kube.app import LabCluster
from lab.kube.errors import ApiError
from lab.kube.faults import Faults
from lab.kube.world import load_clusters

APPLY = "application/apply-patch+yaml"


def ns(name, **extra):
    obj = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}
    obj.update(extra)
    return obj


def svc(name, spec=None, labels=None, namespace="default"):
    meta = {"name": name, "namespace": namespace}
    if labels is not None:
        meta["labels"] = labels
    return {"apiVersion": "v1", "kind": "Service", "metadata": meta,
            "spec": spec if spec is not None else {"ports": [{"port": 80}]}}


def pod(name, spec, namespace="default"):
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": namespace}, "spec": spec}


def cm(name, namespace="default", **fields):
    obj = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": namespace}}
    obj.update(fields)
    return obj


def advert(name, spec=None):
    return {"apiVersion": "cilium.io/v2alpha1", "kind": "CiliumBGPAdvertisement", "metadata": {"name": name},
            "spec": spec if spec is not None else {"advertisements": [{"advertisementType": "PodCIDR"}]}}


LONG = "a" * 63
CASES = [
    # -- namespace names: RFC 1123 labels [NAMES]
    (ns("tenant-a"), False, None, "NAMES"),
    (ns("123-abc"), False, None, "NAMES"),
    (ns(LONG), False, None, "NAMES: 63 characters"),
    (ns(LONG + "a"), False, 'metadata.name: Invalid value: "%s": must be no more than 63 characters' % (LONG + "a"),
     "NAMES"),
    (ns("tenant.a"), False, "a lowercase RFC 1123 label must consist of", "NAMES: no dots in a namespace"),
    (ns("Tenant"), False, 'metadata.name: Invalid value: "Tenant": a lowercase RFC 1123 label', "NAMES"),
    (ns("-tenant"), False, "RFC 1123 label", "NAMES"),
    (ns("tenant-"), False, "RFC 1123 label", "NAMES"),
    (ns("ten_ant"), False, "RFC 1123 label", "NAMES"),
    # -- Service names: RFC 1035 labels [NAMES]
    (svc("web1"), False, None, "NAMES"),
    (svc("1web"), False, 'metadata.name: Invalid value: "1web": a DNS-1035 label must', "NAMES"),
    (svc("web.front"), False, "a DNS-1035 label must consist of", "NAMES"),
    # -- other kinds: DNS subdomains [NAMES]
    (advert("bgp.adverts-1"), False, None, "NAMES: dots allowed"),
    (advert("BGP"), False, "a lowercase RFC 1123 subdomain must consist of", "NAMES"),
    # -- labels [LABELS]
    (svc("web2", labels={"app.kubernetes.io/name": "web"}), False, None, "LABELS"),
    (svc("web3", labels={"tier": ""}), False, None, "LABELS: empty value"),
    (svc("web4", labels={"bad key": "x"}), False, 'metadata.labels: Invalid value: "bad key"', "LABELS"),
    (svc("web5", labels={"tier": "-x"}), False, 'metadata.labels: Invalid value: "-x"', "LABELS"),
    (svc("web6", labels={"tier": "x" * 64}), False, "must be no more than 63 characters", "LABELS: value <= 63"),
    (svc("web12", labels={"a/b/c": "x"}), False, 'metadata.labels: Invalid value: "a/b/c": a qualified name must',
     "LABELS: one '/' at most"),
    (svc("web7", labels={"Example.com/tier": "x"}), False,
     'metadata.labels: Invalid value: "Example.com/tier": prefix part a lowercase RFC 1123 subdomain',
     "LABELS: prefix is a DNS subdomain"),
    # -- strict field validation [STRICT]
    (svc("web8", spec={"ports": [{"port": 80, "appProtocol": "http"}], "sessionAffinity": "None"}), True, None,
     "STRICT: known fields"),
    (svc("web9", spec={"ports": [{"port": 80}], "portz": 1}), True,
     'Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.portz"',
     "STRICT"),
    (svc("web10", spec={"ports": [{"port": 80, "nme": "http"}]}), True, 'unknown field "spec.ports[0].nme"',
     "STRICT: list index in the path"),
    (ns("tenant-b", spec={"finalizerz": ["x"]}), True, 'unknown field "spec.finalizerz"', "STRICT"),
    (ns("tenant-c", specx={}), True, 'unknown field "specx"', "STRICT: top level"),
    (advert("adverts", spec={"advertisements": [{"advertisementType": "PodCIDR", "colour": "x"}]}), True,
     'unknown field "spec.advertisements[0].colour"', "STRICT: CRD schema"),
    (svc("web11", spec={"ports": [{"port": 80}], "portz": 1}), False, None, "STRICT: without it, pruned with a warning"),
    (svc("web13", spec={"ports": [{"port": 70000}]}), False,
     "spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive", "core validation"),
    (svc("web14", spec={"ports": [{"port": 80, "protocol": "ICMP"}]}), False,
     'spec.ports[0].protocol: Unsupported value: "ICMP"', "core validation"),
    (svc("web15", spec={"type": "Headless", "ports": [{"port": 80}]}), False,
     'spec.type: Unsupported value: "Headless"', "core validation"),
    (svc("web16", spec={"ports": [{"port": 53, "protocol": "UDP", "targetPort": 5353}]}), False, None,
     "core validation"),
    (pod("p1", {"containers": [{"name": "web", "image": "nginx", "imagePullPolicy": "IfNotPresent",
                                "ports": [{"containerPort": 80}]}]}), True, None, "STRICT: a plain Pod"),
    (pod("p2", {"containers": [{"name": "web", "image": "nginx", "imagePullPolice": "Always"}]}), True,
     'unknown field "spec.containers[0].imagePullPolice"', "STRICT: nested in a Pod"),
    (pod("p3", {"containers": [{"name": "web", "image": "nginx"}], "nodeSelectr": {}}), True,
     'unknown field "spec.nodeSelectr"', "STRICT"),
    (cm("settings", data={"a": "1"}), True, None, "STRICT: a ConfigMap"),
    (cm("settings2", data={"a": "1"}, datas={}), True, 'unknown field "datas"', "STRICT: ConfigMap top level"),
    (cm("Settings", data={}), False, "a lowercase RFC 1123 subdomain", "NAMES: ConfigMap names are subdomains"),
]


@pytest.fixture(scope="module")
def cluster():
    # One cluster for the table: server-side apply makes each case a create or an update of its name.
    spec = next(s for s in load_clusters() if s.name == "k8s-oss")
    return LabCluster(spec, "t", Faults())


@pytest.mark.parametrize("obj, strict, expected, source", CASES, ids=["kube-%d" % n for n in range(len(CASES))])
def test_api_twin_agrees_with_the_api_server(cluster, obj, strict, expected, source):
    store = cluster.store
    res = store.find(obj["apiVersion"], obj["kind"])
    namespace = obj["metadata"].get("namespace", "") if res.namespaced else ""
    warnings = []
    try:
        store.patch(res, namespace, obj["metadata"]["name"], APPLY, json.dumps(obj).encode(), "conformance",
                    strict=strict, warnings=warnings)
    except ApiError as err:
        assert expected is not None, (source, err.message)
        assert expected in err.message, (source, err.message)
        assert err.code in (400, 422)
        return
    assert expected is None, (source, "accepted")
    if not strict and "portz" in json.dumps(obj):
        assert warnings == ['unknown field "spec.portz"']


def test_the_table_is_large_and_balanced():
    assert len(CASES) >= 25
    assert sum(1 for c in CASES if c[2] is None) >= 8 and sum(1 for c in CASES if c[2] is not None) >= 12


def test_reapplying_a_service_without_protocol_is_a_no_op(cluster):
    # A real API server defaults list-map keys (ports[].protocol) in the apply configuration.
    store = cluster.store
    res = store.find("v1", "Service")
    obj = svc("reapplied", spec={"ports": [{"port": 443}, {"port": 53, "protocol": "UDP"}]})
    first, _unused = store.patch(res, "default", "reapplied", APPLY, json.dumps(obj).encode(), "m")
    again, created = store.patch(res, "default", "reapplied", APPLY, json.dumps(obj).encode(), "m")
    assert not created and again["spec"]["ports"] == first["spec"]["ports"] == [
        {"port": 443, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}]
    assert again["metadata"]["resourceVersion"] == first["metadata"]["resourceVersion"]
