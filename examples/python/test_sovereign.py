#!/usr/bin/env python3
"""Checks the ctypes binding against the CLI: for the same inputs, the
findings read through sovereign.py equal those of `sovereign check -f
json`, field by field.

Environment: SOVEREIGN_LIB (the library; default build/libsovereign.so)
and SOVEREIGN_CLI (the CLI; default build/sovereign, else `sovereign` on
PATH). Runs from the source tree, whatever the current directory.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import sovereign  # noqa: E402

DATES = ("2026-11-28", "2025-06-01")
STABLE = ("eu-gdpr-transfers", "uk-gdpr-transfers", "ch-fadp-transfers")


def cli_path():
    env = os.environ.get("SOVEREIGN_CLI")
    if env:
        return env
    built = os.path.join(ROOT, "build", "sovereign")
    return built if os.path.exists(built) else shutil.which("sovereign")


def regime(name):
    return "policies/regimes/%s.xml" % name


def run_cli(policies, deployment, as_of, *extra):
    """The CLI's report as parsed JSON, or None when it exits 3 or 4."""
    cmd = [cli_path(), "check", "--as-of", as_of, "-f", "json"]
    for p in policies:
        cmd += ["-p", p]
    cmd += list(extra) + [deployment]
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    if proc.returncode in (3, 4):
        return None
    if proc.returncode not in (0, 1, 2):
        raise AssertionError("%s exited %d: %s" % (
            " ".join(cmd), proc.returncode, proc.stderr.decode()))
    return json.loads(proc.stdout.decode("utf-8"))


def codes(s):
    return s.split() if s else []


