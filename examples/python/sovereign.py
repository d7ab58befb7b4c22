"""A thin ctypes binding to libsovereign (standard library only).

It covers what a script needs to check deployments: load the catalog, load
policy sets, load deployments from files or from memory, evaluate them on a
date and read the findings. The C API is documented in docs/api.md and
include/sovereign.h; this module follows it closely.

Finding the library: the SOVEREIGN_LIB environment variable (a path to
libsovereign.so), else a build directory next to the source tree
(build/libsovereign.so), else the system's library path.

Lifetimes follow the C API and are kept for you: a Policy and a Deployment
hold a reference to their Catalog, and a Result holds references to its
Deployment and Policies, so Python frees them in a safe order. Call close()
(or use ``with``) to free one early; a closed object cannot be used again.

Thread safety follows the C API too: a Catalog and a Policy may be shared
by threads; a Deployment and a Result are used by one thread at a time.

Errors: every failing call raises SovereignError, which carries the
status code (``status``) and the diagnostics (``diags``, a list of Diag).

    >>> import sovereign
    >>> with sovereign.Catalog() as cat:
    ...     pol = cat.load_policy("policies/regimes/eu-gdpr-transfers.xml")
    ...     dep = cat.load_deployment(
    ...         "examples/deployments/replica-violation.xml")
    ...     res = sovereign.evaluate([pol], dep, as_of="2026-11-28")
    ...     print(res.decision)
    ...     for f in res.findings():
    ...         print(f["rule"], f["verdict"], f["offending"])
"""

import ctypes
import ctypes.util
import os
from collections import namedtuple

__all__ = [
    "Catalog", "Policy", "Deployment", "Waivers", "Baseline", "Result",
    "Diag", "SovereignError", "evaluate", "load_library", "version",
    "FIELDS", "VERDICTS", "DECISIONS", "FAIL_ON", "WAIVER_FIELDS",
]

# Status codes (SOV_OK ... SOV_EUSAGE).
OK, ERROR, ENOMEM, EINPUT, EIO, ELIMIT, EUSAGE = 0, -1, -2, -3, -4, -5, -6

# sov_verdict and sov_decision, by value.
VERDICTS = ("compliant", "violation", "not-applicable", "indeterminate",
            "excepted", "waived")
DECISIONS = ("compliant", "non-compliant", "indeterminate")

# sov_field, in enum order (SOV_F_POLICY = 0 ...). The dict key of each
# field in a finding is its name without the SOV_F_ prefix, in lower case.
FIELDS = ("policy", "rule", "title", "severity", "verdict", "component",
          "data", "facet", "offending", "explanation", "against", "missing",
          "exception", "waiver", "instrument", "article", "url",
          "remediation", "rule_file", "component_file", "fix",
          "alternatives")
_F = {name: i for i, name in enumerate(FIELDS)}

_SEVERITIES = ("error", "warning", "note")

_OPTIONS_VERSION = 1
_CHECK_OPTIONS_VERSION = 2
_MAJOR = 0  # the SOV_VERSION_MAJOR this binding was written for


class _Diag(ctypes.Structure):
    _fields_ = [("severity", ctypes.c_int),
                ("file", ctypes.c_char_p),
                ("line", ctypes.c_uint),
                ("column", ctypes.c_uint),
                ("message", ctypes.c_char_p),
                ("expected", ctypes.c_char_p)]


class _Options(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint),
                ("max_input_size", ctypes.c_size_t),
                ("no_builtin_catalog", ctypes.c_int),
                ("allocator", ctypes.c_void_p)]


class _CheckOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint),
                ("as_of", ctypes.c_char_p),
                ("ignore_waivers", ctypes.c_int),
                ("allocator", ctypes.c_void_p),
                ("suggest", ctypes.c_int),
                ("verdicts_only", ctypes.c_int),
                # version 2
                ("waivers", ctypes.c_void_p),
                ("fail_on", ctypes.c_int),
                ("baseline", ctypes.c_void_p)]


FAIL_ON = ("error", "warning", "info")
WAIVER_FIELDS = ("status", "rule", "policy", "deployment", "component",
                 "data", "expires", "reason", "reference", "approver",
                 "file")


Diag = namedtuple("Diag", "severity file line column message expected")
Diag.__doc__ = """One diagnostic: severity is "error", "warning" or
"note"; line and column are 1-based, 0 when not known; expected may be
None."""


