"""The fewest Halo requests revenue_breakdown (and, below, ticket_stats and agent_utilisation) can
make for a dataset, computed from the dataset itself (halo-sim --dump-dataset, or the file halo-sim
--dataset serves) and the documented rules, never from the product's code, so the benchmark can tell
whether the product wastes requests.

Rules used (docs/revenue-rules.md, docs/halo-api.md):
- every paged list is read in pages of 100; a list of n records needs max(1, ceil(n/100)) pages;
- contracts (includeinactive) and recurring invoice templates are read whole;
- project ids come in one unpaged answer (Halo pages no ticketidonly list);
- invoices and credit notes are filtered by Halo to [start_date, end_date] (invoicedatestart/end):
  the invoices dated in the window, voided ones included, in pages;
- a client's currency is needed for every record in scope that names none or names "$" (a symbol
  several currencies share); contracts never name one in Halo lists; k such clients cost
  min(k, pages of the whole client list) requests;
- the tenant's label of every billing-period code is learned from one detail per distinct code,
  for contracts and for templates (lists carry codes, details labels).
"""
import json
import math

PAGE = 100
NO_DATE_YEAR = 1901


def _day(text):
    """'2025-06-30T00:00:00' -> '2025-06-30'; Halo's 1900 'no date' and blanks -> None."""
    if not text or not isinstance(text, str) or len(text) < 10:
        return None
    day = text[:10]
    return None if int(day[:4]) < NO_DATE_YEAR else day


def _active_on(start, end, day):
    start, end = _day(start), _day(end)
    return (start is None or start <= day) and (end is None or end >= day)


def _pages(count):
    return max(1, math.ceil(count / PAGE))


def minimum_requests(dataset, as_of, start_date, end_date):
    """A dict: requests per source and 'total' (Halo /api requests; the token is not counted)."""
    contracts = dataset.get("contracts", [])
    templates = dataset.get("recurring_invoices", [])
    invoices = dataset.get("invoices", [])
    out = {
        "contracts": _pages(len(contracts)),
        "recurring_invoices": _pages(len(templates)),
        "projects": 1,
    }
    in_window = [i for i in invoices if start_date <= (_day(i.get("invoice_date")) or "") <= end_date]
    out["invoices"] = _pages(len(in_window))
    out["invoices_in_window"] = sum(1 for i in in_window if not i.get("voided"))

    def names_no_currency(record):
        currency = (record.get("currency") or record.get("currencyisocode") or "").strip()
        return currency in ("", "$")

    needing_currency = set()
    for c in contracts:
        active = (c.get("active", True) and not c.get("expired") and not c.get("inactive")
                  and _active_on(c.get("start_date"), c.get("end_date"), as_of))
        if active and names_no_currency(c):
            needing_currency.add(c.get("client_id"))
    for t in templates:
        if not t.get("disabled") and _active_on(t.get("startdate"), t.get("enddate"), as_of):
            if names_no_currency(t):
                needing_currency.add(t.get("client_id"))
    for i in in_window:
        if not i.get("voided") and names_no_currency(i):
            needing_currency.add(i.get("client_id"))
    clients = dataset.get("clients", [])
    out["clients"] = min(len(needing_currency), _pages(len(clients))) if needing_currency else 0
    out["contract_details"] = len({c.get("billingperiod") for c in contracts if c.get("billingperiod") is not None})
    out["template_details"] = len({t.get("period") for t in templates if t.get("period") is not None})
    out["total"] = sum(v for k, v in out.items() if k != "invoices_in_window")
    return out


# ---- the service-desk analytics (docs/analytics.md; requests as the issue counts them) ------------
#
# ticket_stats over the local days [start, end] (instants [from, until)) needs, from Halo:
# - the tickets opened in the window: Halo filters by date (datesearch=dateoccured), so every page
#   is one of them: pages(opened in the window);
# - the tickets closed in the window that were opened before it (the others are in the first list):
#   Halo filters by close date and orders by date opened, oldest first; the reader cannot know
#   where those end without the page holding the first ticket opened at/after `from`:
#   floor(k / 100) + 1 pages for k such tickets, at most the pages of the whole filtered list;
# - the backlog from before the window (open now, opened before it), the same way over the open
#   tickets (open_only=true);
# - when the window is over, the tickets closed after it (they were open at its end), the same way;
# - the project ids, which are not tickets: one unpaged request (ticketidonly);
# - the team list, one request, only when a team is asked for or grouped by.
# agent_utilisation needs the window's time entries (one unpaged /api/Actions request, Halo
# filtering by date), the agents (one unpaged request), the project ids (one) and every page of the
# open tickets (open tickets per agent; no filter narrows them).


