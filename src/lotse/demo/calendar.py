"""Days of the demo's calendar, relative to the day the demo is loaded: this week and next
week, today always among them, so that "Heute" in Meine Termine and the front desk's tabs
are never empty in the demo, whatever day it is loaded on."""

import datetime


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def demo_days(today: datetime.date) -> list[datetime.date]:
    """Today first, then the other working days of this week and next week (Monday to
    Friday), in order: the days the demo's appointments fall on."""
    monday = monday_of(today)
    workdays = [
        monday + datetime.timedelta(days=offset)
        for offset in range(14)
        if (monday + datetime.timedelta(days=offset)).weekday() < 5
    ]
    return [today, *(day for day in workdays if day != today)]


def at(day: datetime.date, hour: int, minute: int, zone: datetime.tzinfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)
