# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""API errors as ``Status`` objects, worded like kube-apiserver's."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from .schema import Cause


class ApiError(Exception):
    def __init__(self, code: int, reason: str, message: str, details: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(message)
        self.code, self.reason, self.message, self.details = code, reason, message, details

    def status(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                               "message": self.message, "reason": self.reason, "code": self.code}
        if self.details:
            out["details"] = self.details
        return out

    @staticmethod
    def _details(name: str, group: str, kind: str, causes: Sequence[Cause] = ()) -> Dict[str, Any]:
        out: Dict[str, Any] = {"name": name, "group": group, "kind": kind}
        if not group:
            del out["group"]
        if causes:
            out["causes"] = [c.as_dict() for c in causes]
        return out

    @classmethod
    def not_found(cls, group_resource: str, name: str, group: str = "", plural: str = "") -> "ApiError":
        return cls(404, "NotFound", '%s "%s" not found' % (group_resource, name),
                   cls._details(name, group, plural or group_resource.split(".")[0]))

    @classmethod
    def no_route(cls) -> "ApiError":
        return cls(404, "NotFound", "the server could not find the requested resource",
                   {"causes": [{"reason": "UnexpectedServerResponse", "message": "404 page not found"}]})

    @classmethod
    def already_exists(cls, group_resource: str, name: str, group: str, plural: str) -> "ApiError":
        return cls(409, "AlreadyExists", '%s "%s" already exists' % (group_resource, name),
                   cls._details(name, group, plural))

    @classmethod
    def conflict(cls, group_resource: str, name: str, group: str, plural: str, why: str) -> "ApiError":
        return cls(409, "Conflict", 'Operation cannot be fulfilled on %s "%s": %s' % (group_resource, name, why),
                   cls._details(name, group, plural))

    @classmethod
    def invalid(cls, kind: str, group: str, name: str, causes: List[Cause]) -> "ApiError":
        texts = [c.text() for c in causes]
        what = texts[0] if len(texts) == 1 else "[%s]" % ", ".join(texts)
        qualified = "%s.%s" % (kind, group) if group else kind
        return cls(422, "Invalid", '%s "%s" is invalid: %s' % (qualified, name, what),
                   cls._details(name, group, kind, causes))

    @classmethod
    def bad_request(cls, message: str) -> "ApiError":
        return cls(400, "BadRequest", message)

    @classmethod
    def internal(cls, message: str) -> "ApiError":
        return cls(500, "InternalError", "Internal error occurred: %s" % message,
                   {"causes": [{"message": message}]})
