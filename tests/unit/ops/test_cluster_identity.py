# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab's API twin gives every cluster its own kube-system UID, stable across restarts (the preflight's identity)."""

from lab.kube.store import Store


def kube_system_uid(store):
    return store.get(store.resource("", "v1", "namespaces"), "", "kube-system")["metadata"]["uid"]


def test_each_cluster_has_its_own_stable_kube_system_uid():
    oss, oss_again, iso = Store(uid_scope="k8s-oss"), Store(uid_scope="k8s-oss"), Store(uid_scope="k8s-isovalent")
    assert kube_system_uid(oss) == kube_system_uid(oss_again)
    assert kube_system_uid(oss) != kube_system_uid(iso)
