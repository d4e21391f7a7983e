# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The real kubectl and the kubernetes Python client against a running API twin (HTTPS, token)."""

import json
import os
import ssl
import urllib.error
import urllib.request

import yaml


def _all(build_dir, cluster):
    return os.path.join(str(build_dir), "manifests", cluster, "all.yaml")


def test_https_and_token_are_required(twin):
    url = twin.state["clusters"]["k8s-oss"]["server"] + "/api/v1/nodes"
    context = ssl.create_default_context(cafile=twin.state["ca"])
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        try:
            urllib.request.urlopen(urllib.request.Request(url, headers=headers), context=context, timeout=10)
            raise AssertionError("the twin answered without a valid token")
        except urllib.error.HTTPError as err:
            assert err.code == 401 and json.loads(err.read())["reason"] == "Unauthorized"
    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + twin.token()})
    with urllib.request.urlopen(req, context=context, timeout=10) as resp:
        assert [n["metadata"]["name"] for n in json.loads(resp.read())["items"]] == ["ubuntu2.local"]
    assert oct(os.stat(twin.state["kubeconfig"]).st_mode & 0o777) == "0o600"
    assert twin.token() not in twin.log()


def test_kubectl_get_discovery_and_tables(twin):
    out = twin.kubectl("k8s-oss", "get", "svc", "-A")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["NAMESPACE", "NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]
    assert any(line.split()[1:4] == ["nginx-service", "LoadBalancer", "10.110.206.139"] for line in lines)
    crds = twin.kubectl("k8s-isovalent", "get", "crd", "-o", "name")
    assert "customresourcedefinition.apiextensions.k8s.io/isovalentsrv6sidmanagers.isovalent.com" in crds.stdout
    pods = twin.kubectl("k8s-isovalent", "get", "pods", "-n", "blue", "-o", "wide")
    assert "pod1-blue" in pods.stdout and "10.23.0.98" in pods.stdout


def test_kubectl_server_side_apply_diff_conflict_and_delete(twin, build_dir, tmp_path):
    path = _all(build_dir, "k8s-oss")
    first = twin.kubectl("k8s-oss", "apply", "--server-side", "--field-manager", "kubevrf.tenancy", "-f", path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("serverside-applied") == 5
    for mode in ([], ["--server-side", "--field-manager", "kubevrf.tenancy"]):
        same = twin.kubectl("k8s-oss", "diff", *mode, "-f", path)
        assert same.returncode == 0 and same.stdout == "", same.stdout + same.stderr
    changed = tmp_path / "changed.yaml"
    changed.write_text(open(path, encoding="utf-8").read().replace('"64512:301"', '"64512:399"'))
    diff = twin.kubectl("k8s-oss", "diff", "--server-side", "--field-manager", "kubevrf.tenancy", "-f", str(changed))
    assert diff.returncode == 1 and "-        - 64512:301" in diff.stdout and "+        - 64512:399" in diff.stdout
    clash = twin.kubectl("k8s-oss", "apply", "--server-side", "-f", str(changed))  # field manager "kubectl"
    assert clash.returncode != 0 and 'conflict with "kubevrf.tenancy"' in clash.stderr
    routes = twin.lab("cilium", "bgp", "routes", "advertised", "ipv4", "unicast", "--cluster", "k8s-oss")
    assert routes.returncode == 0 and "64512:399" not in routes.stdout and "{Communities: 64512:301}" in routes.stdout
    gone = twin.kubectl("k8s-oss", "delete", "-f", os.path.join(os.path.dirname(path),
                                                                "ciliumloadbalancerippool-ip-pool-pod2.yaml"))
    assert gone.returncode == 0, gone.stderr
    svc = json.loads(twin.kubectl("k8s-oss", "get", "svc", "nginx-service2", "-o", "json").stdout)
    assert svc["status"]["loadBalancer"] == {}  # LB-IPAM withdrew 30.0.10.1 with its pool
    routes = twin.lab("cilium", "bgp", "routes", "advertised", "ipv4", "unicast", "-o", "json", "--cluster", "k8s-oss")
    assert "30.0.10.1/32" not in [r["prefix"] for r in json.loads(routes.stdout)["ubuntu2.local"]]


def test_kubectl_sees_schema_rejections_with_field_paths(twin, build_dir, tmp_path):
    bad = yaml.safe_load(open(os.path.join(str(build_dir), "manifests", "k8s-isovalent",
                                           "isovalentsrv6locatorpool-pool0.yaml"), encoding="utf-8"))
    bad["spec"]["behaviorType"] = "micro"
    bad["spec"]["locatorLenBits"] = 64
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump(bad))
    out = twin.kubectl("k8s-isovalent", "apply", "--server-side", "-f", str(tmp_path / "bad.yaml"))
    assert out.returncode != 0
    assert 'The IsovalentSRv6LocatorPool "pool0" is invalid' in out.stderr  # kubectl words the 422 this way
    assert 'spec.behaviorType: Unsupported value: "micro"' in out.stderr
    assert "spec: Invalid value" in out.stderr and "must equal locatorLenBits" in out.stderr  # the CEL rule


def test_faults_make_the_next_request_fail(twin, build_dir):
    added = twin.lab("fault", "--cluster", "k8s-isovalent", "--kind", "IsovalentVRF", "--action", "500")
    assert added.returncode == 0, added.stderr
    out = twin.kubectl("k8s-isovalent", "apply", "--server-side", "-f", _all(build_dir, "k8s-isovalent"))
    assert out.returncode != 0 and "lab fault injected" in out.stderr
    again = twin.kubectl("k8s-isovalent", "apply", "--server-side", "-f", _all(build_dir, "k8s-isovalent"))
    assert again.returncode == 0, again.stderr  # count 1: only the next request failed
    sid = twin.kubectl("k8s-isovalent", "get", "sidmanager", "-o", "yaml")
    assert "prefix: cafe:cafe:2be::/48" in sid.stdout
    peers = twin.lab("cilium", "bgp", "peers", "--cluster", "k8s-isovalent")
    assert "ipv4/mpls_vpn" in peers.stdout and "established" in peers.stdout


def test_python_client_watch_and_kubectl_wait(twin):
    from kubernetes import client, config, watch
    api = client.CoreV1Api(config.new_client_from_config(twin.kubeconfig("k8s-oss")))
    events = [e["object"].metadata.name for e in watch.Watch().stream(api.list_node, timeout_seconds=1)]
    assert events == ["ubuntu2.local"]
    wait = twin.kubectl("k8s-oss", "wait", "--for=condition=Established", "--timeout=10s",
                        "crd/ciliumbgpadvertisements.cilium.io")
    assert wait.returncode == 0, wait.stderr


def test_the_device_twins_feed_follows_what_is_applied(twin, build_dir, tmp_path):
    import pytest
    pytest.importorskip("lab.twins.world")
    from lab.kube.feed import KubeFeed
    path = _all(build_dir, "k8s-oss")
    assert twin.kubectl("k8s-oss", "apply", "--server-side", "--field-manager", "kubevrf.tenancy", "--force-conflicts",
                        "-f", path).returncode == 0
    feed = KubeFeed(twin.state_dir, ttl=0)
    oss = next(s for s in feed.speakers() if s.cluster == "k8s-oss")
    assert {r.prefix: r.communities for r in oss.routes}["20.0.10.1/32"] == ("64512:301",)
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(open(path, encoding="utf-8").read().replace('"64512:301"', '"64512:302"'))
    assert twin.kubectl("k8s-oss", "apply", "--server-side", "--field-manager", "kubevrf.tenancy", "-f",
                        str(wrong)).returncode == 0
    oss = next(s for s in feed.speakers() if s.cluster == "k8s-oss")
    assert {r.prefix: r.communities for r in oss.routes}["20.0.10.1/32"] == ("64512:302",)
    iso = next(s for s in feed.speakers() if s.cluster == "k8s-isovalent")
    assert iso.peers[0].families == ("ipv6-unicast", "vpnv4-unicast")
