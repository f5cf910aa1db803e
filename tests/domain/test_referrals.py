import datetime as dt
import itertools

import pytest

from sendco.domain import referrals as r

D = dt.date
TODAY = D(2026, 3, 2)
EXPECTED = {
    (r.DRAFT, r.SENT),
    (r.SENT, r.ACCEPTED),
    (r.SENT, r.WAITING),
    (r.SENT, r.APPOINTMENT),
    (r.SENT, r.SEEN),
    (r.SENT, r.DECLINED),
    (r.ACCEPTED, r.WAITING),
    (r.ACCEPTED, r.APPOINTMENT),
    (r.ACCEPTED, r.SEEN),
    (r.ACCEPTED, r.DECLINED),
    (r.WAITING, r.APPOINTMENT),
    (r.WAITING, r.SEEN),
    (r.WAITING, r.DECLINED),
    (r.APPOINTMENT, r.APPOINTMENT),
    (r.APPOINTMENT, r.WAITING),
    (r.APPOINTMENT, r.SEEN),
    (r.SEEN, r.APPOINTMENT),
    (r.SEEN, r.REPORT),
} | {(s, r.CLOSED) for s in r.OPEN}


@pytest.mark.parametrize("current,new", list(itertools.product(r.STATUSES, r.STATUSES)))
def test_every_transition(current, new):
    problem = r.transition_problem(current, new)
    assert (problem is None) == ((current, new) in EXPECTED), (current, new, problem)
    assert (new in r.allowed_next(current)) == ((current, new) in EXPECTED)


@pytest.mark.parametrize("terminal", sorted(r.TERMINAL))
def test_terminal_statuses_say_so(terminal):
    assert "can no longer change" in r.transition_problem(terminal, r.SENT)
    assert r.allowed_next(terminal) == []


def test_unknown_status_is_refused():
    assert r.transition_problem(r.SENT, "lost") == "Choose a status."
    assert "cannot become" in r.transition_problem(r.DRAFT, r.SEEN)


def test_allowed_next_keeps_the_paths_order():
    assert r.allowed_next(r.SENT) == [r.ACCEPTED, r.WAITING, r.APPOINTMENT, r.SEEN, r.CLOSED, r.DECLINED]


def test_labels_cover_every_status():
    assert set(r.LABELS) == set(r.STATUSES)


class TestDates:
    before = r.Dates(sent_on=D(2026, 1, 5))

    def test_sending_sets_the_date_sent(self):
        assert r.dates_after(r.SENT, D(2026, 1, 9), r.Dates()).sent_on == D(2026, 1, 9)

    def test_booking_sets_and_rebooking_moves_the_appointment(self):
        booked = r.dates_after(r.APPOINTMENT, D(2026, 2, 1), self.before)
        assert booked.appointment_on == D(2026, 2, 1) and booked.sent_on == D(2026, 1, 5)
        assert r.dates_after(r.APPOINTMENT, D(2026, 2, 8), booked).appointment_on == D(2026, 2, 8)

    def test_cancelling_back_to_the_list_clears_an_appointment_never_attended(self):
        booked = r.dates_after(r.APPOINTMENT, D(2026, 2, 1), self.before)
        assert r.dates_after(r.WAITING, D(2026, 1, 20), booked).appointment_on is None
        seen = r.Dates(D(2026, 1, 5), D(2026, 2, 1), D(2026, 2, 1))
        assert r.dates_after(r.WAITING, D(2026, 2, 5), seen).appointment_on == D(2026, 2, 1)

    def test_seen_sets_the_first_seen_date_once(self):
        seen = r.dates_after(r.SEEN, D(2026, 2, 1), self.before)
        assert seen.first_seen_on == D(2026, 2, 1)
        follow_up = r.dates_after(r.APPOINTMENT, D(2026, 3, 1), seen)
        assert r.dates_after(r.SEEN, D(2026, 3, 1), follow_up).first_seen_on == D(2026, 2, 1)

    def test_report_and_closing(self):
        assert r.dates_after(r.REPORT, D(2026, 3, 1), self.before).report_received_on == D(2026, 3, 1)
        for end in r.TERMINAL:
            assert r.dates_after(end, D(2026, 3, 2), self.before).closed_on == D(2026, 3, 2)

    def test_accepted_changes_no_date(self):
        assert r.dates_after(r.ACCEPTED, D(2026, 1, 9), self.before) == self.before

    def test_date_problems(self):
        assert "future" in r.date_problem(r.SEEN, TODAY + dt.timedelta(days=1), self.before, today=TODAY)
        assert r.date_problem(r.APPOINTMENT, TODAY + dt.timedelta(days=30), self.before, today=TODAY) is None
        assert "before the referral was sent" in r.date_problem(
            r.ACCEPTED, D(2026, 1, 4), self.before, today=TODAY
        )
        assert r.date_problem(r.SENT, D(2026, 1, 4), self.before, today=TODAY) is None
        assert r.date_problem(r.SEEN, D(2026, 1, 5), self.before, today=TODAY) is None


