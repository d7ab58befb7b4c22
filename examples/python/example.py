#!/usr/bin/env python3
"""Evaluates examples/deployments/replica-violation.xml against the GDPR
transfer rules and prints the findings that are not compliant.

usage: example.py [--as-of YYYY-MM-DD] [DEPLOYMENT [POLICY ...]]
(run from the source tree; SOVEREIGN_LIB names the library if it is not
in build/)
"""
import argparse
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sovereign  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--as-of", default=datetime.datetime.now(
        datetime.timezone.utc).strftime("%Y-%m-%d"))
    ap.add_argument("deployment", nargs="?",
                    default="examples/deployments/replica-violation.xml")
    ap.add_argument("policies", nargs="*",
                    default=["policies/regimes/eu-gdpr-transfers.xml"])
    args = ap.parse_args()

    try:
        with sovereign.Catalog() as catalog:
            policies = [catalog.load_policy(p) for p in args.policies]
            deployment = catalog.load_deployment(args.deployment)
            with sovereign.evaluate(policies, deployment,
                                    as_of=args.as_of) as result:
                print("%s as of %s: %s" % (deployment.id, args.as_of,
                                           result.decision))
                for f in result.findings():
                    if f["verdict"] == "compliant":
                        continue
                    print("  %-13s %-8s %s on %s/%s, facet %s" % (
                        f["verdict"], f["severity"], f["rule"],
                        f["component"], f["data"], f["facet"]))
                    if f["offending"]:
                        print("    jurisdictions: %s" % f["offending"])
                    if f["missing"]:
                        print("    missing: %s" % f["missing"])
                    if f["exception"]:
                        print("    exception: %s" % f["exception"])
                    print("    law: %s, %s" % (f["instrument"],
                                               f["article"]))
                counts = result.counts()
                print("  counts: " + ", ".join(
                    "%d %s" % (n, v) for v, n in counts.items()))
                return {"compliant": 0, "non-compliant": 1,
                        "indeterminate": 2}[result.decision]
    except sovereign.SovereignError as e:
        print(e, file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
