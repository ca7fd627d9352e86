#!/usr/bin/env python3
"""Extracts the OpenAI OpenAPI schemas the provider conformance tests need (with every schema they reference),
drops descriptions and examples, and rewrites references to JSON Schema $defs.

Usage: python3 scripts/extract-openai-schemas.py ../shared/specs/openai-openapi.json tests/ToolGen.Tests/Providers/Spec/openai-schemas.json
Run it again when the spec changes; the MIT notice of the spec stays beside the output (openai-openapi.LICENSE).
"""
import json
import sys

ROOTS = [
    "CreateChatCompletionRequest", "CreateChatCompletionResponse", "CreateChatCompletionStreamResponse",
    "CreateResponse", "Response",
]
DROP = {"description", "example", "examples", "title", "x-oaiMeta", "x-oaiTypeLabel", "x-oaiExpandable", "deprecated", "discriminator"}


def main(source, target):
    with open(source, encoding="utf-8") as f:
        schemas = json.load(f)["components"]["schemas"]
    wanted, queue = {}, list(ROOTS)
    while queue:
        name = queue.pop()
        if name in wanted:
            continue
        wanted[name] = clean(schemas[name], queue)
    with open(target, "w", encoding="utf-8") as f:
        json.dump({"$defs": dict(sorted(wanted.items()))}, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")


def clean(node, queue):
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            if key in DROP or key.startswith("x-"):
                continue
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/schemas/"):
                name = value.split("/")[-1]
                queue.append(name)
                result[key] = "#/$defs/" + name
            elif key in ("properties", "patternProperties", "$defs") and isinstance(value, dict):
                result[key] = {k: clean(v, queue) for k, v in value.items()}
            else:
                result[key] = clean(value, queue)
        return result
    if isinstance(node, list):
        return [clean(item, queue) for item in node]
    return node


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
