"""The service-desk dataset of the benchmark (ticket_stats, agent_utilisation), generated here with a
fixed seed and served with `halo-sim --dataset FILE`. The shape is the issue's: 20,000 tickets over
about three years, exactly 1,000 of them opened in the 30 days ending on `today`, a backlog of open
tickets (recent ones still being worked, plus a few old ones nobody closed), Halo's SLA fields; 18
agents in three teams (one disabled); 3,000 ticket actions with time in the calendar month before
`today`'s, plus notes without time in that month and time entries in the months around it;
projects and project tasks (Halo lists those apart from tickets).

Every ticket date is a whole number of days and seconds away from `today`, and the tickets' random
stream does not depend on the calendar (the actions, which keep to working hours on weekdays, have a
stream of their own), so the counts the request minimum depends on are the same on any day (only
the calendar dates move). Dates are anchored at noon UTC of `today` ("now" for the generated data).
"""
import bisect
import datetime as dt
import json
import math
import random

SEED = 20261204
TICKETS = 20_000
IN_WINDOW = 1_000          # opened in [today - 29, today]
WINDOW_DAYS = 30
HISTORY_DAYS = 3 * 365     # before the window
TIME_ENTRIES = 3_000       # ticket actions with time in the previous calendar month
NOTES_IN_MONTH = 1_500     # actions without time in that month (timeentriesonly leaves them out)
TIME_OUTSIDE = 4_000       # time entries in the month before it and this month up to today
PROJECTS = 25
TASKS_PER_PROJECT = 4
CLIENTS = 40

NO_DATE = "1900-01-01T00:00:00"
CLOSED = 9
STATUSES = [(1, "New"), (2, "In Progress"), (3, "Action Required"), (4, "Waiting on Customer"),
            (5, "Updated"), (8, "Scheduled"), (CLOSED, "Closed")]
TEAMS = ["Service Desk", "Projects", "Field Engineering"]
FIRST = ["Daniel", "Emily", "Priya", "Tom", "Aisha", "Lukas", "Sofia", "Marcus", "Hannah", "Owen",
         "Chloe", "Ravi", "Grace", "Ben", "Nina", "Jack", "Leah", "Sam"]
LAST = ["O'Brien", "Roberts", "Shah", "Walker", "Khan", "Weber", "Rossi", "Reid", "Clarke", "Hughes",
        "Martin", "Patel", "Evans", "Lewis", "Novak", "Byrne", "Cohen", "Turner"]
# respond-by and fix-by targets after opening, by priority (hours)
SLA_TARGETS = {1: (1, 24), 2: (4, 72), 3: (8, 120), 4: (24, 168)}


def stamp(t):
    """Halo's timestamp spelling for a datetime (UTC, 7-digit fraction)."""
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ".0000000Z"


def previous_month(today):
    first_this = today.replace(day=1)
    last_prev = first_this - dt.timedelta(days=1)
    return last_prev.replace(day=1), last_prev


