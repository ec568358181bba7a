# setup code for h5.py: log every split that needed a repair, with all members' P for the other half afterwards
import numpy as _np
_orig = SP.repaired
LOG = []
def _logged(members, labels, model, story_id, found, keep):
    out = _orig(members, labels, model, story_id, found, keep)
    if out is not None and out != labels:
        old = SP.CROSS_P; SP.CROSS_P = -1.0
        allp = SP.crossing_members(members, out, model, story_id, found, keep, len(members))
        SP.CROSS_P = old
        LOG.append((story_id, len(members), sum(a != b for a, b in zip(out, labels)), sorted([round(o, 2) for _, _, o in allp], reverse=True)[:8]))
        print("REPAIR", LOG[-1], flush=True)
    return out
SP.repaired = _logged