class TestOverdue:
    def flag(self, status, today=TODAY, expected=30, window=42, **dates):
        return r.overdue(
            status, r.Dates(**dates), today, expected_response_days=expected, report_window_days=window
        )

    def test_sent_without_answer_after_the_expected_days(self):
        sent = D(2026, 1, 1)  # due 31 January
        assert self.flag(r.SENT, today=D(2026, 1, 31), sent_on=sent) is None
        flag = self.flag(r.SENT, today=D(2026, 2, 3), sent_on=sent)
        assert flag.code == "no_response" and flag.days_overdue == 3 and flag.due_on == D(2026, 1, 31)
        assert flag.reason.startswith("No response from the service") and "31 January 2026" in flag.reason

    @pytest.mark.parametrize("status", [r.ACCEPTED, r.WAITING])
    def test_accepted_or_waiting_past_the_wait(self, status):
        flag = self.flag(status, today=D(2026, 2, 10), sent_on=D(2026, 1, 1))
        assert flag.code == "wait_exceeded" and flag.days_overdue == 10
        assert flag.reason.startswith("Wait exceeded")

    def test_no_expected_days_means_no_wait_flag(self):
        assert self.flag(r.SENT, expected=None, sent_on=D(2020, 1, 1)) is None

    def test_an_appointment_or_a_meeting_stops_the_wait_flag(self):
        assert self.flag(r.WAITING, sent_on=D(2025, 1, 1), appointment_on=D(2025, 2, 1)) is None
        assert self.flag(r.SENT, sent_on=D(2025, 1, 1), first_seen_on=D(2025, 2, 1)) is None

    def test_appointment_passed_without_update(self):
        assert self.flag(r.APPOINTMENT, sent_on=D(2026, 1, 1), appointment_on=TODAY) is None
        flag = self.flag(r.APPOINTMENT, sent_on=D(2026, 1, 1), appointment_on=D(2026, 2, 27))
        assert flag.code == "appointment_passed" and flag.days_overdue == 3
        assert flag.reason.startswith("Appointment passed, not updated")

    def test_report_awaited_after_the_window(self):
        seen = D(2026, 1, 1)
        assert self.flag(r.SEEN, today=D(2026, 2, 12), sent_on=D(2025, 12, 1), first_seen_on=seen) is None
        flag = self.flag(r.SEEN, today=D(2026, 2, 13), sent_on=D(2025, 12, 1), first_seen_on=seen)
        assert flag.code == "report_awaited" and flag.days_overdue == 1 and "42 days" in flag.reason
        assert self.flag(r.SEEN, today=D(2026, 1, 20), window=14, first_seen_on=seen).days_overdue == 5

    @pytest.mark.parametrize("status", [r.DRAFT, r.REPORT, r.CLOSED, r.DECLINED])
    def test_never_overdue(self, status):
        dates = {"sent_on": D(2020, 1, 1), "appointment_on": D(2020, 2, 1), "first_seen_on": D(2020, 2, 1)}
        assert self.flag(status, **dates) is None


class TestWaiting:
    def test_the_wait_ends_at_the_first_appointment_or_meeting(self):
        dates = r.Dates(sent_on=D(2026, 1, 1), appointment_on=D(2026, 2, 1), first_seen_on=D(2026, 1, 20))
        assert r.first_answer_on(dates) == D(2026, 1, 20)
        assert r.waiting_days(dates) == 19

    def test_still_waiting_counts_to_the_day_given(self):
        dates = r.Dates(sent_on=D(2026, 1, 1))
        assert r.waiting_days(dates) is None
        assert r.waiting_days(dates, until=D(2026, 1, 11)) == 10
        assert r.waiting_days(r.Dates(), until=TODAY) is None

    def test_figures(self):
        items = [
            (r.SEEN, r.Dates(sent_on=D(2026, 1, 1), first_seen_on=D(2026, 1, 11))),  # 10
            (r.APPOINTMENT, r.Dates(sent_on=D(2026, 1, 1), appointment_on=D(2026, 1, 21))),  # 20
            (r.CLOSED, r.Dates(sent_on=D(2026, 1, 1), appointment_on=D(2026, 2, 10))),  # 40
            (r.WAITING, r.Dates(sent_on=D(2026, 1, 1))),  # still waiting
            (r.DECLINED, r.Dates(sent_on=D(2026, 1, 1))),  # ended without an appointment
            (r.DRAFT, r.Dates()),  # never sent
        ]
        assert r.wait_figures(items) == r.WaitFigures(20.0, 3, 1)

    def test_even_count_median_and_empty(self):
        items = [
            (r.SEEN, r.Dates(sent_on=D(2026, 1, 1), first_seen_on=D(2026, 1, 1) + dt.timedelta(days=n)))
            for n in (5, 8)
        ]
        assert r.wait_figures(items).median_days == 6.5
        assert r.wait_figures([]) == r.WaitFigures(None, 0, 0)
