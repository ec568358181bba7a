"""The time scorer: TempEval-3's counting, and each TimeML document scored once."""
from storyline.evaluate.time import GoldTimex, read_timeml, score_document, scores, timeml_files
from storyline.records import TimeExpr

DOC = """<?xml version="1.0" ?>
<TimeML><DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-06" functionInDocument="CREATION_TIME">1998-02-06</TIMEX3></DCT>
<TEXT>Jobs grew <TIMEX3 tid="t1" type="DATE" value="1998-01">last month</TIMEX3> and on
<TIMEX3 tid="t2" type="DATE" value="1998-02-06">Friday</TIMEX3>.</TEXT></TimeML>
"""


def test_a_document_copied_into_another_folder_is_scored_once(tmp_path):
    for folder in ("TimeBank", "testpipeline"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "X1.tml").write_text(DOC)
    (tmp_path / "AQUAINT").mkdir()
    (tmp_path / "AQUAINT" / "X2.tml").write_text(DOC)
    assert [p.relative_to(tmp_path).as_posix() for p in timeml_files(tmp_path)] == ["AQUAINT/X2.tml", "TimeBank/X1.tml"]


def test_read_timeml_gives_the_text_offsets_and_the_dct(tmp_path):
    (tmp_path / "X1.tml").write_text(DOC)
    text, dct, gold = read_timeml(tmp_path / "X1.tml")
    assert dct == "1998-02-06"
    assert [text[g.start:g.end] for g in gold] == ["last month", "Friday"]


def test_value_f1_is_relaxed_f1_times_value_accuracy():
    gold = [GoldTimex(0, 10, "DATE", "1998-01"), GoldTimex(20, 26, "DATE", "1998-02-06")]
    predicted = [TimeExpr("last month", 0, 10, "DATE", "1998-01"), TimeExpr("Friday", 20, 26, "DATE", "1998-01-30"),
                 TimeExpr("now", 40, 43, "DATE", "PRESENT_REF")]
    result = scores(score_document(predicted, gold))
    assert result["relaxed_span"]["f1"] == 0.8  # P 2/3, R 2/2
    assert result["value"]["accuracy"] == 0.5 and result["value"]["f1"] == 0.4


def test_eval_time_refuses_a_folder_without_timeml_files(tmp_path):
    # it printed all-zero scores and exit 0, as if the system found nothing, where the folder was the wrong one
    from typer.testing import CliRunner

    from storyline.cli import app

    (tmp_path / "notes.txt").write_text("not TimeML")
    result = CliRunner().invoke(app, ["eval", "time", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path}: no TimeML (.tml) files" in " ".join(result.output.split())
