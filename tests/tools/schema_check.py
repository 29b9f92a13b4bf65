"""Validate JSON documents against a JSON Schema with the `jsonschema`
package, independently of carepath. Usage: schema_check.py SCHEMA FILE...
Prints one line per file: "ok FILE" or "invalid FILE: message"."""
import json
import sys

import jsonschema

with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema)
for name in sys.argv[2:]:
    with open(name, encoding="utf-8") as f:
        doc = json.load(f)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        print(f"invalid {name}: {errors[0].message}")
    else:
        print(f"ok {name}")
