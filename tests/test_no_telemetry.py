"""onnxruntime's own telemetry (1.29+, Linux too) stays off: storyline contacts no address it was not asked to."""
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import storyline.enrich.embed as embed
from pathlib import Path
model = next((Path(embed.__file__).parent / "models").glob("*.onnx"))
embed.cpu_session(model)
"""


def test_loading_a_model_leaves_no_telemetry_device_id_nor_event_cache(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    env.update(HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"),
               PYTHONPATH=str(Path(__file__).parents[1] / "src"))
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.rglob("DeveloperTools")), "onnxruntime wrote its telemetry cache"
