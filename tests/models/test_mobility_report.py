"""What a mobility-embedding run reports, without QGIS: the held-out evaluation, the result figures, the HTML
training report, and the per-sequence points and summary columns of the embedded-sequences output."""

import numpy as np
import pytest

from deeptraj.models.mobility.model import MobilityEmbedder
from deeptraj.models.mobility.params import make_params
from deeptraj.models.mobility.report import evaluate_model, training_results, write_training_report
from deeptraj.models.mobility.results import sequence_points, sequence_summary
from deeptraj.models.mobility.sequences import build_sequences
from deeptraj.models.synthetic.lymob import simulate_lymob

T0 = 1704067200  # 2024-01-01 00:00 UTC, a Monday


@pytest.fixture(scope="module")
def seqs():
    s = simulate_lymob(n_users=12, n_days=6, grid_size=40, mask_users=0, seed=2)
    return build_sequences(s.uid, None, (s.x - 0.5) * 500, (s.y - 0.5) * 500, T0 + s.d * 86400 + s.t * 1800)


@pytest.fixture(scope="module")
def trained(seqs):
    params = make_params(
        "fast-cpu", d_model=16, n_heads=2, lstm_hidden=8, lstm_layers=1, epochs=2, validation_share=0.25
    )
    model = MobilityEmbedder(params, n_threads=1).fit(seqs)
    return model, evaluate_model(model, seqs)


def test_evaluation_has_held_out_figures_and_pca(trained, seqs):
    model, ev = trained
    assert ev["n_validation_sequences"] > 0
    assert set(ev["next_location"]) == {"model", "most_frequent", "markov"}
    assert set(ev["reidentification"]) == {"embedding", "bag_of_cells", "bag_of_transitions"}
    assert len(ev["pca_explained"]) == 10 and ev["pca_explained_2"] == pytest.approx(sum(ev["pca_explained"][:2]))


def test_evaluation_reports_progress_and_stops_on_cancel(trained, seqs):
    """The held-out evaluation (minutes on a city's validation users) moves the bar through its phases and stops
    on a cancel inside the baselines' per-cut loop."""
    from deeptraj.models.core.progress import Cancelled

    model, ev = trained
    seen = []
    again = evaluate_model(model, seqs, progress=seen.append)
    assert again["next_location"] == ev["next_location"]  # the figures do not depend on the callbacks
    assert seen == sorted(seen) and seen[-1] == 100.0
    # embeddings 0..40, the model's predictions 40..82, the baselines' 82..94, re-identification up to 100
    assert any(0 < v <= 40 for v in seen) and any(40 < v <= 82 for v in seen) and any(82 <= v < 94 for v in seen)

    def cancel_in_baselines():
        return bool(seen) and seen[-1] >= 82  # the model's predictions are done: cancel inside the first baseline

    seen.clear()
    with pytest.raises(Cancelled):
        evaluate_model(model, seqs, cancel=cancel_in_baselines, progress=seen.append)
    assert 82 <= seen[-1] < 94


def test_results_flatten_the_evaluation(trained, seqs):
    model, ev = trained
    res = training_results(model, seqs, ev)
    assert res["N_SEQUENCES"] == len(seqs) and res["N_USERS"] == 12 and res["N_VALIDATION_USERS"] == 3
    assert res["EMBEDDING_SIZE"] == 16 and res["EPOCHS_RUN"] == len(model.history_["train_loss"])
    assert res["ACC1_MODEL"] == ev["next_location"]["model"]["acc@1"]
    assert res["ACC5_MARKOV"] == ev["next_location"]["markov"]["acc@5"]
    assert list(res)[-1] == "PCA_EXPLAINED_2"
    # without validation users: no accuracy figures
    no_val = {k: v for k, v in ev.items() if k not in ("next_location", "reidentification")}
    assert not any(k.startswith("ACC") for k in training_results(model, seqs, no_val))


def test_report_has_every_section(trained, seqs, tmp_path):
    model, ev = trained
    res = {"MODEL_FILE": "m.mobemb", **training_results(model, seqs, ev)}
    path = tmp_path / "r.html"
    write_training_report(str(path), model, ev, {"group_by": "user-day"}, res, {"pca": "ACP"})
    html = path.read_text(encoding="utf-8")
    for text in ("Next location on held-out users", "most_frequent", "re-identification", "ACP", "validation loss"):
        assert text in html
    assert "m.mobemb" not in html and "group_by" in html and "n_validation_users" in html
    no_val = {k: v for k, v in ev.items() if k not in ("next_location", "reidentification")}
    write_training_report(str(path), model, no_val, {}, res)
    assert "No validation users" in path.read_text(encoding="utf-8")


def test_sequence_points_and_summary():
    t = np.array([T0 + 8 * 3600, T0 + 9 * 3600, T0 + 30 * 3600, T0 + 31 * 3600, T0 + 10 * 3600])
    uid = np.array([1, 1, 1, 1, 2])
    s = build_sequences(uid, None, np.arange(5.0), np.zeros(5), t)
    points = sequence_points(s)
    assert [list(p) for p in points] == [[0, 1], [2, 3]]  # user 2's single record makes no sequence
    summary = sequence_summary(s)
    assert summary["key"] == ["1_2024-01-01", "1_2024-01-02"] and list(summary["dow"]) == [0, 1]
    assert list(summary["n_records"]) == [2, 2] and list(summary["day"]) == ["2024-01-01", "2024-01-02"]
    assert list(summary["start"]) == [t[0], t[2]] and list(summary["end"]) == [t[1], t[3]]