class Binding(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        os.chdir(ROOT)
        if not cli_path():
            raise unittest.SkipTest("sovereign CLI not found")
        sovereign.load_library()
        cls.catalog = sovereign.Catalog()
        cls.policies = {}

    @classmethod
    def tearDownClass(cls):
        cls.policies.clear()
        cls.catalog.close()

    def policy(self, path):
        if path not in self.policies:
            self.policies[path] = self.catalog.load_policy(path)
        return self.policies[path]

    # -- comparison ---------------------------------------------------

    def assert_same(self, report, result, where):
        self.assertEqual(report["decision"], result.decision, where)
        self.assertEqual(report["counts"], result.counts(), where)
        self.assertEqual(len(report["findings"]), len(result), where)
        for i, (j, f) in enumerate(zip(report["findings"],
                                       result.findings())):
            w = "%s, finding %d (%s)" % (where, i, j["rule"])
            cite = j["citations"][0]
            pairs = [
                ("policy", j["policy"], f["policy"]),
                ("rule", j["rule"], f["rule"]),
                ("title", j["title"], f["title"]),
                ("severity", j["severity"], f["severity"]),
                ("verdict", j["verdict"], f["verdict"]),
                ("verdict code", sovereign.VERDICTS.index(j["verdict"]),
                 f["verdict_code"]),
                ("component", j["component"], f["component"]),
                ("data class", j["data_class"], f["data"]),
                ("facet", j["facet"], f["facet"]),
                ("jurisdictions",
                 [x["jurisdiction"] for x in j["jurisdictions"]],
                 codes(f["offending"])),
                ("against", j["against"], f["against"]),
                ("explanation", j["explanation"], f["explanation"]),
                ("missing", j["missing"], f["missing"]),
                ("exception", j["exception"], f["exception"]),
                ("waiver", j["waiver"], f["waiver"]),
                ("instrument", cite["instrument"], f["instrument"]),
                ("article", cite["article"], f["article"]),
                ("url", cite["url"], f["url"]),
                ("remediation", j["remediation"], f["remediation"]),
                ("rule file", j["rule_location"]["file"], f["rule_file"]),
                ("rule line", j["rule_location"]["line"], f["rule_line"]),
                ("component file", j["component_location"]["file"],
                 f["component_file"]),
                ("component line", j["component_location"]["line"],
                 f["component_line"]),
            ]
            if "fix" in j:
                pairs.append(("fix", j["fix"], f["fix"]))
            if "alternatives" in j:
                pairs.append(("alternatives",
                              [a["region"] for a in j["alternatives"]],
                              codes(f["alternatives"])))
            for name, want, got in pairs:
                self.assertEqual(want, got, "%s: %s" % (w, name))

    def check(self, policy_paths, deployment, as_of, memory=True,
              ignore_waivers=False, suggest=False, waivers=None,
              baseline=None, fail_on="error"):
        extra = ["--fail-on", fail_on]
        if ignore_waivers:
            extra.append("--no-waivers")
        if suggest:
            extra.append("--suggest")
        if waivers:
            extra += ["--waivers", waivers]
        if baseline:
            extra += ["--baseline", baseline]
        where = "%s with %s as of %s%s" % (deployment,
                                           " ".join(policy_paths), as_of,
                                           " ".join([""] + extra))
        report = run_cli(policy_paths, deployment, as_of, *extra)
        try:
            pols = [self.policy(p) for p in policy_paths]
            if memory:
                # Named as the CLI names it, so locations compare equal.
                with open(deployment, "rb") as fp:
                    dep = self.catalog.load_deployment(
                        data=fp.read(), name=deployment)
            else:
                dep = self.catalog.load_deployment(deployment)
        except sovereign.SovereignError as e:
            self.assertIsNone(report, "%s: the CLI accepted it but the "
                              "binding raised %s" % (where, e))
            return 0
        self.assertIsNotNone(report, "%s: the CLI refused it" % where)
        wf = self.catalog.load_waivers(waivers) if waivers else None
        bl = sovereign.Baseline(baseline) if baseline else None
        with sovereign.evaluate(pols, dep, as_of,
                                ignore_waivers=ignore_waivers,
                                suggest=suggest, waivers=wf,
                                baseline=bl, fail_on=fail_on) as result:
            self.assert_same(report, result, where)
            self.assertEqual(report["baselined"], result.baselined, where)
            self.assertEqual([w["status"] for w in report["waivers"]],
                             [w["status"] for w in result.waivers()],
                             where)
            if not suggest:
                # The library's own JSON report is the CLI's.
                self.assertEqual(report, json.loads(result.render("json")),
                                 where)
            n = len(result)
        dep.close()
        return n

    # -- cases --------------------------------------------------------

    def test_examples_against_every_regime(self):
        """Each example deployment against each shipped regime, on two
        dates, loaded from memory."""
        deployments = sorted(glob.glob("examples/deployments/*.xml"))
        regimes = sorted(glob.glob("policies/regimes/*.xml"))
        self.assertTrue(deployments and regimes)
        total = 0
        for d in deployments:
            for r in regimes:
                for as_of in DATES:
                    with self.subTest(deployment=d, regime=r, as_of=as_of):
                        total += self.check([r], d, as_of)
        self.assertGreater(total, 0)

    def test_several_policies_at_once(self):
        pols = [regime(r) for r in STABLE]
        for d in sorted(glob.glob("examples/deployments/*.xml")):
            with self.subTest(deployment=d):
                self.assertGreater(self.check(pols, d, DATES[0]), 0)

    def test_file_and_memory_agree(self):
        d = "examples/deployments/replica-violation.xml"
        self.assertGreater(self.check([regime(STABLE[0])], d, DATES[0],
                                      memory=False), 0)

    def test_waivers(self):
        d = "tests/golden/waivers/deployment.xml"
        p = "tests/golden/waivers/policy.xml"
        if not os.path.exists(d):
            self.skipTest("no waiver example")
        self.check([p], d, DATES[0])
        self.check([p], d, DATES[0], ignore_waivers=True)

    def test_waiver_file_baseline_and_fail_on(self):
        d = "examples/deployments/replica-violation.xml"
        p = [regime(STABLE[0])]
        w = "examples/waivers/retail-brazil.xml"
        self.check(p, d, DATES[0], waivers=w)
        self.check(p, d, DATES[0], waivers=w, fail_on="warning")
        self.check(p, d, DATES[0], waivers=w, ignore_waivers=True)
        self.check(p, d, DATES[0],
                   baseline="tests/golden/baseline/known.json")
        wf = self.catalog.load_waivers(w)
        dep = self.catalog.load_deployment(d)
        with sovereign.evaluate([self.policy(p[0])], dep, DATES[0],
                                waivers=wf) as res:
            self.assertEqual(len(wf), 3)
            self.assertEqual([x["status"] for x in res.waivers()],
                             ["expired", "applied", "unused"])
            self.assertEqual(res.waivers()[1]["uses"], 1)
            self.assertEqual(res.decision, "compliant")
        dep.close()

    def test_suggest(self):
        d = "examples/deployments/replica-violation.xml"
        self.check([regime(STABLE[0])], d, DATES[0], suggest=True)

    # -- errors and lifetimes -----------------------------------------

    def test_invalid_deployment_raises_with_diagnostics(self):
        xml = ('<deployment xmlns="urn:sovereign:deployment:1" id="x">\n'
               '  <data-class id="personal"/>\n'
               '  <component id="db" kind="database" provider="azure"\n'
               '             region="europe-west3"/>\n'
               '</deployment>\n')
        with self.assertRaises(sovereign.SovereignError) as cm:
            self.catalog.load_deployment(data=xml, name="bad.xml")
        e = cm.exception
        self.assertEqual(e.status, sovereign.EINPUT)
        self.assertTrue(e.diags)
        d = e.diags[0]
        self.assertEqual((d.severity, d.file), ("error", "bad.xml"))
        self.assertGreater(d.line, 0)
        self.assertIn("europe-west3", d.message)
        self.assertIn("bad.xml:", str(e))

    def test_malformed_policy_from_memory(self):
        with self.assertRaises(sovereign.SovereignError) as cm:
            self.catalog.load_policy(data="<policy-set", name="p.xml")
        self.assertEqual(cm.exception.status, sovereign.EINPUT)
        self.assertTrue(cm.exception.diags)

    def test_missing_file(self):
        with self.assertRaises(sovereign.SovereignError) as cm:
            self.catalog.load_deployment("no/such/file.xml")
        self.assertEqual(cm.exception.status, sovereign.EIO)

    def test_bad_date(self):
        dep = self.catalog.load_deployment(
            "examples/deployments/compliant.xml")
        with self.assertRaises(sovereign.SovereignError) as cm:
            sovereign.evaluate(self.policy(regime(STABLE[0])), dep,
                               "28/11/2026")
        self.assertEqual(cm.exception.status, sovereign.EUSAGE)
        self.assertIn("28/11/2026", cm.exception.diags[0].message)

    def test_result_outlives_python_references(self):
        """The result keeps its deployment and policies alive."""
        cat = sovereign.Catalog()
        pol = cat.load_policy(regime(STABLE[0]))
        dep = cat.load_deployment("examples/deployments/compliant.xml")
        res = sovereign.evaluate([pol], dep, DATES[0])
        del pol, dep, cat
        self.assertEqual(res.decision, "compliant")
        self.assertTrue(all(f["rule"] for f in res.findings()))
        res.close()
        with self.assertRaises(ValueError):
            len(res)

    def test_version(self):
        out = subprocess.run([cli_path(), "--version"],
                             stdout=subprocess.PIPE).stdout.decode()
        self.assertEqual(out.split()[-1], sovereign.version())


if __name__ == "__main__":
    unittest.main()