def _diag_str(d):
    s = "%s:%d:%d: %s: %s" % (d.file, d.line, d.column, d.severity,
                              d.message)
    if d.expected:
        s += "\n  expected: %s" % d.expected
    return s


class SovereignError(Exception):
    """A call failed. ``status`` is the C status code, ``diags`` the
    diagnostics collected during the call (possibly empty)."""

    def __init__(self, status, what, diags=()):
        self.status = status
        self.diags = list(diags)
        msg = "%s: %s" % (what, _status_str(status))
        if self.diags:
            msg += "\n" + "\n".join(_diag_str(d) for d in self.diags)
        super().__init__(msg)


_lib = None


def _candidates():
    env = os.environ.get("SOVEREIGN_LIB")
    if env:
        return [env]
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    out = [os.path.join(root, "build", "libsovereign.so")]
    found = ctypes.util.find_library("sovereign")
    if found:
        out.append(found)
    out.append("libsovereign.so.%d" % _MAJOR)
    return out


def _declare(lib):
    c = ctypes
    P = c.c_void_p
    sigs = {
        "sov_version": (c.c_char_p, []),
        "sov_version_number": (c.c_int, []),
        "sov_status_str": (c.c_char_p, [c.c_int]),
        "sov_diags_new": (c.c_int, [c.POINTER(P)]),
        "sov_diags_count": (c.c_size_t, [P]),
        "sov_diags_get": (c.POINTER(_Diag), [P, c.c_size_t]),
        "sov_diags_free": (None, [P]),
        "sov_catalog_load": (c.c_int, [c.POINTER(P),
                                       c.POINTER(c.c_char_p), c.c_size_t,
                                       c.POINTER(_Options), P]),
        "sov_catalog_free": (None, [P]),
        "sov_policy_load_file": (c.c_int, [c.POINTER(P), P, c.c_char_p,
                                           c.POINTER(_Options), P]),
        "sov_policy_load_memory": (c.c_int, [c.POINTER(P), P, c.c_char_p,
                                             c.c_char_p, c.c_size_t,
                                             c.POINTER(_Options), P]),
        "sov_policy_id": (c.c_char_p, [P]),
        "sov_policy_rule_count": (c.c_size_t, [P]),
        "sov_policy_free": (None, [P]),
        "sov_deployment_load_file": (c.c_int, [c.POINTER(P), P,
                                               c.c_char_p,
                                               c.POINTER(_Options), P]),
        "sov_deployment_load_memory": (c.c_int, [c.POINTER(P), P,
                                                 c.c_char_p, c.c_char_p,
                                                 c.c_size_t,
                                                 c.POINTER(_Options), P]),
        "sov_deployment_id": (c.c_char_p, [P]),
        "sov_deployment_free": (None, [P]),
        "sov_evaluate": (c.c_int, [c.POINTER(P), c.POINTER(P), c.c_size_t,
                                   P, c.POINTER(_CheckOptions), P]),
        "sov_result_decision": (c.c_int, [P]),
        "sov_result_count": (c.c_size_t, [P]),
        "sov_result_verdict_count": (c.c_size_t, [P, c.c_int]),
        "sov_result_free": (None, [P]),
        "sov_result_baselined": (c.c_size_t, [P]),
        "sov_result_waiver_count": (c.c_size_t, [P]),
        "sov_result_waiver_str": (c.c_char_p, [P, c.c_size_t, c.c_int]),
        "sov_result_waiver_int": (c.c_long, [P, c.c_size_t, c.c_int]),
        "sov_waivers_load_file": (c.c_int, [c.POINTER(P), P, c.c_char_p,
                                            c.POINTER(_Options), P]),
        "sov_waivers_load_memory": (c.c_int, [c.POINTER(P), P, c.c_char_p,
                                              c.c_char_p, c.c_size_t,
                                              c.POINTER(_Options), P]),
        "sov_waivers_count": (c.c_size_t, [P]),
        "sov_waivers_free": (None, [P]),
        "sov_baseline_load_file": (c.c_int, [c.POINTER(P), c.c_char_p,
                                             c.POINTER(_Options), P]),
        "sov_baseline_load_memory": (c.c_int, [c.POINTER(P), c.c_char_p,
                                               c.c_char_p, c.c_size_t,
                                               c.POINTER(_Options), P]),
        "sov_baseline_count": (c.c_size_t, [P]),
        "sov_baseline_free": (None, [P]),
        "sov_finding_str": (c.c_char_p, [P, c.c_size_t, c.c_int]),
        "sov_finding_int": (c.c_long, [P, c.c_size_t, c.c_int]),
        "sov_report_render": (c.c_int, [c.POINTER(P),
                                        c.POINTER(c.c_size_t), P, c.c_int,
                                        P]),
        "sov_buffer_free": (None, [P, P]),
    }
    for name, (res, args) in sigs.items():
        fn = getattr(lib, name)
        fn.restype = res
        fn.argtypes = args


