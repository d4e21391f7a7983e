# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The real ansible-playbook deploys the lab's manifests to the Kubernetes API twin (playbooks/deploy_cluster.yml).

First run changes, second run changes nothing, --check --diff changes nothing and
reports drift, prune only with tenancy_prune=true, API errors (409, 500, 422,
timeout) stop the play with a message naming the object, the token is never printed.
"""

import json
import os
import re
import shutil
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from lab.kube.testing import KUBECTL, running_twin  # noqa: E402
from playbook_run import LAB_HOSTS, PLAYBOOK_BIN, build_lab, recap, run_playbook  # noqa: E402  (tests/support)

pytestmark = pytest.mark.skipif(not (os.path.exists(PLAYBOOK_BIN) and os.path.exists(KUBECTL)),
                                reason="ansible-playbook beside python and kubectl are needed")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    base = tmp_path_factory.mktemp("deploy")
    build = build_lab(base / "build", "cilium,isovalent")
    with running_twin(base / "kube") as twin:
        hosts = base / "hosts.yml"
        hosts.write_text(yaml.safe_dump({"all": {"children": {"cilium_clusters": {"hosts": {
            name: {"tenancy_kubeconfig": twin.kubeconfig(name)} for name in ("k8s-oss", "k8s-isovalent")}}}}}))
        yield {"twin": twin, "build": build, "hosts": str(hosts), "base": base}


def play(lab, *args, timeout=240):
    return run_playbook(["-i", LAB_HOSTS, "-i", lab["hosts"], "playbooks/deploy_cluster.yml",
                         "-e", "tenancy_build_dir=%s" % lab["build"]] + list(args), timeout=timeout)


def get(lab, cluster, *what):
    out = lab["twin"].kubectl(cluster, "get", *what, "-o", "json", "--show-managed-fields")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_deploy_is_idempotent_and_check_mode_changes_nothing(lab, tmp_path):
    token = lab["twin"].token()
    proc, out = play(lab, "-v")
    assert proc.returncode == 0, out[-4000:]
    first = recap(out)
    assert first["k8s-oss"]["changed"] > 0 and first["k8s-isovalent"]["changed"] > 0
    ad = get(lab, "k8s-oss", "ciliumbgpadvertisement", "bgp-advertisements")
    assert [m["manager"] for m in ad["metadata"]["managedFields"]] == ["kubevrf.tenancy"]
    assert ad["metadata"]["labels"]["app.kubernetes.io/managed-by"] == "kubevrf.tenancy"
    routes = lab["twin"].lab("cilium", "bgp", "routes", "advertised", "ipv4", "mpls_vpn", "--cluster", "k8s-isovalent")
    assert "10:10:10.23.0.0/24" in routes.stdout and "cafe:cafe:2be:8b71::" in routes.stdout

    proc, out2 = play(lab)
    assert proc.returncode == 0, out2[-4000:]
    assert {h: r["changed"] for h, r in recap(out2).items()} == {"k8s-oss": 0, "k8s-isovalent": 0}

    # a changed community and a tenant pool gone from the build: --check --diff shows both, changes nothing
    build = tmp_path / "build"
    shutil.copytree(lab["build"], build)
    all_yaml = build / "manifests" / "k8s-oss" / "all.yaml"
    docs = [d for d in yaml.safe_load_all(all_yaml.read_text()) if d]
    docs = [d for d in docs if d["metadata"]["name"] != "ip-pool-pod2"]
    for d in docs:
        if d["kind"] == "CiliumBGPAdvertisement":
            d["spec"]["advertisements"][0]["attributes"]["communities"]["standard"] = ["64512:399"]
    all_yaml.write_text(yaml.safe_dump_all(docs))
    before = get(lab, "k8s-oss", "ciliumbgpadvertisement", "bgp-advertisements")
    proc, out3 = play(lab, "--check", "--diff", "-l", "k8s-oss", "-e", "tenancy_build_dir=%s" % build)
    assert proc.returncode == 0, out3[-4000:]
    assert recap(out3)["k8s-oss"]["changed"] == 1 and "64512:399" in out3
    assert "drift on k8s-oss: 1 object(s)" in out3 and "CiliumLoadBalancerIPPool/ip-pool-pod2" in out3
    assert get(lab, "k8s-oss", "ciliumbgpadvertisement", "bgp-advertisements") == before
    assert get(lab, "k8s-oss", "ciliumloadbalancerippool", "ip-pool-pod2")["metadata"]["name"] == "ip-pool-pod2"

    # prune only when asked
    proc, out4 = play(lab, "-l", "k8s-oss", "-e", "tenancy_build_dir=%s" % build, "-e", "tenancy_prune=true")
    assert proc.returncode == 0, out4[-4000:]
    gone = lab["twin"].kubectl("k8s-oss", "get", "ciliumloadbalancerippool", "ip-pool-pod2")
    assert gone.returncode != 0 and "NotFound" in gone.stderr
    for text in (out, out2, out3, out4):
        assert token not in text and "Traceback" not in text


def test_api_errors_stop_the_play_naming_the_object(lab, tmp_path):
    """409, 500, 422 and an API server that never answers, in one run: each object named with its reason."""
    build = tmp_path / "build"
    shutil.copytree(lab["build"], build)
    all_yaml = build / "manifests" / "k8s-oss" / "all.yaml"
    all_yaml.write_text(all_yaml.read_text().replace("advertisementType: Service", "advertisementType: Services"))
    twin = lab["twin"]
    for args in (["--kind", "CiliumBGPClusterConfig", "--action", "409"],
                 ["--kind", "CiliumLoadBalancerIPPool", "--name", "ip-pool-pod1", "--action", "500"],
                 ["--kind", "CiliumBGPPeerConfig", "--action", "hang", "--seconds", "40"]):
        assert twin.lab("fault", "--cluster", "k8s-oss", *args).returncode == 0
    # 15 s per API call: the hung object times out, the others have room on a loaded machine (3 s did not)
    proc, out = play(lab, "-l", "k8s-oss", "-e", "tenancy_build_dir=%s" % build, "-e", "cilium_bgp_api_timeout=15")
    assert proc.returncode != 0
    found = re.findall(r"kubevrf\.tenancy could not apply 4 object\(s\) to cluster k8s-oss: .*", out)
    assert found, out[-5000:]
    msg = found[0]
    assert "CiliumBGPClusterConfig/bgp-cluster-config (cilium.io/v2alpha1): HTTP 409 Conflict" in msg
    assert "CiliumBGPAdvertisement/bgp-advertisements (cilium.io/v2alpha1): HTTP 422 Invalid" in msg
    assert 'bgp-advertisements\\" is invalid' in msg or 'bgp-advertisements" is invalid' in msg
    assert "spec.advertisements[0].advertisementType: Unsupported value" in msg
    assert "CiliumLoadBalancerIPPool/ip-pool-pod1 (cilium.io/v2alpha1): HTTP 500 InternalError" in msg
    assert ("CiliumBGPPeerConfig/bgp-peer-config-multihop-2 (cilium.io/v2alpha1): no answer from the API server "
            "within 15 s (timeout)") in msg
    assert "the cluster is as before the run" in msg  # the objects applied around the failures were undone
    assert twin.token() not in out and "Traceback" not in out
