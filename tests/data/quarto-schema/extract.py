"""Write keys.yml: the option names Quarto's schema allows, read from a quarto-cli checkout.

Usage: python tests/data/quarto-schema/extract.py PATH-TO-QUARTO-CLI-GIT [COMMIT]

Mirrors how quarto-cli builds its schemas (src/core/lib/yaml-schema/):
- cell options (chunk-metadata.ts): every field of schema/{document,cell}-*.yml whose file
  or `tags.contexts` matches `cell-*`, for the jupyter engine (`tags.engine` absent or
  naming jupyter);
- `execute` (execute.ts): fields whose file or contexts match `document-execute`;
- a format's options (format-schemas.ts): fields matching `document-*` whose `tags.formats`
  (aliases of format-aliases.yml expanded, `!` excluding) admit the format;
- `_quarto.yml` (project-config.ts, front-matter.ts): the fields of project.yml, the
  front matter (`document-*` fields) and the execute options at the top level; `project`
  from project.yml, `book` from definitions.yml (book-schema, base-website, csl-item-shared).
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
from pathlib import Path

import yaml

SCHEMA = "src/resources/schema"
FORMATS = ("typst", "html")  # the formats the project's _quarto.yml uses
OUT = Path(__file__).with_name("keys.yml")


def git_show(repo: str, commit: str, path: str) -> str:
    return subprocess.run(
        ["git", "-C", repo, "show", f"{commit}:{path}"], capture_output=True, text=True, check=True
    ).stdout


def main(repo: str, commit: str = "HEAD") -> None:
    commit = subprocess.run(
        ["git", "-C", repo, "rev-parse", commit], capture_output=True, text=True, check=True
    ).stdout.strip()
    names = subprocess.run(
        ["git", "-C", repo, "ls-tree", "--name-only", commit, f"{SCHEMA}/"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    load = lambda name: yaml.safe_load(git_show(repo, commit, name))  # noqa: E731
    files = {
        Path(n).stem: load(n) for n in names if re.match(r"^(document|cell)-.*\.yml$", Path(n).name)
    }
    aliases = load(f"{SCHEMA}/format-aliases.yml")["aliases"]

    def expand(formats: list[str]) -> set[str]:
        out: set[str] = set()
        for f in formats:
            out |= expand(aliases[f[1:]]) if f.startswith("$") else {f}
        return out

    def fields(glob: str, test=lambda field: True) -> list[str]:
        regex = re.compile(fnmatch.translate(glob))
        found = set()
        for context, entries in files.items():
            for field in entries:
                contexts = (field.get("tags") or {}).get("contexts") or []
                if test(field) and (regex.match(context) or any(map(regex.match, contexts))):
                    found.add(field["name"])
        return sorted(found)

    def jupyter(field: dict) -> bool:
        engine = (field.get("tags") or {}).get("engine")
        return engine is None or engine == "jupyter" or "jupyter" in engine

    def admits(fmt: str):
        def test(field: dict) -> bool:
            formats = (field.get("tags") or {}).get("formats")
            if formats is None:
                return True
            disabled = expand([f[1:] for f in formats if f.startswith("!")])
            enabled = expand([f for f in formats if not f.startswith("!")])
            return fmt not in disabled and (not enabled or fmt in enabled)

        return test

    project_fields = load(f"{SCHEMA}/project.yml")
    project = next(f for f in project_fields if f["name"] == "project")
    definitions = {d["id"]: d for d in load(f"{SCHEMA}/definitions.yml")}

    def properties(definition_id: str) -> set[str]:
        body = definitions[definition_id]
        obj = body.get("object") or body.get("schema", {}).get("object") or {}
        return set(obj.get("properties") or {})

    front_matter = [f for f in fields("document-*") if f != "format"]
    execute = fields("document-execute")
    keys = {
        "source": {
            "repository": "https://github.com/quarto-dev/quarto-cli",
            "commit": commit,
            "version": subprocess.run(
                ["git", "-C", repo, "describe", "--tags", commit],
                capture_output=True,
                text=True,
                check=False,
            ).stdout.strip(),  # fmt: skip
            "files": f"{SCHEMA}/ (project.yml, definitions.yml, format-aliases.yml, "
            "document-*.yml, cell-*.yml)",
            "generated_by": "tests/data/quarto-schema/extract.py",
        },
        "top_level": sorted(
            {f["name"] for f in project_fields}
            | set(front_matter)
            | set(execute)
            | {"execute", "format", "profile"}
        ),  # fmt: skip
        "project": sorted(project["schema"]["object"]["properties"]),
        "book": sorted(
            properties("book-schema") | properties("base-website") | properties("csl-item-shared")
        ),
        "execute": execute,
        "formats": {fmt: fields("document-*", admits(fmt)) for fmt in FORMATS},
        "cell": fields("cell-*", jupyter),
    }
    header = "# Generated by tests/data/quarto-schema/extract.py from quarto-cli's schema.\n"
    OUT.write_text(header + yaml.safe_dump(keys, sort_keys=False, width=100), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main(*sys.argv[1:])
