"""Scenarios whose registry misbehaves for the applicant (member 0) whatever the fault settings
say: a timeout, a 500, malformed JSON, a slow answer. The family is the eligible one."""

from .catalogue import Fault, scenario


def _fault_scenario(number, name, registry, kind, what):
    scenario(
        number,
        name,
        f"The {registry} registry {what} for the applicant",
        affects=[registry],
        declared="as the eligible family (scenario 1)",
        registries_say=f"{registry}: {what}",
        expected="flagged" if kind != "slow" else "eligible",
        reason=(
            "a required registry stayed unreachable after its retries"
            if kind != "slow"
            else "the answer comes late but within a sane client timeout"
        ),
        fault=Fault(registry, kind),
    )(lambda family: None)


_fault_scenario(25, "fault_timeout", "tax", "timeout", "never answers in time")
_fault_scenario(26, "fault_error", "sspf", "error", "answers 500")
_fault_scenario(27, "fault_malformed", "labour", "malformed", "answers malformed JSON")
_fault_scenario(28, "fault_slow", "realestate", "slow", "answers slowly")