def _instant(text):
    """Halo timestamp -> 'YYYY-MM-DDTHH:MM:SS' (sortable, UTC); the 1900 'no date' -> None."""
    if not text or not isinstance(text, str) or len(text) < 19 or int(text[:4]) < NO_DATE_YEAR:
        return None
    return text[:19]


def _is_open(ticket, closed_statuses):
    return ticket.get("status_id") not in closed_statuses


def _closed_statuses(dataset):
    ids = {s["id"] for s in dataset.get("statuses", [])
           if str(s.get("name", "")).lower() in ("closed", "resolved", "cancelled") or s.get("type") == 2}
    return ids or {9}


def _boundary_pages(tickets, start):
    """Pages an oldest-first walk reads to reach the first ticket opened at/after `start`."""
    before = sum(1 for t in tickets if (_instant(t.get("dateoccurred")) or "") < start)
    return min(_pages(len(tickets)), before // PAGE + 1)


def ticket_stats_minimum(dataset, start_day, end_day, window_over=False, today=None, team=False):
    """Requests ticket_stats needs for the window of days [start_day, end_day] (UTC), and the
    in-window count the issue's budget is stated in (ceil(in-window / 100) + 5)."""
    tickets = dataset.get("tickets", [])
    closed_statuses = _closed_statuses(dataset)
    start, end = start_day + "T00:00:00", end_day + "T23:59:59"
    opened = [t for t in tickets if start <= (_instant(t.get("dateoccurred")) or "") <= end]
    closed = [t for t in tickets if start <= (_instant(t.get("dateclosed")) or "") <= end]
    still_open = [t for t in tickets if _is_open(t, closed_statuses)]
    out = {
        "opened_pages": _pages(len(opened)),
        "closed_pages": _boundary_pages(closed, start),
        "open_pages": _boundary_pages(still_open, start),
        "projects": 1,
    }
    if window_over:
        later = [t for t in tickets if end < (_instant(t.get("dateclosed")) or "") <= (today or "9999") + "T23:59:59"]
        out["later_pages"] = _boundary_pages(later, start)
    if team:
        out["teams"] = 1
    out["total"] = sum(out.values())
    out["in_window"] = len(opened)
    out["closed_in_window"] = len(closed)
    out["closed_in_window_opened_before"] = sum(1 for t in closed if _instant(t.get("dateoccurred")) < start)
    out["open_now"] = len(still_open)
    out["open_opened_before"] = sum(1 for t in still_open if (_instant(t.get("dateoccurred")) or "") < start)
    out["issue_budget"] = math.ceil(len(opened) / PAGE) + 5
    # Dependent round trips: page 1 of the opened list tells how many pages follow; each page of an
    # oldest-first walk decides whether the next is needed.
    out["critical_path"] = max(2 if out["opened_pages"] > 1 else 1, out["closed_pages"], out["open_pages"],
                               out.get("later_pages", 1))
    return out


def agent_utilisation_minimum(dataset, start_day, end_day):
    tickets = dataset.get("tickets", [])
    closed_statuses = _closed_statuses(dataset)
    start, end = start_day + "T00:00:00", end_day + "T23:59:59"
    open_now = sum(1 for t in tickets if _is_open(t, closed_statuses))
    out = {"actions": 1, "agents": 1, "projects": 1, "open_ticket_pages": _pages(open_now)}
    out["total"] = sum(out.values())
    out["time_entries"] = sum(1 for a in dataset.get("actions", [])
                              if (a.get("timetaken") or 0) > 0 and start <= (_instant(a.get("datetime")) or "") <= end)
    out["open_now"] = open_now
    out["critical_path"] = 2 if out["open_ticket_pages"] > 1 else 1
    return out


if __name__ == "__main__":
    import sys
    with open(sys.argv[1]) as f:
        data = json.load(f)
    print(json.dumps(minimum_requests(data, sys.argv[2], sys.argv[3], sys.argv[4]), indent=1))