def load_library(path=None):
    """Loads libsovereign (once) and returns the ctypes handle. ``path``
    overrides the search described in the module documentation."""
    global _lib
    if _lib is not None and path is None:
        return _lib
    errors = []
    for cand in ([path] if path else _candidates()):
        if os.sep in cand and not os.path.exists(cand):
            errors.append("%s: not found" % cand)
            continue
        try:
            lib = ctypes.CDLL(cand)
        except OSError as e:
            errors.append(str(e))
            continue
        _declare(lib)
        if lib.sov_version_number() // 10000 != _MAJOR:
            raise ImportError("%s is sovereign %s; this binding needs "
                              "%d.x" % (cand, lib.sov_version().decode(),
                                        _MAJOR))
        _lib = lib
        return lib
    raise OSError("libsovereign not found (set SOVEREIGN_LIB): " +
                  "; ".join(errors))


def _L():
    return _lib if _lib is not None else load_library()


def _status_str(status):
    try:
        return _L().sov_status_str(status).decode()
    except OSError:
        return "status %d" % status


def _s(b):
    return None if b is None else b.decode("utf-8")


def _b(s):
    if s is None:
        return None
    return s if isinstance(s, bytes) else os.fsencode(s)


def version():
    """The library's version string, e.g. "0.1.0"."""
    return _L().sov_version().decode()


class _Diags:
    """A sov_diags list for the length of one call."""

    def __enter__(self):
        self.ptr = ctypes.c_void_p()
        rc = _L().sov_diags_new(ctypes.byref(self.ptr))
        if rc != OK:
            raise SovereignError(rc, "sov_diags_new")
        return self

    def __exit__(self, *exc):
        _L().sov_diags_free(self.ptr)
        self.ptr = None

    def items(self):
        lib = _L()
        out = []
        for i in range(lib.sov_diags_count(self.ptr)):
            d = lib.sov_diags_get(self.ptr, i).contents
            out.append(Diag(_SEVERITIES[d.severity]
                            if 0 <= d.severity < 3 else str(d.severity),
                            _s(d.file), d.line, d.column, _s(d.message),
                            _s(d.expected)))
        return out


def _options(max_input_size=0, no_builtin_catalog=False):
    return _Options(_OPTIONS_VERSION, max_input_size,
                    1 if no_builtin_catalog else 0, None)


class _Handle:
    """Owns one C handle, freed by close() or by the garbage collector."""

    _free = None
    _ptr = None

    def __init__(self, ptr):
        self._ptr = ptr

    @property
    def ptr(self):
        if self._ptr is None:
            raise ValueError("%s is closed" % type(self).__name__)
        return self._ptr

    def close(self):
        if self._ptr is not None and _lib is not None:
            getattr(_lib, self._free)(self._ptr)
        self._ptr = None

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Catalog(_Handle):
    """The catalog: the built-in files (unless no_builtin_catalog) and
    then ``paths``. Immutable; may be shared by threads."""

    _free = "sov_catalog_free"

    def __init__(self, paths=(), no_builtin_catalog=False,
                 max_input_size=0):
        lib = _L()
        paths = [_b(p) for p in paths]
        arr = (ctypes.c_char_p * max(len(paths), 1))(*paths)
        opts = _options(max_input_size, no_builtin_catalog)
        ptr = ctypes.c_void_p()
        with _Diags() as d:
            rc = lib.sov_catalog_load(ctypes.byref(ptr), arr, len(paths),
                                      ctypes.byref(opts), d.ptr)
            if rc != OK:
                raise SovereignError(rc, "catalog", d.items())
        super().__init__(ptr)
        self._max = max_input_size

    def load_policy(self, path=None, data=None, name=None):
        """A compiled Policy, from the file ``path`` or from ``data``
        (str or bytes) named ``name`` in diagnostics."""
        return Policy(self, path=path, data=data, name=name)

    def load_deployment(self, path=None, data=None, name=None):
        """A Deployment, from the file ``path`` or from ``data`` (str or
        bytes) named ``name`` in diagnostics and reports."""
        return Deployment(self, path=path, data=data, name=name)

    def load_waivers(self, path=None, data=None, name=None):
        """A waiver file (root <waivers>), from ``path`` or ``data``."""
        return Waivers(self, path=path, data=data, name=name)


