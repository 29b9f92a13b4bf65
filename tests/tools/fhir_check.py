"""Validate FHIR PlanDefinition JSON files with the `fhir.resources`
package (R4B models), independently of carepath. Usage: fhir_check.py FILE...
Prints "ok FILE" or "invalid FILE: message" per file."""
import sys

from fhir.resources.R4B.plandefinition import PlanDefinition

# Codes from value sets FHIR binds as "required", which the models do not
# check themselves.
STATUS = {"draft", "active", "retired", "unknown"}
RELATIONSHIP = {"before-start", "before", "before-end", "concurrent-with-start", "concurrent",
                "concurrent-with-end", "after-start", "after", "after-end"}
CONDITION_KIND = {"applicability", "start", "stop"}
PARTICIPANT_TYPE = {"patient", "practitioner", "related-person", "device"}
SELECTION = {"any", "all", "all-or-none", "exactly-one", "at-most-one", "one-or-more"}


def required_codes(plan):
    if plan.status not in STATUS:
        yield f"status {plan.status!r}"
    def walk(actions):
        for a in actions or []:
            for r in a.relatedAction or []:
                if r.relationship not in RELATIONSHIP:
                    yield f"relationship {r.relationship!r}"
            for c in a.condition or []:
                if c.kind not in CONDITION_KIND:
                    yield f"condition kind {c.kind!r}"
            for p in a.participant or []:
                if p.type not in PARTICIPANT_TYPE:
                    yield f"participant type {p.type!r}"
            if a.selectionBehavior is not None and a.selectionBehavior not in SELECTION:
                yield f"selectionBehavior {a.selectionBehavior!r}"
            yield from walk(a.action)
    yield from walk(plan.action)


for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as f:
        text = f.read()
    try:
        plan = PlanDefinition.model_validate_json(text)
        problems = list(required_codes(plan))
        if problems:
            print(f"invalid {name}: {'; '.join(problems)}")
        else:
            print(f"ok {name}")
    except Exception as e:  # the validator's own message is the point
        print(f"invalid {name}: {' '.join(str(e).split())}")
