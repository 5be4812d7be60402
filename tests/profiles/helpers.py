import datetime
from typing import Any

from lotse.profiles import services
from lotse.profiles.models import CareerGoal, CareerStep

SECRET_HEALTH = "Bandscheibenvorfall-4711"


def language(net: Any, code: str = "ar", level: str = "native") -> Any:
    return services.language_skill_save(
        actor=net.counsellor, participant=net.participant, data={"language": code, "level": level}
    )


def work(net: Any, label: str = "Altenpflegehelfer", **data: Any) -> Any:
    fields = {
        "label": label,
        "kldb_code": "82101",
        "isco_code": "5322",
        "country": "SY",
        "started_on": datetime.date(2015, 3, 1),
        "ended_on": datetime.date(2019, 6, 1),
        "tasks": "Ich habe alte Menschen gepflegt.",
        **data,
    }
    return services.work_experience_save(
        actor=net.counsellor, participant=net.participant, data=fields
    )


def health(net: Any) -> Any:
    return services.health_restriction_save(
        actor=net.counsellor,
        participant=net.participant,
        data={"description": SECRET_HEALTH, "work_impact": "Nicht schwer heben"},
    )


def goal(net: Any, label: str = "Pflegefachkraft") -> CareerGoal:
    return services.career_goal_save(
        actor=net.counsellor,
        participant=net.participant,
        data={"kind": "vocational_training", "target_label": label, "target_kldb_code": "81302"},
    )


def step(net: Any, the_goal: CareerGoal, due: datetime.date, **data: Any) -> CareerStep:
    fields = {
        "goal": the_goal,
        "description": "Bewerbung an Pflegeschule schicken",
        "organisation": net.owner,
        "due_on": due,
        **data,
    }
    return services.career_step_save(actor=net.counsellor, participant=net.participant, data=fields)
