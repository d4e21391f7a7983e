# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Nothing half-applied on a cluster, and one deploy at a time (playbooks/deploy_cluster.yml on the kube twin).

A 409, a 500 or a timeout on an object in the middle of the apply order: after the run every object of
the kinds the build uses equals its state before the run (objects created before and after the failure
deleted, objects changed before and after it restored), the recap counts the change, the error names the
object, and the cluster lock (Lease kube-system/kubevrf-tenancy-deploy) is released. A Lease held by
another deploy makes the run wait tenancy_lock_wait seconds, then stop naming the holder, applying
nothing; a stale Lease is taken over; check mode neither takes nor writes it.
"""

import datetime
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

CLUSTER = "k8s-oss"
KINDS = ("ciliumbgpclusterconfig", "ciliumbgppeerconfig", "ciliumbgpadvertisement", "ciliumloadbalancerippool")
LEASE = ("lease", "-n", "kube-system", "kubevrf-tenancy-deploy")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A private twin with the lab build applied once (so a later run has objects to change, not only to create)."""
    base = tmp_path_factory.mktemp("atomic")
    build = build_lab(base / "build", "cilium")
    with running_twin(base / "kube") as twin:
        hosts = base / "hosts.yml"
        hosts.write_text(yaml.safe_dump({"all": {"children": {"cilium_clusters": {"hosts": {
            CLUSTER: {"tenancy_kubeconfig": twin.kubeconfig(CLUSTER)}}}}}}))
        lab = {"twin": twin, "build": build, "hosts": str(hosts)}
        proc, out = play(lab)
        assert proc.returncode == 0, out[-4000:]
        yield lab


def play(lab, *args, build=None, timeout=300):
    return run_playbook(["-i", LAB_HOSTS, "-i", lab["hosts"], "playbooks/deploy_cluster.yml", "-l", CLUSTER,
                         "-e", "tenancy_build_dir=%s" % (build or lab["build"])] + list(args), timeout=timeout)


def snapshot(lab):
    """Every object of the kinds the build uses: kind/name -> (labels, annotations, spec)."""
    out = {}
    for kind in KINDS:
        got = lab["twin"].kubectl(CLUSTER, "get", kind, "-o", "json")
        assert got.returncode == 0, got.stderr
        for o in json.loads(got.stdout)["items"]:
            meta = o["metadata"]
            out["%s/%s" % (o["kind"], meta["name"])] = (meta.get("labels"), meta.get("annotations"), o.get("spec"))
    return out


def lease(lab):
    got = lab["twin"].kubectl(CLUSTER, "get", *LEASE, "-o", "json")
    if got.returncode != 0:
        assert "NotFound" in got.stderr, got.stderr
        return None
    return json.loads(got.stdout)


def changed_build(lab, tmp_path, tag):
    """The lab build with, around the middle object ip-pool-pod1: an advertisement changed and one created
    before it, a pool changed and one created after it."""
    build = tmp_path / "build"
    shutil.copytree(lab["build"], build)
    all_yaml = build / "manifests" / CLUSTER / "all.yaml"
    docs = [d for d in yaml.safe_load_all(all_yaml.read_text()) if d]
    names = [d["metadata"]["name"] for d in docs]
    assert names.index("bgp-advertisements") < names.index("ip-pool-pod1") < names.index("ip-pool-pod2"), names
    ad = next(d for d in docs if d["metadata"]["name"] == "bgp-advertisements")
    new_ad = json.loads(json.dumps(ad))
    ad["spec"]["advertisements"][0]["attributes"]["communities"]["standard"] = ["64512:%d" % (370 + tag)]  # the lab has 64512:301
    new_ad["metadata"]["name"] = "bgp-advertisements-extra-%d" % tag
    pool2 = next(d for d in docs if d["metadata"]["name"] == "ip-pool-pod2")
    new_pool = json.loads(json.dumps(pool2))
    pool2["spec"]["blocks"] = pool2["spec"]["blocks"] + [{"cidr": "10.98.%d.0/24" % tag}]
    new_pool["metadata"]["name"] = "ip-pool-extra-%d" % tag
    new_pool["spec"]["blocks"] = [{"cidr": "10.99.%d.0/24" % tag}]
    docs.insert(names.index("ip-pool-pod1"), new_ad)
    docs.append(new_pool)
    all_yaml.write_text(yaml.safe_dump_all(docs))
    return build, new_ad["metadata"]["name"], new_pool["metadata"]["name"]


