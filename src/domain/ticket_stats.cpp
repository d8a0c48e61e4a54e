// The service-desk statistics (see ticket_stats.hpp).
#include "domain/ticket_stats.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace domain {
namespace {

using std::chrono::sys_days;

double hours_between(Instant a, Instant b) { return static_cast<double>((b - a).count()) / 3600.0; }

/// Collects durations, then summarises them.
struct DurationSet {
  std::vector<double> hours;
  [[nodiscard]] Durations summary() const {
    Durations d;
    d.count = static_cast<std::int64_t>(hours.size());
    if (hours.empty()) return d;
    double sum = 0;
    for (double h : hours) sum += h;
    d.mean_hours = sum / static_cast<double>(hours.size());
    std::vector<double> sorted = hours;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t mid = sorted.size() / 2;
    d.median_hours = sorted.size() % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    return d;
  }
};

struct Accumulator {
  StatsRow row;
  DurationSet response, resolution;
  void add(const ServiceTicket& t, const LocalWindow& w) {
    const bool opened = w.contains(t.opened);
    const bool closed = w.contains(t.closed);
    const bool open_at_end = t.opened && *t.opened < w.until && (!t.closed || *t.closed >= w.until);
    row.opened += opened;
    row.closed += closed;
    row.open_at_end += open_at_end;
    if (opened && t.responded) response.hours.push_back(hours_between(*t.opened, *t.responded));
    if (closed && t.opened) resolution.hours.push_back(hours_between(*t.opened, *t.closed));
    if (t.exclude_from_sla) return;
    if (opened && t.respond_by) {
      if (t.responded) {
        (*t.responded <= *t.respond_by ? row.sla.response_met : row.sla.response_breached) += 1;
      } else if (*t.respond_by < w.until) {
        row.sla.response_breached += 1;
      }
    }
    if (closed && t.fix_by) (*t.closed <= *t.fix_by ? row.sla.fix_met : row.sla.fix_breached) += 1;
    if (open_at_end && t.fix_by && *t.fix_by < w.until) row.sla.fix_breached += 1;
  }
  StatsRow finish() {
    row.response = response.summary();
    row.resolution = resolution.summary();
    return row;
  }
};

const GroupKey& key_for(const ServiceTicket& t, GroupBy by) {
  switch (by) {
    case GroupBy::kClient: return t.client;
    case GroupBy::kAgent: return t.agent;
    case GroupBy::kTeam: return t.team;
    case GroupBy::kStatus: return t.status;
    case GroupBy::kPriority: return t.priority;
    case GroupBy::kTicketType: return t.tickettype;
    case GroupBy::kNone: break;
  }
  return t.client;  // unreachable: kNone has no groups
}

Date next_period(Date start, Interval interval) {
  switch (interval) {
    case Interval::kDay: return Date{sys_days{start} + std::chrono::days{1}};
    case Interval::kWeek: return Date{sys_days{start} + std::chrono::days{7}};
    default: return Date{start.year() / start.month() / 1} + std::chrono::months{1};
  }
}

double round_to(double value, double scale) { return std::round(value * scale) / scale; }

}  // namespace

LocalWindow make_local_window(Date start, Date end, const TimeZone& zone) {
  return LocalWindow{start, end, zone.start_of(start), zone.start_of(Date{sys_days{end} + std::chrono::days{1}}),
                     zone};
}

Date period_start(Date day, Interval interval) {
  switch (interval) {
    case Interval::kWeek: {
      const std::chrono::weekday wd{sys_days{day}};
      // iso_encoding: Monday 1 ... Sunday 7.
      return Date{sys_days{day} - std::chrono::days{wd.iso_encoding() - 1}};
    }
    case Interval::kMonth: return Date{day.year() / day.month() / 1};
    default: return day;
  }
}

TicketStats compute_ticket_stats(std::span<const ServiceTicket> tickets, const LocalWindow& window, GroupBy group_by,
                                 Interval interval) {
  Accumulator totals;
  std::map<GroupKey, Accumulator> groups;
  for (const ServiceTicket& t : tickets) {
    const bool relevant = window.contains(t.opened) || window.contains(t.closed) ||
                          (t.opened && *t.opened < window.until && (!t.closed || *t.closed >= window.until));
    if (!relevant) continue;
    totals.add(t, window);
    if (group_by != GroupBy::kNone) {
      Accumulator& group = groups[key_for(t, group_by)];
      group.row.key = key_for(t, group_by);
      group.add(t, window);
    }
  }
  TicketStats out;
  out.totals = totals.finish();
  for (auto& [key, acc] : groups) out.groups.push_back(acc.finish());
  std::sort(out.groups.begin(), out.groups.end(), [](const StatsRow& a, const StatsRow& b) {
    if (a.opened != b.opened) return a.opened > b.opened;
    if (a.open_at_end != b.open_at_end) return a.open_at_end > b.open_at_end;
    if (a.key.id.has_value() != b.key.id.has_value()) return a.key.id.has_value();  // "(none)" last
    if (a.key.id != b.key.id) return a.key.id < b.key.id;
    return a.key.name < b.key.name;
  });
  if (interval != Interval::kNone) {
    for (Date p = period_start(window.start, interval); p <= window.end; p = next_period(p, interval)) {
      out.series.push_back(SeriesPoint{p, 0, 0});
    }
    auto bump = [&](std::optional<Instant> when, std::int64_t SeriesPoint::*field) {
      if (!window.contains(when)) return;
      const Date start = period_start(window.zone.local_date(*when), interval);
      auto at = std::lower_bound(out.series.begin(), out.series.end(), start,
                                 [](const SeriesPoint& p, Date d) { return p.period_start < d; });
      if (at != out.series.end() && at->period_start == start) ++((*at).*field);
    };
    for (const ServiceTicket& t : tickets) {
      bump(t.opened, &SeriesPoint::opened);
      bump(t.closed, &SeriesPoint::closed);
    }
  }
  return out;
}

util::Json hours_json(std::optional<double> hours) {
  if (!hours) return nullptr;
  return round_to(*hours, 100.0);
}

util::Json percent_json(double part, double whole) {
  if (whole == 0) return nullptr;
  return round_to(part / whole * 100.0, 10.0);
}

util::Json stats_row_json(const StatsRow& row) {
  auto durations = [](const Durations& d) {
    return util::Json{{"count", d.count}, {"mean_hours", hours_json(d.mean_hours)},
                      {"median_hours", hours_json(d.median_hours)}};
  };
  const SlaCounts& s = row.sla;
  util::Json sla{{"response_met", s.response_met},
                 {"response_breached", s.response_breached},
                 {"response_compliance_pct",
                  percent_json(static_cast<double>(s.response_met), static_cast<double>(s.response_met + s.response_breached))},
                 {"fix_met", s.fix_met},
                 {"fix_breached", s.fix_breached},
                 {"fix_compliance_pct",
                  percent_json(static_cast<double>(s.fix_met), static_cast<double>(s.fix_met + s.fix_breached))}};
  return util::Json{{"opened", row.opened},
                    {"closed", row.closed},
                    {"open_at_end", row.open_at_end},
                    {"response", durations(row.response)},
                    {"resolution", durations(row.resolution)},
                    {"sla", std::move(sla)}};
}

}  // namespace domain