def generate(today):
    """The dataset object (the keys halo-sim --dataset reads). `today` is a datetime.date."""
    rng = random.Random(SEED)
    now = dt.datetime(today.year, today.month, today.day, 12, 0, 0)
    window_start = dt.datetime(today.year, today.month, today.day) - dt.timedelta(days=WINDOW_DAYS - 1)
    history_start = window_start - dt.timedelta(days=HISTORY_DAYS)

    teams = [{"id": i + 1, "name": name} for i, name in enumerate(TEAMS)]
    agents = []
    for i in range(18):
        team = TEAMS[0] if i < 10 else (TEAMS[1] if i < 14 else TEAMS[2])
        agents.append({"id": i + 1, "name": f"{FIRST[i]} {LAST[i]}", "firstname": FIRST[i], "surname": LAST[i],
                       "email": f"{FIRST[i].lower()}@msp.example", "team": team, "isdisabled": i == 17,
                       "is_agent": True, "costprice": 38.0 + i, "chargerate": 95.0,
                       "workhour_start": 8.5, "workhour_end": 17.0})
    working = [a for a in agents if not a["isdisabled"]]
    clients = [{"id": i + 1, "name": f"Client {i + 1:02d} Ltd", "inactive": False} for i in range(CLIENTS)]

    # Opening times: the history grows towards today (an MSP that gained clients), then exactly
    # IN_WINDOW tickets in the window. No weekday pattern here: it would make the draws depend on
    # the calendar, and with them the backlog.
    opened = []
    for _ in range(TICKETS - IN_WINDOW):
        frac = math.sqrt(rng.random())  # density rising linearly over the history
        t = history_start + dt.timedelta(seconds=int(frac * HISTORY_DAYS * 86400))
        opened.append(t)
    for _ in range(IN_WINDOW):
        opened.append(window_start + dt.timedelta(seconds=rng.randrange(WINDOW_DAYS * 86400)))
    opened.sort()

    tickets = []
    for index, at in enumerate(opened):
        tid = index + 1
        priority = rng.choice([1, 2, 2, 3, 3, 3, 4, 4])
        agent = rng.choice(working)
        client = rng.choice(clients)
        respond_h, fix_h = SLA_TARGETS[priority]
        # Resolution: most within days, a long tail; 0.4% of tickets are never closed (stale backlog).
        if rng.random() < 0.004:
            closed_at = None
        else:
            hours = rng.lognormvariate(math.log(fix_h * 0.6), 1.1)
            closed_at = at + dt.timedelta(seconds=int(hours * 3600) + 60)
            if closed_at > now:
                closed_at = None
        has_sla = rng.random() > 0.03
        hold_h = rng.choice([0, 0, 0, 0, 2, 8, 24])
        respond_by = at + dt.timedelta(hours=respond_h)
        fix_by = at + dt.timedelta(hours=fix_h + hold_h)
        r = rng.random()
        if r < 0.80:
            responded = at + dt.timedelta(seconds=int(rng.random() * respond_h * 3600))
        elif r < 0.93:
            responded = respond_by + dt.timedelta(seconds=int(rng.random() * 2 * respond_h * 3600) + 60)
        else:
            responded = None
        if responded is not None and closed_at is not None and responded > closed_at:
            responded = closed_at
        if responded is not None and responded > now:
            responded = None
        status = CLOSED if closed_at else rng.choice([1, 2, 2, 3, 4, 5, 8])
        tickets.append({
            "id": tid, "summary": f"Ticket {tid}", "details": f"<p>Ticket {tid} reported by a user.</p>",
            "dateoccurred": stamp(at), "dateclosed": stamp(closed_at) if closed_at else NO_DATE,
            "status_id": status, "status_name": dict(STATUSES)[status],
            "tickettype_id": rng.choice([1, 1, 3]), "priority_id": priority,
            "client_id": client["id"], "client_name": client["name"],
            "agent_id": agent["id"], "agent_name": agent["name"], "team": agent["team"],
            "sla_id": (2 if rng.random() < 0.3 else 1) if has_sla else 0,
            "sla_name": ("Gold" if rng.random() < 0.3 else "Standard") if has_sla else "",
            "respondbydate": stamp(respond_by) if has_sla else NO_DATE,
            "responsedate": stamp(responded) if responded else NO_DATE,
            "fixbydate": stamp(fix_by) if has_sla else NO_DATE,
            "slaholdtime": float(hold_h), "excludefromsla": rng.random() < 0.01,
            "onhold": status == 4,
        })

    # Projects and their tasks: ids after the tickets', listed by /api/Projects only.
    projects = []
    next_id = TICKETS + 1
    for p in range(PROJECTS):
        at = now - dt.timedelta(days=rng.randrange(5, 400))
        pid = next_id
        next_id += 1
        common = {"dateoccurred": stamp(at), "dateclosed": NO_DATE, "status_id": 2, "tickettype_id": 6,
                  "client_id": rng.choice(clients)["id"], "agent_id": rng.choice(working)["id"], "team": "Projects"}
        projects.append({"id": pid, "summary": f"Project {p + 1}", "parent_id": 0, **common})
        for k in range(TASKS_PER_PROJECT):
            projects.append({"id": next_id, "summary": f"Project {p + 1} task {k + 1}", "parent_id": pid, **common})
            next_id += 1
    project_ids = [p["id"] for p in projects]

    # Actions: time entries in the previous month (on tickets open then, 5% on projects), notes
    # without time in that month, and time entries in the months either side of it.
    month_first, month_last = previous_month(today)
    month_start = dt.datetime(month_first.year, month_first.month, month_first.day)
    month_end = dt.datetime(month_last.year, month_last.month, month_last.day) + dt.timedelta(days=1)
    before_start = dt.datetime((month_start - dt.timedelta(days=1)).year, (month_start - dt.timedelta(days=1)).month, 1)
    opened_seconds = [(t - history_start).total_seconds() for t in opened]

    def ticket_open_at(t):
        # a ticket opened in the 45 days before t (bisect over the sorted opening times)
        hi = bisect.bisect_right(opened_seconds, (t - history_start).total_seconds())
        lo = bisect.bisect_left(opened_seconds, (t - dt.timedelta(days=45) - history_start).total_seconds())
        return rng.randrange(lo, hi) + 1 if hi > lo else max(hi, 1)

    def working_time(start, end):
        while True:
            t = start + dt.timedelta(seconds=rng.randrange(int((end - start).total_seconds())))
            if t.weekday() < 5 and 8 <= t.hour < 18:
                return t

    actions = []
    rng = random.Random(SEED + 1)  # the actions' own stream: their weekday rule moves no ticket

    def add_action(t, hours):
        who = rng.choice(working) if rng.random() > 0.01 else None
        on_project = hours > 0 and rng.random() < 0.05
        ticket_id = rng.choice(project_ids) if on_project else ticket_open_at(t)
        billable = rng.random() < 0.75
        charge = round(hours * rng.choice([1.0, 1.0, 1.0, 0.5]), 2) if billable else 0.0
        actions.append({
            "id": len(actions) + 1, "ticket_id": ticket_id, "outcome": "Time logged" if hours else "Note",
            "who": who["name"] if who else "Unassigned", "who_agentid": who["id"] if who else 0,
            "datetime": stamp(t), "note": "Worked on it." if hours else "Customer updated.",
            "timetaken": hours, "actionchargehours": charge, "actionnonchargehours": round(hours - charge, 2),
            "actisbillable": billable, "chargerate": 95.0 if charge else 0.0,
            "actionchargeamount": round(charge * 95.0, 2), "hiddenfromuser": False,
        })
    for _ in range(TIME_ENTRIES):
        add_action(working_time(month_start, month_end), rng.choice([0.25, 0.25, 0.5, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0]))
    for _ in range(NOTES_IN_MONTH):
        add_action(working_time(month_start, month_end), 0)
    outside_end = dt.datetime(today.year, today.month, today.day)
    for i in range(TIME_OUTSIDE):
        if i % 2 == 0 or outside_end <= month_end + dt.timedelta(days=1):
            t = working_time(before_start, month_start)
        else:
            t = working_time(month_end, outside_end)
        add_action(t, rng.choice([0.25, 0.5, 1.0, 2.0]))
    actions.sort(key=lambda a: a["datetime"])
    for i, a in enumerate(actions):
        a["id"] = i + 1

    return {
        "statuses": [{"id": i, "name": n, "type": 2 if i == CLOSED else 0} for i, n in STATUSES],
        "teams": teams, "agents": agents, "clients": clients,
        "tickets": tickets, "projects": projects, "actions": actions,
    }


def write(path, today):
    data = generate(today)
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))
    return data


if __name__ == "__main__":
    import sys
    day = dt.date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else dt.datetime.now(dt.timezone.utc).date()
    d = write(sys.argv[1], day)
    print({k: len(v) for k, v in d.items()})