@pytest.mark.parametrize("action,tag", [("409", 1), ("500", 2), ("hang", 3)])
def test_a_failed_object_undoes_the_run(lab, tmp_path, action, tag):
    build, new_ad, new_pool = changed_build(lab, tmp_path, tag)
    before = snapshot(lab)
    assert "CiliumBGPAdvertisement/" + new_ad not in before and "CiliumLoadBalancerIPPool/" + new_pool not in before
    fault = ["--kind", "CiliumLoadBalancerIPPool", "--name", "ip-pool-pod1", "--action", action]
    if action == "hang":
        fault += ["--seconds", "45"]
    assert lab["twin"].lab("fault", "--cluster", CLUSTER, *fault).returncode == 0
    # the object that hangs gets 15 s; the others have the same budget, wide enough for a loaded machine
    proc, out = play(lab, "-e", "cilium_bgp_api_timeout=15", build=build)
    assert proc.returncode != 0
    msg = re.findall(r"kubevrf\.tenancy could not apply 1 object\(s\) to cluster k8s-oss: .*", out)
    assert msg, out[-5000:]
    reason = {"409": "HTTP 409 Conflict", "500": "HTTP 500 InternalError",
              "hang": "no answer from the API server within 15 s (timeout)"}[action]
    assert "CiliumLoadBalancerIPPool/ip-pool-pod1 (cilium.io/v2alpha1): " + reason in msg[0]
    undone = re.search(r"undone: (\d+) object\(s\) this run created deleted, (\d+) object\(s\) it changed restored to "
                       r"their recorded state; the cluster is as before the run", msg[0])
    assert undone, msg[0]
    # the advertisement and pool created, the advertisement and pool changed (more only if a late write was undone again)
    assert int(undone.group(1)) >= 2 and int(undone.group(2)) >= 2
    assert snapshot(lab) == before
    counts = recap(out)[CLUSTER]
    assert counts["failed"] == 1 and counts["changed"] > 0  # the run changed the cluster, then undid it
    assert lease(lab) is None  # released on failure too
    assert lab["twin"].token() not in out and "Traceback" not in out


def put_lease(lab, holder, renewed_ago, duration):
    when = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=renewed_ago))
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    doc = {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
           "metadata": {"name": LEASE[-1], "namespace": "kube-system"},
           "spec": {"holderIdentity": holder, "leaseDurationSeconds": duration, "acquireTime": stamp,
                    "renewTime": stamp}}
    got = lab["twin"].kubectl(CLUSTER, "apply", "--server-side", "--force-conflicts", "-f", "-",
                              input_text=json.dumps(doc))
    assert got.returncode == 0, got.stderr


def test_a_held_lease_stops_a_second_deploy_and_a_stale_one_is_taken_over(lab, tmp_path):
    build, new_ad, new_pool = changed_build(lab, tmp_path, 4)
    before = snapshot(lab)
    put_lease(lab, "other-run@other-controller", 0, 600)
    held = lease(lab)

    # check mode: the held lease does not matter, and is neither taken nor written
    proc, out = play(lab, "--check", build=build)
    assert proc.returncode == 0, out[-4000:]
    assert lease(lab) == held

    proc, out = play(lab, "-e", "tenancy_lock_wait=6", build=build)
    assert proc.returncode != 0
    assert re.search(r"the cluster lock \(Lease kube-system/kubevrf-tenancy-deploy\) is held by another deploy: "
                     r"'other-run@other-controller' \(since [-0-9T:]+Z, lease duration 600 s\); waited [0-9.]+ s "
                     r"\(tenancy_lock_wait\); nothing was applied", out), out[-4000:]
    waited = float(re.search(r"waited ([0-9.]+) s", out).group(1))
    assert 6 <= waited < 20
    assert snapshot(lab) == before and lease(lab) == held
    assert "Apply the objects with field manager" not in out

    # the same lease, renewed 700 s ago with a 600 s duration: stale, taken over, released at the end
    put_lease(lab, "other-run@other-controller", 700, 600)
    proc, out = play(lab, "-e", "tenancy_lock_wait=6", build=build)
    assert proc.returncode == 0, out[-4000:]
    after = snapshot(lab)
    assert after != before and "CiliumBGPAdvertisement/" + new_ad in after and "CiliumLoadBalancerIPPool/" + new_pool in after
    assert recap(out)[CLUSTER]["changed"] > 0
    assert lease(lab) is None
    assert lab["twin"].token() not in out and "Traceback" not in out
