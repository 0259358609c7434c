#!/usr/bin/env python3
"""Reference vectors for main/services/embed/bge-m3-reference.test.ts, from BAAI's own implementation.

Run it on a machine with the BGE-M3 weights and FlagEmbedding (not needed by the app):

    pip install -U FlagEmbedding
    python worker/testing/bge-m3-reference.py --model BAAI/bge-m3 --out bge-m3-reference.json
    BGE_M3_DIR=/path/to/bge-m3-onnx BGE_M3_REFERENCE=bge-m3-reference.json \
      npx vitest run main/services/embed/bge-m3-reference.test.ts

--model is the PyTorch checkpoint the ONNX export was made from (a hub name or a local folder). fp32 on
CPU by default, so the values are the exact reference the ONNX export must reproduce (use --fp16 to match
the model card's numbers instead). Nothing is written into the repository: the JSON stays with the model.
"""
import argparse
import json

TEXTS = [
    "What is BGE M3?",
    "Defination of BM25",
    "BGE M3 is an embedding model supporting dense retrieval, lexical matching and multi-vector interaction.",
    "Acme Cloud Data Migration GmbH",
    "ACME Cloud Datenmigration GmbH — Phase 2",
    "Müller & Söhne Logistik AG",
    "株式会社アクメ クラウド移行",
    "Société Générale de Transport SAS",
    "",
    "x",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="BAAI/bge-m3")
    parser.add_argument("--out", default="bge-m3-reference.json")
    parser.add_argument("--max-length", type=int, default=8192)
    parser.add_argument("--fp16", action="store_true")
    args = parser.parse_args()

    from FlagEmbedding import BGEM3FlagModel  # imported here so --help works without it

    model = BGEM3FlagModel(args.model, use_fp16=args.fp16, devices="cpu" if not args.fp16 else None)
    out = model.encode(TEXTS, batch_size=4, max_length=args.max_length, return_dense=True, return_sparse=True, return_colbert_vecs=True)
    colbert = out["colbert_vecs"]
    scores = [[float(model.colbert_score(colbert[i], colbert[j])) for j in range(len(TEXTS))] for i in range(len(TEXTS))]
    reference = {
        "model": args.model,
        "fp16": args.fp16,
        "max_length": args.max_length,
        "texts": TEXTS,
        "dense": [[float(x) for x in v] for v in out["dense_vecs"]],
        "lexical": [{str(k): float(v) for k, v in w.items()} for w in out["lexical_weights"]],
        "colbert_scores": scores,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(reference, f, ensure_ascii=False)
    print(f"wrote {args.out}: {len(TEXTS)} texts, dense dim {len(reference['dense'][0])}")


if __name__ == "__main__":
    main()
