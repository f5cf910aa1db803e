import datetime as dt

from sendco.accounts.models import User
from sendco.demo import generator
from sendco.plans import selectors
from sendco.plans.models import (
    Passport,
    PlanCycle,
    Review,
    Strategy,
    Target,
)


def test_demo_plans_for_most_sen_pupils_with_reviewed_cycles(db):
    today = dt.date(2026, 11, 23)
    result = generator.build_demo(size="small", today=today)
    sen = result.counts["sen_support"] + result.counts["ehc_plans"]
    assert 0.7 * sen <= Passport.objects.count() <= sen
    assert Strategy.objects.count() >= 20
    current = PlanCycle.objects.filter(status="current")
    assert current.count() == Passport.objects.count()
    assert current.filter(review_date__lt=today).exists() and current.filter(review_date__gte=today).exists()
    assert Review.objects.count() == PlanCycle.objects.filter(status="reviewed").count() > 0
    assert Target.objects.filter(carried_from__isnull=False).exists()
    assert PlanCycle.objects.filter(number=3).exists()
    assert not Target.objects.filter(cycle__status="reviewed", rating__isnull=True).exists()
    assert selectors.reviews_due(User.objects.get(username="senco"), weeks=4).exists()
    assert PlanCycle.history.exists()


def test_demo_has_a_class_of_32_with_8_sen_pupils_for_the_teacher(db):
    from django.db.models import Count, Q

    from sendco.core.models import TeachingGroup

    generator.build_demo(size="small", today=dt.date(2026, 11, 23))
    group = (
        TeachingGroup.objects.annotate(
            n=Count("memberships"), sen=Count("memberships", filter=~Q(memberships__pupil__sen_status="N"))
        )
        .filter(n=32, sen=8, staff_links__user__username="teacher")
        .get()
    )
    teacher = User.objects.get(username="teacher")
    assert len(selectors.class_view(teacher, group)) == 8
