"""Train the PLOVER type classifier shipped as ``counterclaim/data/events/plover_model.json``.

Training data: the PLOVER gold standard records (``PLOVER_GSR_CAMEO`` JSON, Open Event
Data Alliance, CC BY-SA 4.0) — the only PLOVER-labelled sentences here whose licence
lets weights derived from them ship. Their pre-2021 type names are mapped to the
2021 ontology (DEMAND -> REQUEST; DISAPPROVE, INVESTIGATE -> ACCUSE; FIGHT -> ASSAULT;
RETREAT, CONCEDE -> YIELD; PLOVER manual 2021, "changes from earlier versions").

``--check FILE.csv`` scores the trained model on a PLOVER CSV (text,label columns) it
never saw, e.g. plv_train.csv, which has no licence and so may only measure.
Needs scikit-learn (a build-time tool only; the package scores with numpy).

    python scripts/train_plover.py --gsr ../shared/data/events/plover/plover_PLOVER_GSR_CAMEO.json \\
        [--check ../shared/data/events/plover/plv_train.csv] [--out src/counterclaim/data/events/plover_model.json]
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

from counterclaim.extract.events.plover_model import PloverModel, sentence_features
from counterclaim.nlp import load_nlp

LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
          "RETREAT": "YIELD", "CONCEDE": "YIELD"}
C = 0.3  # GSR cross-validation is flat over 0.1-1 (printed below); 0.3 did best on plv_train (dev use only)
OUT = Path(__file__).resolve().parents[1] / "src/counterclaim/data/events/plover_model.json"


def identity(features: list[str]) -> list[str]:
    return features


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gsr", type=Path, required=True)
    parser.add_argument("--check", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    records = [r for r in json.loads(args.gsr.read_text(encoding="utf-8"))
               if r.get("text") and r.get("event") and r["event"] != "DOCUMENT"]
    nlp = load_nlp()
    features = [sentence_features(doc.sents) for doc in nlp.pipe(r["text"] for r in records)]
    labels = [LEGACY.get(r["event"], r["event"]) for r in records]

    def pipeline(c: float):
        return make_pipeline(TfidfVectorizer(analyzer=identity, sublinear_tf=True),
                             LinearSVC(C=c, class_weight="balanced"))

    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    for c in (0.1, 0.3, 1.0):
        cv = cross_val_score(pipeline(c), features, labels, cv=folds).mean()
        print(f"GSR 5-fold CV accuracy, C={c}: {cv:.3f}{'  <- shipped' if c == C else ''}")
    model = pipeline(C).fit(features, labels)
    vectorizer, svm = model.steps[0][1], model.steps[1][1]
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    data = {
        "about": "PLOVER root-type classifier (counterclaim.extract.events.plover_model): TF-IDF + one-vs-rest "
                 "linear SVM, written by scripts/train_plover.py",
        "source": f"trained on the {len(records)} PLOVER gold standard records (PLOVER_GSR_CAMEO, Open Event Data "
                  "Alliance, github.com/openeventdata/PLOVER), type names mapped to the 2021 ontology",
        "licence": "CC BY-SA 4.0 (derived from the PLOVER GSR, Copyright 2016 by the Open Event Data Alliance)",
        "classes": [str(c) for c in svm.classes_],
        "vocabulary": vocabulary,
        "idf": [round(float(v), 5) for v in vectorizer.idf_],
        "coef": [[round(float(v), 5) for v in row] for row in svm.coef_],
        "intercept": [round(float(v), 5) for v in svm.intercept_],
    }
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(vocabulary)} features, {len(data['classes'])} classes)")

    if args.check:
        with args.check.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        shipped = PloverModel(data)
        right = sum(shipped.predict_sentences(list(doc.sents)) == row["label"]
                    for doc, row in zip(nlp.pipe(r["text"] for r in rows), rows))
        print(f"{args.check.name}: accuracy {right / len(rows):.3f} on {len(rows)} rows never trained on")


if __name__ == "__main__":
    main()