def _load(catalog, kind, path, data, name):
    lib = _L()
    opts = _options(catalog._max)
    ptr = ctypes.c_void_p()
    with _Diags() as d:
        if data is not None:
            if isinstance(data, str):
                data = data.encode("utf-8")
            fn = getattr(lib, "sov_%s_load_memory" % kind)
            rc = fn(ctypes.byref(ptr), catalog.ptr,
                    _b(name or "<memory>"), data, len(data),
                    ctypes.byref(opts), d.ptr)
            what = name or "<memory>"
        elif path is not None:
            fn = getattr(lib, "sov_%s_load_file" % kind)
            rc = fn(ctypes.byref(ptr), catalog.ptr, _b(path),
                    ctypes.byref(opts), d.ptr)
            what = str(path)
        else:
            raise TypeError("give path or data")
        if rc != OK:
            raise SovereignError(rc, what, d.items())
    return ptr


class Policy(_Handle):
    """A compiled policy set. Immutable; may be shared by threads. Keeps
    its catalog alive."""

    _free = "sov_policy_free"

    def __init__(self, catalog, path=None, data=None, name=None):
        super().__init__(_load(catalog, "policy", path, data, name))
        self.catalog = catalog

    @property
    def id(self):
        return _s(_L().sov_policy_id(self.ptr))

    @property
    def rule_count(self):
        return _L().sov_policy_rule_count(self.ptr)


class Deployment(_Handle):
    """A loaded deployment. One thread at a time. Keeps its catalog
    alive."""

    _free = "sov_deployment_free"

    def __init__(self, catalog, path=None, data=None, name=None):
        super().__init__(_load(catalog, "deployment", path, data, name))
        self.catalog = catalog

    @property
    def id(self):
        return _s(_L().sov_deployment_id(self.ptr))


class Waivers(_Handle):
    """A waiver file, kept apart from the deployments it covers.
    Immutable; may be shared by threads. Keeps its catalog alive."""

    _free = "sov_waivers_free"

    def __init__(self, catalog, path=None, data=None, name=None):
        super().__init__(_load(catalog, "waivers", path, data, name))
        self.catalog = catalog

    def __len__(self):
        return _L().sov_waivers_count(self.ptr)


class Baseline(_Handle):
    """The failing findings of an earlier JSON report (one report or an
    array), from the file ``path`` or from ``data``. Immutable."""

    _free = "sov_baseline_free"

    def __init__(self, path=None, data=None, name=None,
                 max_input_size=0):
        lib = _L()
        opts = _options(max_input_size)
        ptr = ctypes.c_void_p()
        with _Diags() as d:
            if data is not None:
                if isinstance(data, str):
                    data = data.encode("utf-8")
                rc = lib.sov_baseline_load_memory(
                    ctypes.byref(ptr), _b(name or "<memory>"), data,
                    len(data), ctypes.byref(opts), d.ptr)
            elif path is not None:
                rc = lib.sov_baseline_load_file(ctypes.byref(ptr),
                                                _b(path),
                                                ctypes.byref(opts), d.ptr)
            else:
                raise TypeError("give path or data")
            if rc != OK:
                raise SovereignError(rc, str(path or name or "<memory>"),
                                     d.items())
        super().__init__(ptr)

    def __len__(self):
        return _L().sov_baseline_count(self.ptr)


