# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Kubernetes API twin of the embedded lab (see ``lab/kube/README.md``).

An HTTPS API server on 127.0.0.1 that the real clients (kubectl,
kubernetes.core, the kubernetes Python client) talk to, plus "Cilium's view":
what each node's BGP control plane would announce given the objects applied.
It shares no code with the collection's renderers or parsers.
"""
