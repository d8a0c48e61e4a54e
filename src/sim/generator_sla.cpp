// Halo's SLA fields on generated tickets: the SLA (sla_id, sla_name), its respond-by and fix-by
// times, the first response, the hours on hold (slaholdtime, which pushes fix-by out) and the
// excludefromsla flag. They draw from a side stream of the ticket's own, so adding them moved no
// draw of the main stream: every other field of every record is what it was without them.
//
// The spread is what service-desk analytics must tell apart: most tickets responded to within
// target, some late and some never; closed tickets mostly fixed by their fix-by, some after; open
// tickets past their fix-by (breached), due within a day (at risk) or due later. The open
// tickets' three groups are kept apart by whole days around `today` so that they are the same for
// any "now" on today before 19:00 UTC (the tool tests take today at noon): breached before today
// began, at risk today from 19:00 to midnight, the rest from the day after tomorrow.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "sim/dates.hpp"
#include "sim/generator_state.hpp"

namespace sim::gen {

using util::Json;
namespace d = dates;

namespace {

constexpr long kHour = 3600;
constexpr long kDay = 24 * kHour;

struct Targets {
  long respond_s;  ///< respond-by, after opening
  long fix_s;      ///< fix-by, after opening, before hold time
};

/// The tenant's SLA targets by priority (both SLAs share them; Gold is about who pays for it).
Targets targets_for(int priority) {
  switch (priority) {
    case 1: return {1 * kHour, 1 * kDay};
    case 2: return {4 * kHour, 3 * kDay};
    case 3: return {8 * kHour, 5 * kDay};
    default: return {24 * kHour, 7 * kDay};
  }
}

/// Seconds since 1970 of a generated Halo timestamp ("YYYY-MM-DDTHH:MM:SS…"); the fraction is dropped.
long seconds_of(const std::string& stamp) {
  const long day = d::parse_day(stamp).value_or(0);
  const long h = std::stol(stamp.substr(11, 2)), m = std::stol(stamp.substr(14, 2)), s = std::stol(stamp.substr(17, 2));
  return day * kDay + h * kHour + m * 60 + s;
}

/// The Halo timestamp of an instant, in the spelling the ticket's other dates use.
std::string stamp_of(long seconds) {
  const long day = seconds >= 0 ? seconds / kDay : -((-seconds + kDay - 1) / kDay);
  return d::halo_timestamp(day, static_cast<int>(seconds - day * kDay), 0);
}

/// Hours between lo and hi, in quarter hours: a decimal like Halo's, and a whole number of seconds,
/// so fix-by is exactly the target plus the hold.
double hours_between(Rng& r, double lo, double hi) {
  return std::round((lo + r.unit() * (hi - lo)) * 4.0) / 4.0;
}

long whole_seconds(double hours) { return static_cast<long>(std::lround(hours * 3600.0)); }

/// What a ticket's first response may be: none, or an instant.
constexpr long kNoResponse = -1;

/// The latest response a ticket can have: not after it closed, not after `now` while it is open;
/// never before it was opened (a few generated tickets close on their opening day at an earlier
/// hour than they opened: those were answered as they were logged).
long respond_at_or_before(long at, long opened, bool closed, long closed_at, long now) {
  if (closed) return std::clamp(at, opened, std::max(opened, closed_at));
  return at > now ? kNoResponse : std::max(at, opened);  // not answered yet
}

/// The first response under an SLA: within target (most), late, or never.
long first_response(Rng& r, long opened, long target, bool closed, long closed_at, long now) {
  const double u = r.unit();
  const double never_share = closed ? 0.03 : 0.15, late_share = closed ? 0.12 : 0.10;
  if (u < never_share) return kNoResponse;
  const bool late = u < never_share + late_share;
  const double within = late ? 1.1 + r.unit() * 3.0 : 0.05 + r.unit() * 0.95;  // times the target
  const long at = opened + static_cast<long>(within * static_cast<double>(target));
  return respond_at_or_before(at, opened, closed, closed_at, now);
}

/// A hold time that puts fix-by (base + hold) in [lo, hi), quarter hours, at least min_hold and
/// at most max_hold; none when no such hold exists.
std::optional<double> hold_for(Rng& r, long base, long lo, long hi, double min_hold, double max_hold) {
  const double from = std::max(min_hold, std::ceil(static_cast<double>(lo - base) / 900.0) / 4.0);
  const double to = std::min(max_hold, std::floor(static_cast<double>(hi - 1 - base) / 900.0) / 4.0);
  if (to < from) return std::nullopt;
  return hours_between(r, from, to);
}

}  // namespace

void add_sla_fields(Generation& g, Json& t, bool closed, bool is_project) {
  const int id = t["id"].get<int>();
  Rng r = g.side_stream(kSlaStream, id);
  const long opened = seconds_of(t["dateoccurred"].get<std::string>());
  const long closed_at = closed ? seconds_of(t["dateclosed"].get<std::string>()) : 0;
  // The dataset's "now": today at noon (no generated record is later than today 17:00).
  const long now = g.today * kDay + 12 * kHour;
  const bool on_hold = t.value("onhold", false);

  // Projects run for weeks under a budget, not an SLA; a few tickets have none either.
  const bool has_sla = !is_project && !r.chance(0.04);
  const bool gold = t["client_id"].get<int>() % 3 == 0;  // the SLA comes with the customer's contract
  const bool excluded = has_sla && r.chance(0.04);
  const Targets target = targets_for(t["priority_id"].get<int>());

  long respond_by = 0, fix_by = 0;
  double hold = 0;
  long response;
  if (!has_sla) {
    // Answered all the same, some time in the first working day.
    response = respond_at_or_before(opened + r.range(600, 8 * kHour), opened, closed, closed_at, now);
  } else {
    respond_by = opened + target.respond_s;
    response = first_response(r, opened, target.respond_s, closed, closed_at, now);
    const double min_hold = on_hold ? 0.25 : 0.0;  // on hold now: its clock has started
    if (on_hold || r.chance(0.25)) hold = hours_between(r, 0.25, on_hold ? 72.0 : 24.0);
    const long base = opened + target.fix_s;  // fix-by before hold time
    if (closed) {
      // Mostly fixed in time. The generated tickets close up to 12 days after opening whatever their
      // priority, so one fixed in time after its target was on hold (waiting on the customer) for
      // the difference: that is where most tickets' hold time comes from.
      if (r.chance(0.85)) {
        if (base + whole_seconds(hold) < closed_at) hold = hold_for(r, base, closed_at, closed_at + kDay, 0, 1e9).value_or(hold);
      } else if (base < closed_at) {
        hold = hold_for(r, base, base, closed_at, 0, hold).value_or(0.0);  // fixed after its fix-by
      }
    } else {
      const long today0 = g.today * kDay;
      constexpr double kMaxHold = 14 * 24;  // longer holds than a fortnight are rare
      const std::optional<double> breached = hold_for(r, base, base, today0, min_hold, min_hold + 48);
      const std::optional<double> at_risk = hold_for(r, base, today0 + 19 * kHour, today0 + kDay, min_hold, kMaxHold);
      const double natural = std::max(hold, min_hold);
      const std::optional<double> later = base + whole_seconds(natural) >= today0 + 2 * kDay
                                              ? std::optional<double>(natural)
                                              : hold_for(r, base, today0 + 2 * kDay, today0 + 9 * kDay, min_hold, kMaxHold);
      const double u = r.unit();
      if (u < 0.3 && breached) {
        hold = *breached;
      } else if (u < 0.65 && at_risk) {
        hold = *at_risk;
      } else {
        hold = later ? *later : (breached ? *breached : natural);  // an old ticket cannot be due later
      }
    }
    fix_by = base + whole_seconds(hold);
  }

  t["sla_id"] = has_sla ? (gold ? 2 : 1) : 0;
  t["sla_name"] = has_sla ? (gold ? "Gold" : "Standard") : "";
  t["respondbydate"] = has_sla ? stamp_of(respond_by) : std::string(d::kNoDate);
  t["responsedate"] = response == kNoResponse ? std::string(d::kNoDate) : stamp_of(response);
  t["fixbydate"] = has_sla ? stamp_of(fix_by) : std::string(d::kNoDate);
  t["excludefromsla"] = excluded;
  t["slaholdtime"] = hold;

  if (is_project) return;
  const bool measured = has_sla && !excluded;
  g.sla_outcomes.push_back(SlaOutcome{t["priority_id"].get<int>(), opened / kDay, measured,
                                      measured && response != kNoResponse && response <= respond_by, closed,
                                      closed ? closed_at / kDay : 0, measured && closed && closed_at <= fix_by});
}

}  // namespace sim::gen