class Result(_Handle):
    """The outcome of evaluate(). Keeps its deployment and policies
    alive; one thread at a time."""

    _free = "sov_result_free"

    def __init__(self, ptr, policies, deployment, waivers=None):
        super().__init__(ptr)
        self.policies = list(policies)
        self.deployment = deployment
        self.waivers_file = waivers  # the result borrows its waivers

    @property
    def baselined(self):
        """Failing findings left out because the baseline had them."""
        return _L().sov_result_baselined(self.ptr)

    def waivers(self):
        """The waivers that could apply, each a dict keyed by
        WAIVER_FIELDS plus line and uses; status is "applied", "unused"
        or "expired"."""
        lib = _L()
        out = []
        for i in range(lib.sov_result_waiver_count(self.ptr)):
            w = {name: _s(lib.sov_result_waiver_str(self.ptr, i, code))
                 for code, name in enumerate(WAIVER_FIELDS)}
            w["line"] = lib.sov_result_waiver_int(self.ptr, i, 10)
            w["uses"] = lib.sov_result_waiver_int(self.ptr, i, 11)
            out.append(w)
        return out

    @property
    def decision(self):
        """ "compliant", "non-compliant" or "indeterminate"."""
        return DECISIONS[_L().sov_result_decision(self.ptr)]

    def counts(self):
        """{verdict: number of (rule, subject) pairs}, for all six
        verdicts, not-applicable included."""
        lib = _L()
        return {v: lib.sov_result_verdict_count(self.ptr, i)
                for i, v in enumerate(VERDICTS)}

    def __len__(self):
        return _L().sov_result_count(self.ptr)

    def finding(self, i):
        """Finding i as a dict keyed by FIELDS: strings, or None where
        the C API returns NULL. Also rule_line and component_line
        (integers, 0 when not known) and verdict_code (the sov_verdict
        value). offending and alternatives are space-separated codes, as
        in C."""
        lib = _L()
        if not 0 <= i < len(self):
            raise IndexError(i)
        f = {name: _s(lib.sov_finding_str(self.ptr, i, code))
             for name, code in _F.items()}
        f["verdict_code"] = lib.sov_finding_int(self.ptr, i,
                                                _F["verdict"])
        f["rule_line"] = lib.sov_finding_int(self.ptr, i, _F["rule_file"])
        f["component_line"] = lib.sov_finding_int(self.ptr, i,
                                                  _F["component_file"])
        return f

    def findings(self):
        """Iterates over the findings, in report order."""
        for i in range(len(self)):
            yield self.finding(i)

    def render(self, fmt="json"):
        """The report as a str: fmt is "text", "json", "sarif", "junit",
        "markdown", "ndjson" or "dot"."""
        formats = ("text", "json", "sarif", "junit", "markdown", "ndjson",
                   "dot")
        lib = _L()
        buf = ctypes.c_void_p()
        size = ctypes.c_size_t()
        rc = lib.sov_report_render(ctypes.byref(buf), ctypes.byref(size),
                                   self.ptr, formats.index(fmt), None)
        if rc != OK:
            raise SovereignError(rc, "report")
        try:
            return ctypes.string_at(buf, size.value).decode("utf-8")
        finally:
            lib.sov_buffer_free(self.ptr, buf)


def evaluate(policies, deployment, as_of, ignore_waivers=False,
             suggest=False, waivers=None, fail_on="error", baseline=None):
    """Evaluates ``deployment`` against ``policies`` (a Policy or a list
    of them, all loaded with the deployment's catalog) as of ``as_of``
    ("YYYY-MM-DD"; required: the library never reads the clock).
    ``waivers`` is a Waivers file, ``baseline`` a Baseline; ``fail_on``
    is "error", "warning" or "info": the rules whose findings decide."""
    if isinstance(policies, Policy):
        policies = [policies]
    policies = list(policies)
    lib = _L()
    arr = (ctypes.c_void_p * max(len(policies), 1))(
        *[p.ptr for p in policies])
    opts = _CheckOptions(_CHECK_OPTIONS_VERSION, _b(as_of),
                         1 if ignore_waivers else 0, None,
                         1 if suggest else 0, 0,
                         waivers.ptr if waivers is not None else None,
                         FAIL_ON.index(fail_on),
                         baseline.ptr if baseline is not None else None)
    ptr = ctypes.c_void_p()
    with _Diags() as d:
        rc = lib.sov_evaluate(ctypes.byref(ptr), arr, len(policies),
                              deployment.ptr, ctypes.byref(opts), d.ptr)
        if rc != OK:
            raise SovereignError(rc, "evaluate", d.items())
    return Result(ptr, policies, deployment, waivers)
