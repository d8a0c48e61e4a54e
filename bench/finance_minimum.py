"""The fewest Halo requests the finance analytics can make for a dataset, computed from the dataset
(halo-sim --dump-dataset) and Halo's documented capabilities (docs/halo-api.md), never from the
product's code, so the benchmark can tell whether a tool wastes requests.

What Halo can and cannot do for these tools:
- paged lists come in pages of 100: a list of n records needs max(1, ceil(n / 100)) pages;
- invoices: Halo filters by invoice date (invoicedateend) but has no filter on what is still due,
  on voided, or on due date; every invoice and credit note dated up to as_of is read;
- time entries: one unpaged /api/Actions request for the window (Halo filters by date); an action
  names no client, so the client of every ticket with unbilled time is read in batches of 100 ids
  (/api/Tickets?ticketids=...), then the ids Tickets does not know from /api/Projects the same way;
- a client's currency: every record in scope that names none (an action never does) or names "$"
  costs its client's currency; k such clients cost min(k, pages of the whole client list);
- contracts and recurring-invoice templates are read whole, plus one detail per distinct
  billing-period code (lists carry codes, details the tenant's labels).
"""
import math

PAGE = 100
NO_DATE_YEAR = 1901


def _day(text):
    if not text or not isinstance(text, str) or len(text) < 10:
        return None
    day = text[:10]
    return None if int(day[:4]) < NO_DATE_YEAR else day


def _pages(count):
    return max(1, math.ceil(count / PAGE))


def _batches(count):
    return math.ceil(count / PAGE)


def _names_no_currency(record):
    currency = (record.get("currency") or record.get("currencyisocode") or "").strip()
    return currency in ("", "$")


def _currency_reads(clients_needing, dataset):
    return min(len(clients_needing), _pages(len(dataset.get("clients", [])))) if clients_needing else 0


def receivables_minimum(dataset, as_of):
    invoices = [i for i in dataset.get("invoices", []) if (_day(i.get("invoice_date")) or "") <= as_of]
    open_ = [i for i in invoices if not i.get("voided") and (i.get("amountdue") or 0) > 0]
    needing = {i.get("client_id") for i in open_ if _names_no_currency(i)}
    out = {"invoices": _pages(len(invoices)), "clients": _currency_reads(needing, dataset)}
    out["total"] = sum(out.values())
    out["invoices_read"] = len(invoices)
    out["open_invoices"] = len(open_)
    return out


def _instant(text):
    if not text or not isinstance(text, str) or len(text) < 19 or int(text[:4]) < NO_DATE_YEAR:
        return None
    return text[:19]


def _unbilled(action):
    number = str(action.get("actioninvoicenumber") or "").strip()
    return (action.get("actisbillable") is not False and (action.get("actionchargehours") or 0) > 0
            and number in ("", "0") and not action.get("invoice_id"))


def unbilled_minimum(dataset, start_day, end_day):
    start, end = start_day + "T00:00:00", end_day + "T23:59:59"
    entries = [a for a in dataset.get("actions", [])
               if (a.get("timetaken") or 0) > 0 and start <= (_instant(a.get("datetime")) or "") <= end]
    unbilled = [a for a in entries if _unbilled(a)]
    ticket_ids = {a.get("ticket_id") for a in unbilled}
    known_tickets = {t.get("id") for t in dataset.get("tickets", [])}
    projects = [i for i in ticket_ids if i not in known_tickets]
    owner = {t.get("id"): t.get("client_id") for t in dataset.get("tickets", [])}
    owner.update({p.get("id"): p.get("client_id") for p in dataset.get("projects", [])})
    clients = {owner.get(i) for i in ticket_ids if owner.get(i)}
    out = {"actions": 1, "tickets": _batches(len(ticket_ids)), "projects": _batches(len(projects)),
           "clients": _currency_reads(clients, dataset)}
    out["total"] = sum(out.values())
    out["time_entries"] = len(entries)
    out["unbilled_entries"] = len(unbilled)
    out["unbilled_tickets"] = len(ticket_ids)
    return out


def _active_on(start, end, day):
    start, end = _day(start), _day(end)
    return (start is None or start <= day) and (end is None or end >= day)


def renewals_minimum(dataset, as_of, last_day):
    contracts = dataset.get("contracts", [])
    templates = dataset.get("recurring_invoices", [])
    needing = set()
    for c in contracts:
        ends = _day(c.get("end_date"))
        if ends and as_of <= ends <= last_day and not c.get("expired") and _active_on(c.get("start_date"), ends, as_of):
            needing.add(c.get("client_id"))  # a contract list names no currency
    for t in templates:
        ends = _day(t.get("enddate"))
        if ends and as_of <= ends <= last_day and not t.get("disabled") and _names_no_currency(t):
            needing.add(t.get("client_id"))
    out = {"contracts": _pages(len(contracts)), "recurring_invoices": _pages(len(templates)),
           "contract_details": len({c.get("billingperiod") for c in contracts if c.get("billingperiod") is not None}),
           "template_details": len({t.get("period") for t in templates if t.get("period") is not None}),
           "clients": _currency_reads(needing, dataset)}
    out["total"] = sum(out.values())
    return out
