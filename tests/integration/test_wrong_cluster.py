# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A copied inventory can never deploy one cluster's objects onto another (issue 11 section 2).

The real ansible-playbook runs playbooks/deploy_cluster.yml on a copy of inventories/lab against a private
Kubernetes API twin (lab/kube, free ports), with an ambient kubeconfig (KUBECONFIG, K8S_AUTH_KUBECONFIG)
pointing at the k8s-oss twin, the way a user's shell often is:
- the lab variables removed (the measured case: it used to apply k8s-oss objects onto the ambient cluster);
- both cluster hosts pointed at the same cluster;
- a recorded cluster identity (tenancy_cluster_uid) that does not match.
Each run stops in the preflight with a message naming the host and the problem, and nothing is applied to
either cluster. With the right identities recorded, a check-mode run passes the preflight and prints each
host's context and API server.
"""

import os
import shutil
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from lab.kube.testing import running_twin  # noqa: E402
from playbook_run import PLAYBOOK_BIN, build_lab, run_playbook  # noqa: E402  (tests/support)

CLUSTERS = ("k8s-oss", "k8s-isovalent")
pytestmark = pytest.mark.skipif(not os.path.exists(PLAYBOOK_BIN), reason="ansible-playbook not installed beside python")


def kube_client(kubeconfig, context):
    from kubernetes import client, config
    return client.ApiClient(configuration=_configuration(config, client, kubeconfig, context))


def _configuration(config, client, kubeconfig, context):
    conf = client.Configuration()
    config.load_kube_config(config_file=kubeconfig, context=context, client_configuration=conf)
    return conf


def applied(twin, cluster):
    """Every object of the kinds the build has that the deploy's field manager labelled, on one cluster."""
    from kubernetes import client
    api = client.CustomObjectsApi(kube_client(twin.kubeconfig(cluster), cluster))
    found = []
    for group, plural in (("cilium.io", "ciliumbgpadvertisements"), ("cilium.io", "ciliumbgpclusterconfigs"),
                          ("cilium.io", "ciliumloadbalancerippools")):
        items = api.list_cluster_custom_object(group, "v2alpha1", plural)["items"]
        found += [plural + "/" + o["metadata"]["name"] for o in items]
    return found


def kube_system_uid(twin, cluster):
    from kubernetes import client
    return client.CoreV1Api(kube_client(twin.kubeconfig(cluster), cluster)).read_namespace("kube-system").metadata.uid


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    base = tmp_path_factory.mktemp("wrong-cluster")
    build = build_lab(base / "build", "cilium,isovalent")
    with running_twin(base / "lab" / "kube") as twin:
        yield {"twin": twin, "base": base, "build": build}


def copy_inventory(tmp_path):
    """inventories/lab as a user copies it (symlinks followed)."""
    inv = tmp_path / "inventory"
    shutil.copytree(os.path.join(ROOT, "inventories", "lab"), inv, symlinks=False)
    return inv


def play(lab, inventory, *args):
    ambient = lab["twin"].kubeconfig("k8s-oss")
    env = dict(KUBEVRF_LAB_STATE_DIR=str(lab["base"] / "lab"), KUBECONFIG=ambient, K8S_AUTH_KUBECONFIG=ambient)
    proc, out = run_playbook(["-i", str(inventory), "playbooks/deploy_cluster.yml",
                              "-e", "tenancy_build_dir=%s" % lab["build"]] + list(args), env=env)
    return proc.returncode, out


def assert_nothing_applied(lab):
    for cluster in CLUSTERS:
        assert applied(lab["twin"], cluster) == [], cluster


def test_lab_variables_removed_stops_before_any_api_call(lab, tmp_path):
    inv = copy_inventory(tmp_path)
    (inv / "group_vars" / "all" / "lab.yml").unlink()  # lab_state_dir gone: tenancy_kubeconfig is undefined
    rc, out = play(lab, inv)
    assert rc != 0
    for cluster in CLUSTERS:
        assert ("Cluster host %s: tenancy_kubeconfig (the path of its kubeconfig) not set (or refers to an undefined "
                "variable)" % cluster) in out
    assert "Read the cluster's identity" not in out  # stopped before the first API call
    assert_nothing_applied(lab)
    assert lab["twin"].token() not in out


def test_two_hosts_on_one_cluster_are_refused(lab, tmp_path):
    inv = copy_inventory(tmp_path)
    (inv / "host_vars").mkdir()
    for cluster in CLUSTERS:  # both hosts pointed at k8s-oss, the copy-paste mistake
        (inv / "host_vars" / ("%s.yml" % cluster)).write_text(yaml.safe_dump(
            {"tenancy_kubeconfig": lab["twin"].kubeconfig("k8s-oss"), "tenancy_kube_context": "k8s-oss"}))
    rc, out = play(lab, inv)
    assert rc != 0
    server = lab["twin"].state["clusters"]["k8s-oss"]["server"].rstrip("/")
    assert ("Cluster hosts k8s-isovalent and k8s-oss reach the same API server %s (contexts: k8s-oss, k8s-oss): one "
            "cluster's objects would land on the other." % server) in out
    assert out.count("preflight k8s-oss: context k8s-oss, API server %s" % server) == 1
    assert out.count("preflight k8s-isovalent: context k8s-oss, API server %s" % server) == 1
    assert_nothing_applied(lab)


def test_recorded_identity_mismatch_is_refused_and_match_passes(lab, tmp_path):
    uids = {cluster: kube_system_uid(lab["twin"], cluster) for cluster in CLUSTERS}
    assert uids["k8s-oss"] != uids["k8s-isovalent"]
    inv = copy_inventory(tmp_path)
    (inv / "host_vars").mkdir()
    # k8s-oss pinned to the isovalent cluster's identity: its kubeconfig leads elsewhere
    (inv / "host_vars" / "k8s-oss.yml").write_text(yaml.safe_dump({"tenancy_cluster_uid": uids["k8s-isovalent"]}))
    rc, out = play(lab, inv, "-l", "k8s-oss")
    assert rc != 0
    assert ("Cluster host k8s-oss: wrong cluster. %s (context k8s-oss) has kube-system UID %s, the inventory records "
            "tenancy_cluster_uid %s." % (lab["twin"].state["clusters"]["k8s-oss"]["server"].rstrip("/"), uids["k8s-oss"],
                                         uids["k8s-isovalent"])) in out
    assert_nothing_applied(lab)

    for cluster in CLUSTERS:
        (inv / "host_vars" / ("%s.yml" % cluster)).write_text(yaml.safe_dump({"tenancy_cluster_uid": uids[cluster]}))
    rc, out = play(lab, inv, "--check")
    assert rc == 0, out[-4000:]
    for cluster in CLUSTERS:
        assert "preflight %s: kube-system UID %s (matches tenancy_cluster_uid)" % (cluster, uids[cluster]) in out
    assert_nothing_applied(lab)  # check mode
