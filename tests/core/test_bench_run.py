"""`sendco bench` measures pages behind two-step verification: its signed-in client must get
the pages (200), not the set-up redirect, even where two-step verification is required."""

from sendco.bench import run_benchmarks


def test_bench_gets_pages_when_two_step_verification_is_required(db, settings, capsys):
    settings.SENDCO_MFA_REQUIRED = True
    settings.SENDCO_DEMO = False
    assert run_benchmarks(size="small", runs=2, only="pupil list (first page") == 0
    assert "pupil list (first page, one school)" in capsys.readouterr().out
