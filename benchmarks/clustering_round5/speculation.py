"""How much a second process deciding settling's verdicts ahead could reuse, at best (issue 4, round 5).

Runs clustering_scale.py with settling instrumented: per decision, the stories it read (its own, its candidates),
and the stories its move changed. A verdict computed W decisions ahead, on the state before them, is still right
only if no move among those W decisions changed a story it reads (and retrieval returns the same candidates,
not checked here: an upper bound). Prints the share of decisions that pass for several W.

    .venv/bin/python benchmarks/clustering_round5/speculation.py out.json benchmarks/clustering_scale.py \
        ../shared/data/clustering/dev.jsonl.gz --cache /tmp/dev-items.json.gz --stories dev-base.json \
        --db run.db measure
"""
from __future__ import annotations

import json
import runpy
import sys

import storyline.pipeline as pipeline
import storyline.stories.settle as settle

events: list[tuple] = []  # ("decided", own story, candidate ids) or ("moved", stories)


def main() -> None:
    reconsider, moved = pipeline.reconsider, settle.Unchanged.moved

    def logged_reconsider(member, story, candidates, model):
        events.append(("decided", story.story_id, [c.story_id for c in candidates]))
        return reconsider(member, story, candidates, model)

    def logged_moved(self, stories):
        events.append(("moved", list(stories)))
        return moved(self, stories)

    pipeline.reconsider, settle.Unchanged.moved = logged_reconsider, logged_moved
    out, sys.argv = sys.argv[1], sys.argv[2:]
    runpy.run_path(sys.argv[0], run_name="__main__")
    reads: list[set[str]] = []
    changed: list[set[str]] = []  # per decision: the stories its move changed
    for event in events:
        if event[0] == "decided":
            reads.append({event[1], *event[2]})
            changed.append(set())
        elif changed:
            changed[-1] |= set(event[1])
    result = {"decisions": len(reads), "moves": sum(map(bool, changed))}
    for w in (1, 4, 16, 64, 256):
        fine = sum(not any(r & changed[j] for j in range(max(0, i - w), i)) for i, r in enumerate(reads))
        result[f"ahead_{w}"] = round(fine / max(len(reads), 1), 3)
    with open(out, "w") as fh:
        json.dump(result, fh)
    print(json.dumps(result), file=sys.stderr)


if __name__ == "__main__":
    main()
